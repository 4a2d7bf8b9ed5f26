package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile configurations of an adversarial probe, kept as a corpus ({@code
 * src/test/resources/hostile/}, plus the ones too large or too special to keep as files, made here)
 * and run through {@code kiwiops check-config} as a user runs it. Each must end within a bound,
 * with exit 2, {@code FILE:LINE: message} lines, no stack trace and no secret.
 */
class HostileConfigTest {
  /** Far above what any case takes; only a hang or a quadratic blow-up reaches it. */
  private static final Duration BOUND = Duration.ofSeconds(10);

  private static final String KEY = "private_corpuscorpuscorpuscorpus";
  private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  private static Path corpus;

  @BeforeAll
  static void copyTheCorpus(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException, URISyntaxException, InterruptedException {
    Path source = Path.of(HostileConfigTest.class.getResource("/hostile").toURI());
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    String servers = "servers:\n  web1: { veid: 1001, api-key: k }\n";
    Files.writeString(
        dir.resolve("generated-long-line.yml"),
        servers + "# " + "x".repeat(ConfigText.MAX_LINE) + "\n");
    Files.writeString(
        dir.resolve("generated-one-huge-line.yml"), "# " + "x".repeat(900 * 1024) + "\n" + servers);
    try (OutputStream out = Files.newOutputStream(dir.resolve("generated-8-mib.yml"))) {
      byte[] line = ("# " + "x".repeat(1021) + "\n").getBytes(StandardCharsets.UTF_8);
      out.write(servers.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 8 * 1024; i++) {
        out.write(line);
      }
    }
    mkfifo(dir.resolve("pipe.key"));
    mkfifo(dir.resolve("generated-config-is-a-pipe.yml"));
    Files.createDirectory(dir.resolve("generated-config-is-a-folder.yml"));
    Files.createSymbolicLink(dir.resolve("generated-config-is-dev-zero.yml"), Path.of("/dev/zero"));
    corpus = dir;
  }

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).isZero();
  }

  static Stream<String> hostileConfigurations() throws IOException, URISyntaxException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files =
        Files.list(Path.of(HostileConfigTest.class.getResource("/hostile").toURI()))) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".yml"))
          .forEach(names::add);
    }
    names.addAll(
        List.of(
            "generated-long-line.yml",
            "generated-one-huge-line.yml",
            "generated-8-mib.yml",
            "generated-config-is-a-pipe.yml",
            "generated-config-is-a-folder.yml",
            "generated-config-is-dev-zero.yml"));
    return names.stream().sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileConfigurations")
  void checkConfigRefusesItQuicklyWithFileAndLineAndNoSecret(String name) {
    Path config = corpus.resolve(name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                Main.run(
                    new String[] {"check-config", "--config", config.toString()},
                    new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));

    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).startsWith(config + ":").matches(".*?:\\d+: .+"));
    assertThat(printed)
        .doesNotContain("Exception", "Error", "\tat ")
        .doesNotContain(KEY, TOKEN, TOKEN.substring(TOKEN.indexOf(':') + 1))
        .hasSizeLessThan(4096);
  }
}

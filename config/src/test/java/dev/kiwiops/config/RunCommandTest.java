package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.simulator.KiwiVmSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiwiops run} startup problems: one sentence, exit 2 (configuration) or 1 (runtime). */
class RunCommandTest {
  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startSimulator() {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
  }

  @AfterEach
  void stopSimulator() {
    sim.close();
  }

  private int run(String yaml) throws Exception {
    Path file = RunFixture.write(dir, yaml);
    return Main.run(
        new String[] {"run", "--config", file.toString()},
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String config(String extra) throws Exception {
    String keys =
        RunFixture.yaml(
            sim, RunFixture.freePort(), "  - { user: \"console:a\", roles: [admin] }\n", extra);
    for (var e : RunFixture.ENV.entrySet()) {
      keys = keys.replace("${" + e.getKey() + "}", e.getValue());
    }
    return keys;
  }

  @Test
  void aConfigurationProblemIsExit2WithItsLine() throws Exception {
    assertThat(run(config("logging: { format: yaml }\n"))).isEqualTo(2);

    assertThat(err())
        .contains("kiwiops.yml:11: logging.format: 'yaml' is not text or json")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void aPlatformSectionItsAdapterRefusesIsExit2InOneSentence() throws Exception {
    assertThat(
            run(
                config(
                    "telegram: { token: \"123:secret-token\", api-url: http://127.0.0.1:9/bot }\n")))
        .isEqualTo(2);

    assertThat(err())
        .contains("kiwiops: telegram.api-url takes a scheme, host and port only")
        .doesNotContain("secret-token")
        .doesNotContain("\tat ");
  }

  @Test
  void aPlatformThatCannotConnectIsExit1InOneSentenceWithoutItsToken() throws Exception {
    int closed = RunFixture.freePort();

    int code =
        run(
            config(
                "telegram: { token: \"123:secret-token\", api-url: http://127.0.0.1:"
                    + closed
                    + " }\n"));

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .startsWith("kiwiops: telegram cannot start:")
        .doesNotContain("secret-token")
        .doesNotContain("\tat ");
    assertThat(err().strip().lines()).hasSize(1);
  }

  @Test
  void aStoreThatCannotBeOpenedIsExit1InOneSentence() throws Exception {
    Files.writeString(dir.resolve("blocker"), "a file where the store's folder should be");

    int code =
        run(config("").replace("jdbc:sqlite:data/kiwiops.db", "jdbc:sqlite:blocker/kiwiops.db"));

    assertThat(code).isEqualTo(1);
    assertThat(err()).startsWith("kiwiops: the store cannot be opened:").doesNotContain("\tat ");
    assertThat(err().strip().lines()).hasSize(1);
  }

  @Test
  void aPortInUseIsExit1InOneSentence() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      String yaml =
          config("").replaceAll("http: \\{ port: \\d+", "http: { port: " + taken.getLocalPort());

      assertThat(run(yaml)).isEqualTo(1);
    }
    assertThat(err())
        .startsWith("kiwiops: cannot serve HTTP on 127.0.0.1:")
        .doesNotContain("\tat ");
  }
}

package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.simulator.KiwiVmSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two kiwiops processes on one SQLite store (two assembled apps on one file): only one watches; the
 * other says so in one sentence and serves commands.
 */
class SharedStoreTest {
  private static final String REFUSED_PREFIX = "another kiwiops process watches this store (since ";
  private static final String REFUSED_SUFFIX = "); this one runs without a watcher";

  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private Path config;

  @BeforeEach
  void start() throws IOException {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
    config = dir.resolve("kiwiops.yml");
    Files.writeString(
        config,
        "kiwivm: { api-url: \""
            + sim.apiBase()
            + "\", timeout: 10s }\n"
            + "servers:\n"
            + "  web1: { veid: 1001, api-key: \""
            + KiwiVmSimulator.DEMO_KEYS.get(1001L)
            + "\" }\n"
            + "access:\n"
            + "  - { user: \"console:ada\", roles: [admin] }\n"
            + "store: { url: \"jdbc:sqlite:data/shared.db\" }\n");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Kiwiops assemble() throws Exception {
    return Kiwiops.assemble(ConfigLoader.load(config), List.of(), true);
  }

  @Test
  void theSecondWatcherIsRefusedInOneSentenceAndTakesOverOnceTheFirstIsClosed() throws Exception {
    Kiwiops first = assemble().start();
    try (Kiwiops second = assemble()) {
      assertThat(first.watching()).isTrue();
      assertThat(first.watchNotice()).isEmpty();

      second.start();

      assertThat(second.watching()).isFalse();
      assertThat(second.watcher().isWatching()).isFalse();
      assertThat(second.watchNotice().orElseThrow())
          .startsWith(REFUSED_PREFIX)
          .endsWith(REFUSED_SUFFIX)
          .doesNotContain("\n");

      first.close(Duration.ofSeconds(5));
      second.start();

      assertThat(second.watching()).isTrue();
      assertThat(second.watcher().isWatching()).isTrue();
      assertThat(second.watchNotice()).isEmpty();
    } finally {
      first.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void aProcessAskedNotToWatchNeitherTakesTheLeaseNorComplains() throws Exception {
    try (Kiwiops quiet = Kiwiops.assemble(ConfigLoader.load(config), List.of(), false);
        Kiwiops watching = assemble()) {
      quiet.start();
      watching.start();

      assertThat(quiet.watching()).isFalse();
      assertThat(quiet.watchNotice()).isEmpty();
      assertThat(watching.watching()).isTrue();
    }
  }

  @Test
  void aSecondConsoleSaysItRunsWithoutAWatcherAndStillServesCommands() throws Exception {
    try (Kiwiops first = assemble().start()) {
      assertThat(first.watching()).isTrue();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int code =
          Main.run(
              new String[] {"console", "--config", config.toString(), "--user", "ada"},
              new ByteArrayInputStream("alerts\nservers\n".getBytes(StandardCharsets.UTF_8)),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      String errors = err.toString(StandardCharsets.UTF_8);
      assertThat(code).isZero();
      assertThat(errors.lines().filter(l -> l.startsWith("kiwiops: ")).toList())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .startsWith("kiwiops: " + REFUSED_PREFIX)
                      .endsWith(REFUSED_SUFFIX + "."));
      assertThat(errors).doesNotContain("Exception", "\tat ");
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("This process does not watch the servers")
          .contains("web1");
    }
  }
}

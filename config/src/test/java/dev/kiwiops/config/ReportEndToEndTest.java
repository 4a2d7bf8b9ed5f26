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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} end to end: console lines → core → real HTTP client → simulator, and the chart
 * written to the console's attachment folder; filtered by the caller's scope.
 */
class ReportEndToEndTest {
  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void startSimulator() {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
  }

  @AfterEach
  void stopSimulator() {
    sim.close();
  }

  private String console(String user, String input) throws IOException {
    Path config = dir.resolve("kiwiops.yml");
    Files.writeString(
        config,
        "kiwivm: { api-url: \""
            + sim.apiBase()
            + "\", timeout: 10s }\n"
            + "servers:\n"
            + "  web1: { veid: 1001, api-key: \""
            + KiwiVmSimulator.DEMO_KEYS.get(1001L)
            + "\", tags: [prod] }\n"
            + "  legacy1: { veid: 1003, api-key: \""
            + KiwiVmSimulator.DEMO_KEYS.get(1003L)
            + "\" }\n"
            + "access:\n"
            + "  - { user: \"console:ada\", roles: [admin] }\n"
            + "  - { user: \"console:vic\", roles: [viewer], tags: [prod] }\n"
            + "store: { url: \"jdbc:sqlite:data/test.db\" }\n"
            + "reports:\n"
            + "  daily: { at: \"08:00\", zone: Europe/Berlin }\n"
            + "  routes: [ { tags: [prod], telegram-chat: \"-100\" } ]\n");
    out.reset();
    int code =
        Main.run(
            new String[] {
              "console",
              "--config",
              config.toString(),
              "--user",
              user,
              "--no-watch",
              "--attachments",
              dir.resolve("files").toString()
            },
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aViewerGetsTheDigestOfTheirServersOnly() throws IOException {
    sim.server(1001).setDataCounter(400L * 1024 * 1024 * 1024);

    String shown = console("vic", "report\nreport legacy1\n");

    assertThat(shown)
        .contains("Fleet report (1 server)")
        .containsPattern("web1 +ok +400 GiB of ")
        .contains("not known yet")
        .contains("No open incidents.")
        .contains("Unknown server 'legacy1'");
    assertThat(shown.substring(0, shown.indexOf("Unknown server"))).doesNotContain("legacy1");
    try (Stream<Path> files = Files.list(dir.resolve("files"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.contains("fleet-transfer-") && name.endsWith(".png"));
    }
  }

  @Test
  void anAdminSeesTheWholeFleetAndOneServerOnRequest() throws IOException {
    String shown = console("ada", "report\nreport legacy1\n");

    assertThat(shown).contains("Fleet report (2 servers)").contains("legacy1 report");
    assertThat(shown.substring(0, shown.indexOf("legacy1 report"))).contains("web1", "legacy1");
    assertThat(sim.calls(1003, "getServiceInfo")).isNotEmpty();
    assertThat(sim.calls(1003, "snapshot/list")).isNotEmpty();
  }
}

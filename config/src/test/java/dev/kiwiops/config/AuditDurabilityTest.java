package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.SimulatedServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fast audit path keeps (the store keeps one SQLite connection and commits with {@code
 * synchronous=NORMAL}): the request of a destructive command is in the database file before its
 * write reaches KiwiVM, every command is in the file once the app is closed, and a write whose
 * request cannot be audited is never sent. Real simulator over HTTP, real SQLite file, and the file
 * read through a connection of its own, as another process would.
 */
class AuditDurabilityTest {
  private static final Caller ADA = Caller.of(Identity.console("ada"));
  private static final ChatRef CHAT = new ChatRef("console", "tty", true);
  private static final Pattern CODE = Pattern.compile("confirm ([A-Za-z0-9]+)");

  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private Path config;
  private Path store;

  @BeforeEach
  void start() throws IOException {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
    config = dir.resolve("kiwiops.yml");
    store = dir.resolve("data/kiwiops.db");
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
            + "store: { url: \"jdbc:sqlite:data/kiwiops.db\" }\n");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Kiwiops assemble() throws Exception {
    return Kiwiops.assemble(ConfigLoader.load(config), List.of(), false);
  }

  /** The audit entries in the store file, read through a connection of their own. */
  private List<String> entriesInTheFile() throws SQLException {
    List<String> entries = new ArrayList<>();
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + store);
        Statement s = other.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT command, server_name, decision, outcome FROM audit_entry ORDER BY id")) {
      while (rs.next()) {
        entries.add(
            rs.getString(1)
                + " "
                + rs.getString(2)
                + " "
                + rs.getString(3)
                + " "
                + rs.getString(4));
      }
    }
    return entries;
  }

  private static String code(String prompt) {
    Matcher m = CODE.matcher(prompt);
    assertThat(m.find()).as("a confirmation code in: %s", prompt).isTrue();
    return m.group(1);
  }

  @Test
  void theRequestOfADestructiveCommandIsInTheFileWhenKiwiVmReceivesTheWrite() throws Exception {
    try (Kiwiops app = assemble()) {
      CollectingConversation chat = new CollectingConversation();
      app.dispatcher().handle(ADA, CHAT, "power kill web1", chat);
      String code = code(chat.lastText());
      // KiwiVM holds the kill for a while: the test reads the file while the write is in flight.
      sim.faults().forCall("kill").times(1).latency(Duration.ofSeconds(3));

      CompletableFuture<Void> confirming =
          CompletableFuture.runAsync(
              () -> app.dispatcher().handle(ADA, CHAT, "confirm " + code, chat));
      while (sim.calls(KiwiVmSimulator.DEMO_WEB1, "kill").isEmpty()) {
        assertThat(confirming).isNotDone();
        Thread.sleep(5);
      }
      // The pending entry's outcome is that of the preview's reads (state and load before the
      // prompt), which did reach KiwiVM: "ok", not "none".
      List<String> whenTheKillArrived = entriesInTheFile();
      boolean stillInFlight = !confirming.isDone();
      confirming.get();

      assertThat(stillInFlight).as("the file was read while the kill was in flight").isTrue();
      assertThat(whenTheKillArrived).containsExactly("power kill web1 pending ok");
      assertThat(entriesInTheFile())
          .containsExactly("power kill web1 pending ok", "power kill web1 confirmed ok");
    }
  }

  @Test
  void everyCommandIsInTheFileOnceTheConsoleHasQuit() throws Exception {
    int commands = 300;
    String lines = "info web1\n".repeat(commands - 1) + "power kill web1\nquit\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        Main.run(
            new String[] {"console", "--config", config.toString(), "--user", "ada", "--no-watch"},
            new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<String> entries = entriesInTheFile();
    assertThat(entries).hasSize(commands);
    assertThat(entries.subList(0, commands - 1)).containsOnly("info web1 allowed ok");
    assertThat(entries.get(commands - 1)).isEqualTo("power kill web1 pending ok");
    // Closing the app closed the last connection, which moved the WAL into the database file.
    Path wal = store.resolveSibling(store.getFileName() + "-wal");
    assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("WAL checkpointed at close").isTrue();
  }

  @Test
  void aDestructiveCommandWhoseRequestCannotBeAuditedIsNeverSent() throws Exception {
    try (Kiwiops app = assemble()) {
      CollectingConversation chat = new CollectingConversation();
      app.dispatcher().handle(ADA, CHAT, "info web1", chat);
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + store);
          Statement s = other.createStatement()) {
        s.execute("DROP TABLE audit_entry");
      }

      app.dispatcher().handle(ADA, CHAT, "power kill web1", chat);

      assertThat(chat.lastText())
          .contains("The audit trail cannot be written right now, so power kill is paused.")
          .doesNotContainPattern(CODE);
      assertThat(sim.calls(KiwiVmSimulator.DEMO_WEB1, "kill")).isEmpty();
      assertThat(sim.server(KiwiVmSimulator.DEMO_WEB1).powerState())
          .isEqualTo(SimulatedServer.PowerState.RUNNING);
    }
  }
}

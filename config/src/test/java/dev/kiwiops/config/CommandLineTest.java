package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.console.AttachmentFolder;
import dev.kiwiops.console.ConsoleAlertSink;
import dev.kiwiops.console.ConsoleChat;
import dev.kiwiops.console.ConsoleOutput;
import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.complete.Completer;
import dev.kiwiops.core.complete.Suggestions;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.core.watch.Incident;
import dev.kiwiops.simulator.KiwiVmSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end: console lines → core → real HTTP client → simulator, exactly as
 * {@code ./kiwiops console} and {@code ./kiwiops demo} run them.
 */
class CommandLineTest {
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

  private int run(String input, String... args) {
    return Main.run(
        args,
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** {@code ./kiwiops console --config <config> --user <user> <options>}, typing {@code input}. */
  private int console(Path config, String user, String input, String... options) {
    List<String> args =
        new ArrayList<>(List.of("console", "--config", config.toString(), "--user", user));
    args.addAll(List.of(options));
    return run(input, args.toArray(String[]::new));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path config(String access) throws IOException {
    Path file = dir.resolve("kiwiops.yml");
    Files.writeString(
        file,
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
            + access
            + "store: { url: \"jdbc:sqlite:data/test.db\" }\n");
    return file;
  }

  @Test
  void consoleShowsFleetAndDetailsAndPromptsBeforeKill() throws IOException {
    Path config = config("  - { user: \"console:ada\", roles: [admin] }\n");

    int code = console(config, "ada", "servers\ninfo web1\npower kill web1\n");

    assertThat(code).isZero();
    assertThat(out())
        .contains("web1", "legacy1")
        .contains("web1 — info", "Hostname:", "web1.example.net")
        .contains("Confirm power kill web1?", "confirm ");
    assertThat(sim.calls(1001, "kill")).isEmpty();
  }

  @Test
  void confirmedKillReachesTheSimulatorOnceHoweverOftenConfirmIsSent() throws Exception {
    Path config = config("  - { user: \"console:ada\", roles: [operator] }\n");
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    try (Kiwiops app = Kiwiops.assemble(ConfigLoader.load(config), List.of(), false)) {
      ConsoleChat chat =
          new ConsoleChat(
              app.dispatcher(),
              Caller.of(Identity.console("ada")),
              new ConsoleOutput(print, AttachmentFolder.chosen(dir)));
      chat.handle("power kill web1");
      String code = codeIn(out());

      chat.handle("confirm " + code);
      chat.handle("confirm " + code);
      chat.handle("/confirm " + code);
    }

    assertThat(sim.calls(1001, "kill")).hasSize(1);
    assertThat(out()).contains("Killed web1.").contains("no longer valid");
  }

  @Test
  void theCompositionRootCompletesFromWhatServersRead() throws Exception {
    Path config = config("  - { user: \"console:ada\", roles: [operator], servers: [web1] }\n");
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    try (Kiwiops app = Kiwiops.assemble(ConfigLoader.load(config), List.of(), false)) {
      Caller ada = Caller.of(Identity.console("ada"));
      Completer completer = app.completer();
      assertThat(completer.complete(ada, "info", Suggestions.SERVERS, Optional.empty(), "", 25))
          .containsExactly(new Completer.Choice("web1", "web1 (prod)"));
      new ConsoleChat(app.dispatcher(), ada, new ConsoleOutput(print, AttachmentFolder.chosen(dir)))
          .handle("servers");
      sim.clearCalls();

      List<Completer.Choice> isos =
          completer.complete(ada, "iso.mount", Suggestions.ISOS, Optional.of("web1"), "debian", 25);
      List<Completer.Choice> outside =
          completer.complete(ada, "iso.mount", Suggestions.ISOS, Optional.of("legacy1"), "", 25);

      assertThat(isos)
          .extracting(Completer.Choice::value)
          .hasSize(1)
          .allMatch(v -> v.startsWith("debian"));
      assertThat(outside).isEmpty();
      assertThat(sim.calls()).isEmpty();
    }
  }

  private static String codeIn(String prompt) {
    int at = prompt.indexOf("`confirm ") + "`confirm ".length();
    return prompt.substring(at, prompt.indexOf('`', at));
  }

  @Test
  void codeFromAnEarlierRunIsNoLongerValid() throws IOException {
    Path config = config("  - { user: \"console:ada\", roles: [operator] }\n");
    console(config, "ada", "power stop web1\n");
    String code = codeIn(out());
    out.reset();

    console(config, "ada", "confirm " + code + "\n");

    assertThat(out()).contains("no longer valid");
    assertThat(sim.calls(1001, "stop")).isEmpty();
  }

  @Test
  void identityWithoutBindingMayOnlyAskForHelpAndWhoami() throws IOException {
    Path config = config("  - { user: \"console:ada\", roles: [admin] }\n");

    console(config, "mallory", "whoami\nhelp\ninfo web1\n", "--no-watch");

    assertThat(out())
        .contains(
            "console:mallory",
            "none (you can run help and whoami)",
            "You are not allowed to run info.");
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void badCommandAndUnknownServerGetOneUsageLine() throws IOException {
    Path config = config("  - { user: \"console:ada\", roles: [admin] }\n");

    console(config, "ada", "frobnicate\ninfo nope\n", "--no-watch");

    assertThat(out().lines())
        .contains("! Unknown command 'frobnicate'. Type help for the list.")
        .anyMatch(
            l -> l.startsWith("! Unknown server 'nope'") && l.endsWith("Usage: info <server>"));
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void demoPrintsFleetDetailsAndPromptAndExitsAtEndOfInput() {
    int code = run("servers\ninfo web1\npower kill web1\n", "demo", "--user", "demo");

    assertThat(code).isZero();
    assertThat(out())
        .contains("kiwiops demo", "db1", "legacy1", "web1 — info", "Confirm power kill web1?");
  }

  @Test
  void checkConfigPrintsEveryProblemWithItsLineAndExits2() throws IOException {
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, "servers:\n  web1: { veid: x, api-key: k }\nnope: 1\n");

    int code = run("", "check-config", "--config", bad.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err().lines())
        .containsExactly(
            bad + ":2: servers.web1.veid: 'x' is not a whole number",
            bad
                + ":3: the configuration: unknown key 'nope' (expected one of: access, alerts, confirm, discord, http, kiwivm, logging, people, reports, roles, servers, shutdown, store, telegram)");
  }

  @Test
  void consoleWithBrokenConfigListsItsProblemsAndExits2() throws IOException {
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, "servers: 12\n");

    int code = run("", "console", "--config", bad.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err().lines())
        .containsExactly(
            "kiwiops: the configuration cannot be used:",
            bad + ":1: servers: expected a mapping of keys to values");
  }

  @Test
  void importOfAMissingFileIsOneProblemAndExit2() {
    assertThat(run("", "import-csv", dir.resolve("x.csv").toString())).isEqualTo(2);
    assertThat(err()).contains("x.csv:0: not a readable file").contains("nothing was written");
  }

  @Test
  void aStoreThatCannotBeOpenedIsAProblemAtItsLineForCheckConfigAndConsole() throws IOException {
    for (String url : List.of("jdbc:sqlite:/tmp", "jdbc:sqlite:/proc/kiwiops/kiwiops.db")) {
      Path bad = dir.resolve("store.yml");
      Files.writeString(
          bad, "servers:\n  web1: { veid: 1001, api-key: k }\nstore:\n  url: \"" + url + "\"\n");
      err.reset();

      int checked = run("", "check-config", "--config", bad.toString());
      String checkErr = err();
      err.reset();
      int console = run("whoami\n", "console", "--config", bad.toString(), "--no-watch");

      assertThat(checked).isEqualTo(2);
      assertThat(checkErr).startsWith(bad + ":4: store.url: the store cannot be opened: ");
      assertThat(checkErr.lines()).hasSize(1);
      assertThat(out()).doesNotContain("OK");
      assertThat(console).isEqualTo(2);
      assertThat(err().lines())
          .hasSize(2)
          .first()
          .isEqualTo("kiwiops: the configuration cannot be used:");
      assertThat(err()).contains(bad + ":4: store.url: the store cannot be opened: ");
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("", "demo", "--frobnicate")).isEqualTo(2);
    assertThat(err()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void consoleRunsTheWatcherAndPrintsAnAlertAsItArrives() throws Exception {
    Path config = config("  - { user: \"console:ada\", roles: [admin] }\n");
    sim.server(1001).nullroute("192.0.2.10", "UDP flood");
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    ConsoleAlertSink console =
        new ConsoleAlertSink(new ConsoleOutput(print, AttachmentFolder.chosen(dir)));
    CountDownLatch delivered = new CountDownLatch(1);
    AlertSink counting =
        new AlertSink() {
          @Override
          public String id() {
            return console.id();
          }

          @Override
          public Optional<String> deliver(String target, Alert alert) {
            Optional<String> ref = console.deliver(target, alert);
            delivered.countDown();
            return ref;
          }

          @Override
          public void update(String target, String messageRef, Alert alert) {
            console.update(target, messageRef, alert);
          }
        };

    try (Kiwiops app = Kiwiops.assemble(ConfigLoader.load(config), List.of(counting), true)) {
      app.start();
      // The first cycle runs at once on the watcher's threads; wait for its delivery (bounded).
      assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(out()).contains("[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.10");
  }

  @Test
  void aServerStoppedThroughTheBotIsNotReportedDownByTheNextRun() throws Exception {
    Path config = config("  - { user: \"console:ada\", roles: [operator] }\n");
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    try (Kiwiops app = Kiwiops.assemble(ConfigLoader.load(config), List.of(), false)) {
      ConsoleChat chat =
          new ConsoleChat(
              app.dispatcher(),
              Caller.of(Identity.console("ada")),
              new ConsoleOutput(print, AttachmentFolder.chosen(dir)));
      chat.handle("power stop web1");
      chat.handle("confirm " + codeIn(out()));
    }
    assertThat(out()).contains("Stop requested for web1.");
    sim.server(1003).stopOutsideBot();
    List<String> titles = new CopyOnWriteArrayList<>();
    CountDownLatch delivered = new CountDownLatch(1);
    AlertSink recording =
        new AlertSink() {
          @Override
          public String id() {
            return "console";
          }

          @Override
          public Optional<String> deliver(String target, Alert alert) {
            titles.add(alert.title());
            delivered.countDown();
            return Optional.empty();
          }

          @Override
          public void update(String target, String messageRef, Alert alert) {
            titles.add("(edited) " + alert.title());
          }
        };

    Kiwiops app = Kiwiops.assemble(ConfigLoader.load(config), List.of(recording), true);
    try {
      app.start();
      // The first cycle runs at once on the watcher's threads; wait for its delivery (bounded).
      assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      // Lets the polls still in flight finish and deliver.
      app.close();
    }
    List<String> open = app.watcher().openIncidents().stream().map(Incident::title).toList();

    assertThat(titles).containsExactly("legacy1 is down");
    assertThat(open).containsExactly("legacy1 is down");
  }

  @Test
  void noWatchMeansNoPolling() throws Exception {
    Path config = config("  - { user: \"console:ada\", roles: [admin] }\n");
    sim.server(1001).nullroute("192.0.2.10", "UDP flood");

    int code = console(config, "ada", "whoami\n", "--no-watch");

    assertThat(code).isZero();
    assertThat(out()).doesNotContain("nullroute");
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void statusShowsLiveStateAndLeavesOutMemoryOfAStoppedServer() throws Exception {
    Path config = config("  - { user: \"console:ada\", roles: [admin] }\n");
    console(config, "ada", "status web1\nstatus legacy1\n", "--no-watch");
    String running = out();
    sim.server(1001).stopOutsideBot();
    out.reset();

    console(config, "ada", "status web1\n", "--no-watch");

    assertThat(running)
        .contains("web1 — running", "Memory:", "SSH port:")
        .contains("legacy1 — running", "Processes:");
    assertThat(out()).contains("web1 — stopped").doesNotContain("Memory:");
  }

  @Test
  void attachmentsGoToTheNamedPrivateFolderAndTheConsoleSaysWhere() throws Exception {
    Path config = config("  - { user: \"console:ada\", roles: [admin] }\n");
    Path attachments = dir.resolve("attachments");

    int code =
        console(
            config, "ada", "usage web1\n", "--no-watch", "--attachments", attachments.toString());

    assertThat(code).isZero();
    Path chart;
    try (var files = Files.list(attachments)) {
      chart = files.findFirst().orElseThrow();
    }
    assertThat(out()).contains("attachment: " + chart + " (");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(attachments)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(chart)))
        .isEqualTo("rw-------");
  }

  @Test
  void anAttachmentsFolderThatIsALinkIsRefusedBeforeAnythingRuns() throws Exception {
    Path config = config("  - { user: \"console:ada\", roles: [admin] }\n");
    Path link =
        Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("x")));

    int code =
        console(config, "ada", "usage web1\n", "--no-watch", "--attachments", link.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err().strip())
        .isEqualTo(
            "kiwiops: the attachments folder "
                + link
                + " is a symbolic link; name the real folder");
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void helpListsTheWatchersAlertCommandsToo() throws IOException {
    Path config = config("  - { user: \"console:ada\", roles: [operator] }\n");

    run("help\n", "console", "--config", config.toString(), "--user", "ada", "--no-watch");

    assertThat(out()).contains("alerts [server]", "alerts ack <id>", "power kill <server>");
  }
}

package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.console.AttachmentFolder;
import dev.kiwiops.console.ConsoleChat;
import dev.kiwiops.console.ConsoleOutput;
import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Identity;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.SimulatedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confirmation prompts that preview the impact, end to end: console → core → real HTTP client (with
 * its read cache) → simulator. The prompt holds what the reads found; a change made upstream
 * between the prompt and {@code confirm} (while the client still caches the prompt's reads) sends
 * nothing; a failed read refuses with no prompt.
 */
class PreviewEndToEndTest {
  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private SimulatedServer web1;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Kiwiops app;
  private ConsoleChat chat;

  @BeforeEach
  void start() throws Exception {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
    web1 = sim.server(1001);
    Path config = dir.resolve("kiwiops.yml");
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
            + "store: { url: \"jdbc:sqlite:data/test.db\" }\n");
    app = Kiwiops.assemble(ConfigLoader.load(config), List.of(), false);
    chat =
        new ConsoleChat(
            app.dispatcher(),
            Caller.of(Identity.console("ada")),
            new ConsoleOutput(
                new PrintStream(out, true, StandardCharsets.UTF_8), AttachmentFolder.chosen(dir)));
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
    sim.close();
  }

  /** Everything printed since {@code from}. */
  private String since(int from) {
    return out.toString(StandardCharsets.UTF_8).substring(from);
  }

  private int mark() {
    return out.toString(StandardCharsets.UTF_8).length();
  }

  private String prompt(String line) {
    int from = mark();
    chat.handle(line);
    String prompt = since(from);
    assertThat(prompt).contains("`confirm ");
    return prompt;
  }

  private String confirm(String prompt) {
    int at = prompt.indexOf("`confirm ") + "`confirm ".length();
    int from = mark();
    chat.handle("confirm " + prompt.substring(at, prompt.indexOf('`', at)));
    return since(from);
  }

  @Test
  void killPromptShowsTheStateAndAStopOutsideTheBotBeforeConfirmSendsNothing() {
    String prompt = prompt("power kill web1");
    assertThat(prompt).contains("Now: running, load ").contains("any unsaved data is lost");

    web1.stopOutsideBot();
    String answer = confirm(prompt);

    assertThat(answer).contains("Nothing was sent: web1 is already stopped.");
    assertThat(sim.calls(1001, "kill")).isEmpty();
  }

  @Test
  void killIsRefusedWithoutPromptWhenTheStateCannotBeRead() {
    sim.faults().forCall("getLiveServiceInfo").authFailure();
    int from = mark();
    chat.handle("power kill web1");

    assertThat(since(from))
        .contains("Could not read the state of web1")
        .contains("Nothing was changed")
        .doesNotContain("confirm ");
    assertThat(sim.calls(1001, "kill")).isEmpty();
  }

  @Test
  void restorePromptShowsTheSnapshotAndOneDeletedBeforeConfirmSendsNothing() {
    String file = web1.addSnapshot("before upgrade").fileName();
    String restore = prompt("snapshot restore web1 " + file);
    assertThat(restore)
        .contains("Snapshot: \"before upgrade\", taken ")
        .contains("Now on web1: ")
        .contains("used")
        .contains("all of it is replaced by the snapshot");

    String delete = prompt("snapshot delete web1 " + file);
    assertThat(delete).contains("Sticky: no; KiwiVM purges it in ");
    assertThat(confirm(delete)).contains("Deleted " + file);
    String answer = confirm(restore);

    assertThat(answer).contains("Nothing was sent: No snapshot " + file + " on web1");
    assertThat(sim.calls(1001, "snapshot/restore")).isEmpty();
    assertThat(sim.calls(1001, "snapshot/delete")).hasSize(1);
  }

  @Test
  void unsuspendPromptShowsTheRecordAndOneLiftedBeforeConfirmSendsNothing() {
    long record = web1.suspend("spam", true, 25, "mail queue flood");
    String prompt = prompt("abuse unsuspend web1 " + record);
    assertThat(prompt).contains("Suspension record " + record + ": spam, 25 abuse points");

    web1.liftSuspension(record);
    assertThat(confirm(prompt)).contains("Nothing was sent: No suspension record " + record);
    assertThat(sim.calls(1001, "unsuspend")).isEmpty();
  }
}

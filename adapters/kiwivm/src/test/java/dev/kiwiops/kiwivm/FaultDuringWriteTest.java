package dev.kiwiops.kiwivm;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.TestBot;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import dev.kiwiops.simulator.SimulatedServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fault during a write, over real HTTP against the simulator: every write ends in one of three
 * outcomes, and chat, the audit trail and the power-stop records say which. Done: the answer came
 * and says so. Failed: KiwiVM refused or failed, or the request never went out. Unknown: the
 * request went out and its answer was lost, late or unreadable; KiwiVM may have done it (the
 * simulator's after-the-action faults make it so), and it is never sent a second time.
 */
class FaultDuringWriteTest {
  private static final Caller OPS = caller("console:ops");
  private static final Duration SHORT = Duration.ofSeconds(1);

  /** How a fault is installed, and the client timeout it needs. */
  record Fault(String name, Consumer<KiwiVmSimulator> install, Duration timeout) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One write: its chat line, the upstream call, and how to see on the simulator that it happened.
   */
  record Write(
      String name,
      String line,
      boolean confirm,
      String call,
      Function<SimulatedServer, Boolean> happened,
      String doneText,
      String failedStart,
      String unknownStart,
      String check) {
    @Override
    public String toString() {
      return name;
    }
  }

  enum Outcome {
    DONE,
    FAILED,
    UNKNOWN
  }

  static final Write KILL =
      new Write(
          "kill",
          "power kill web1",
          true,
          "kill",
          s -> s.powerState() == SimulatedServer.PowerState.STOPPED,
          "Killed web1.",
          "Could not kill web1: ",
          "It is not known whether the request to kill web1 was carried out: ",
          "check with `status web1` before trying again.");
  static final Write HOSTNAME =
      new Write(
          "hostname",
          "hostname web1 renamed.example.net",
          false,
          "setHostname",
          s -> s.hostname().equals("renamed.example.net"),
          "renamed.example.net",
          "Could not set the host name of web1: ",
          "It is not known whether the request to set the host name of web1 was carried out: ",
          "check with `info web1` before trying again.");
  static final Write RESTART =
      new Write(
          "restart",
          "power restart web1",
          false,
          "restart",
          s -> false,
          "Restart requested for web1.",
          "Could not restart web1: ",
          "It is not known whether the request to restart web1 was carried out: ",
          "check with `status web1` before trying again.");

  static Fault fault(String name, Consumer<KiwiVmSimulator> install) {
    return new Fault(name, install, Duration.ofSeconds(10));
  }

  static Stream<Arguments> matrix() {
    Stream.Builder<Arguments> rows = Stream.builder();
    for (Write w : List.of(KILL, HOSTNAME, RESTART)) {
      rows.add(Arguments.of(w, fault("no fault", sim -> {}), Outcome.DONE, true, ""));
      rows.add(
          Arguments.of(
              w,
              fault("http 500", sim -> sim.faults().forCall(w.call()).httpStatus(500)),
              Outcome.FAILED,
              false,
              "KiwiVM failed (HTTP 500)."));
      rows.add(
          Arguments.of(
              w,
              new Fault(
                  "timeout after the action",
                  sim ->
                      sim.faults().forCall(w.call()).afterAction().latency(Duration.ofSeconds(30)),
                  SHORT),
              Outcome.UNKNOWN,
              true,
              "KiwiVM did not answer in time."));
      rows.add(
          Arguments.of(
              w,
              fault(
                  "reset after the action",
                  sim -> sim.faults().forCall(w.call()).afterAction().connectionReset()),
              Outcome.UNKNOWN,
              true,
              "The connection to KiwiVM was lost before its answer came."));
      rows.add(
          Arguments.of(
              w,
              fault(
                  "reset before the action",
                  sim -> sim.faults().forCall(w.call()).connectionReset()),
              Outcome.UNKNOWN,
              false,
              "The connection to KiwiVM was lost before its answer came."));
      rows.add(
          Arguments.of(
              w,
              fault(
                  "malformed after the action",
                  sim -> sim.faults().forCall(w.call()).afterAction().malformedJson()),
              Outcome.UNKNOWN,
              true,
              "KiwiVM's answer could not be read."));
    }
    return rows.build();
  }

  private KiwiVmSimulator sim;
  private KiwiVmClient client;
  private final MutableClock clock = MutableClock.at("2026-01-01T03:00:00Z");
  private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  private final PowerStopLedger stops = new PowerStopLedger(new InMemoryStopRecords(), clock);
  private final CollectingConversation chat = new CollectingConversation();

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private TestBot bot(URI api, Duration timeout) {
    client = KiwiVmClient.builder(api).timeout(timeout).readAttempts(3).build();
    return TestBot.builder(client)
        .clock(clock)
        .audit(audit)
        .stops(stops)
        .bind(binding("console:ops", "operator"))
        .build();
  }

  private String run(TestBot bot, Write write) {
    bot.say(OPS, write.line(), chat);
    if (write.confirm()) {
      bot.say(OPS, "confirm " + ConfirmPrompt.codeIn(chat.lastText()), chat);
    }
    return chat.lastText();
  }

  private AuditEntry lastAudit() {
    List<AuditEntry> all = audit.all();
    return all.get(all.size() - 1);
  }

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @MethodSource("matrix")
  void aWriteEndsDoneFailedOrUnknown(
      Write write, Fault fault, Outcome outcome, boolean happened, String reason) {
    sim = KiwiVmSimulator.start(0).lockDuration(Duration.ZERO);
    TestBot bot = bot(sim.apiBase(), fault.timeout());
    FleetServer web1 = bot.server("web1");
    SimulatedServer server =
        sim.addServer(ServerSpec.kvm(web1.veid(), web1.apiKey().reveal(), "web1.example.net"));
    fault.install().accept(sim);

    String text = run(bot, write);

    assertThat(sim.calls(web1.veid(), write.call()))
        .as("a write is sent once, whatever happens to its answer")
        .hasSize(1);
    if (write != RESTART) {
      assertThat(write.happened().apply(server)).as("KiwiVM did it").isEqualTo(happened);
    }
    switch (outcome) {
      case DONE -> {
        assertThat(text).contains(write.doneText());
        assertThat(lastAudit().outcome()).isEqualTo("ok");
      }
      case FAILED -> {
        assertThat(text).isEqualTo(write.failedStart() + reason);
        // A confirmed write follows the fresh read of its preview's check (kill: the state).
        assertThat(lastAudit().outcome())
            .isEqualTo("server-error 500" + (write.confirm() ? " (1 of 2 calls failed)" : ""));
      }
      case UNKNOWN -> {
        assertThat(text)
            .startsWith(write.unknownStart() + reason)
            .contains("It may have happened, and it was not sent again")
            .endsWith(write.check());
        assertThat(lastAudit().outcome())
            .isEqualTo("unknown" + (write.confirm() ? " (1 of 2 calls failed)" : ""));
      }
    }
    if (write == KILL) {
      assertThat(stops.stopOf("web1").isPresent())
          .as("the stop records count a kill as done unless KiwiVM said otherwise")
          .isEqualTo(outcome != Outcome.FAILED);
    }
  }

  @Test
  void aWriteThatNeverWentOutFailed() {
    // Port 1 (tcpmux) is privileged and unused: the connection is refused before anything is sent.
    // (A port freed by a test could be taken by another process in the meantime.)
    URI closed = URI.create("http://127.0.0.1:1/v1/");
    TestBot bot = bot(closed, Duration.ofSeconds(10));

    // The kill's preview reads the state first: that read is refused, so there is no prompt.
    bot.say(OPS, KILL.line(), chat);
    String text = chat.lastText();

    assertThat(text)
        .isEqualTo(
            "Could not read the state of web1: KiwiVM could not be reached (connection"
                + " refused). Nothing was changed.");
    assertThat(lastAudit().outcome()).isEqualTo("network refused");
    assertThat(lastAudit().decision()).isEqualTo("refused");
    assertThat(stops.stopOf("web1")).isEmpty();
  }

  @Test
  void aFailedKillKeepsAStopRecordedBeforeIt() {
    sim = KiwiVmSimulator.start(0).lockDuration(Duration.ZERO);
    TestBot bot = bot(sim.apiBase(), Duration.ofSeconds(10));
    FleetServer web1 = bot.server("web1");
    sim.addServer(ServerSpec.kvm(web1.veid(), web1.apiKey().reveal(), "web1.example.net"));
    run(bot, KILL);
    PowerStopLedger.Stop first = stops.stopOf("web1").orElseThrow();
    clock.advance(Duration.ofMinutes(5));
    // Running again (a kill of a stopped server is refused before its prompt).
    bot.say(OPS, "power start web1", chat);
    sim.faults().forCall("kill").httpStatus(500);

    run(bot, KILL);

    assertThat(stops.stopOf("web1")).contains(first);
  }
}

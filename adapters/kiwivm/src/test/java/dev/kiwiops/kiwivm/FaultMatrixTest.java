package dev.kiwiops.kiwivm;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.testkit.TestBot;
import dev.kiwiops.core.testkit.TestWatcher;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.Watcher;
import dev.kiwiops.simulator.FaultScope;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.RateLimitShape;
import dev.kiwiops.simulator.ServerSpec;
import dev.kiwiops.simulator.SimulatedServer;
import dev.kiwiops.store.Database;
import dev.kiwiops.store.JdbcAlertStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault the simulator can inject, against every class of command, with the real client over
 * HTTP: a read ({@code info}), a confirmed write ({@code power kill}), a long action with progress
 * ({@code snapshot create}) and a watcher cycle (state in a SQLite file). The fault strikes the
 * cell's own call, every time it is made.
 *
 * <p>Per cell: the reply is one short, clear sentence (no exception text, no stack trace, no key);
 * the dispatcher answers normally once the fault is gone; a write reached KiwiVM at most once, and
 * one whose answer was lost or unreadable is said to be of unknown outcome ("it may have
 * happened"); a watcher cycle that fails loses no alert and repeats none.
 *
 * <p>{@link FaultDuringWriteTest} looks closer at writes (faults after the action is carried out,
 * what the audit and the stop records say).
 */
class FaultMatrixTest {
  private static final Caller OPS = caller("console:ops");
  private static final Duration TIMEOUT = Duration.ofMillis(700);
  private static final Pattern LEAK =
      Pattern.compile("Exception|\\tat |java\\.|private_[a-z]{20}|<html|HTTP/1");

  /** A fault, installed on one call; whether a write that meets it has an unknown outcome. */
  record Fault(String name, Consumer<FaultScope> install, boolean unknownWrite) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Fault> FAULTS =
      List.of(
          new Fault("malformed JSON", FaultScope::malformedJson, true),
          new Fault("HTML page", FaultScope::htmlBody, true),
          new Fault("HTTP 502", f -> f.httpStatus(502), false),
          new Fault("connection reset", FaultScope::connectionReset, true),
          new Fault("slow", f -> f.latency(Duration.ofSeconds(2)), true),
          new Fault("rate-limited", f -> f.rateLimited(RateLimitShape.ERROR_ENVELOPE), false),
          new Fault("700005", FaultScope::authFailure, false));

  enum Kind {
    READ,
    CONFIRMED_WRITE,
    LONG_ACTION,
    WATCHER_CYCLE
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Fault fault : FAULTS) {
        cells.add(Arguments.of(kind, fault));
      }
    }
    return cells.stream();
  }

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at("2026-01-01T03:00:00Z");
  private KiwiVmSimulator sim;
  private KiwiVmClient client;
  private Watcher watcher;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("matrix")
  void aFaultGivesAClearAnswerAndNothingTwice(Kind kind, Fault fault) throws SQLException {
    sim = KiwiVmSimulator.start(0, clock).lockDuration(Duration.ZERO);
    client =
        KiwiVmClient.builder(sim.apiBase())
            .timeout(TIMEOUT)
            .readAttempts(2)
            .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
            .infoTtl(Duration.ZERO)
            .ticker(clock)
            .build();
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    TestBot bot =
        TestBot.builder(client)
            .clock(clock)
            .audit(audit)
            .bind(binding("console:ops", "operator"))
            .build();
    FleetServer web1 = bot.server("web1");
    SimulatedServer server =
        sim.addServer(ServerSpec.kvm(web1.veid(), web1.apiKey().reveal(), "web1.example.net"));

    if (kind == Kind.WATCHER_CYCLE) {
      watcherCycle(fault, web1, server);
      return;
    }
    String call =
        switch (kind) {
          case READ -> "getServiceInfo";
          case CONFIRMED_WRITE -> "kill";
          default -> "snapshot/create";
        };
    fault.install().accept(sim.faults().forServer(web1.veid()).forCall(call));
    CollectingConversation chat = new CollectingConversation();

    switch (kind) {
      case READ -> bot.say(OPS, "info web1", chat);
      case CONFIRMED_WRITE -> {
        bot.say(OPS, "power kill web1", chat);
        assertThat(sim.calls(web1.veid(), "kill")).as("nothing sent before confirming").isEmpty();
        bot.say(OPS, "confirm " + ConfirmPrompt.codeIn(chat.lastText()), chat);
      }
      default -> bot.say(OPS, "snapshot create web1 before upgrade", chat);
    }

    Reply reply = chat.last();
    String text = reply.plainText();
    assertThat(text).as("the answer").doesNotContainPattern(LEAK).hasSizeLessThan(400);
    assertThat(text).as("one short sentence or two, not a dump").doesNotContain("\n");
    AuditEntry last = audit.all().get(audit.all().size() - 1);
    assertThat(last.toString()).doesNotContain(web1.apiKey().reveal());
    if (kind == Kind.READ) {
      assertThat(text).startsWith("Could not").doesNotContain("may have happened");
    } else {
      assertThat(sim.calls(web1.veid(), call)).as("the write was never sent twice").hasSize(1);
      if (fault.unknownWrite()) {
        assertThat(text)
            .startsWith("It is not known whether the request to")
            .contains("It may have happened, and it was not sent again");
        // A confirmed write reads its server once more before sending (the preview's re-check).
        assertThat(last.outcome())
            .isEqualTo(kind == Kind.CONFIRMED_WRITE ? "unknown (1 of 2 calls failed)" : "unknown");
      } else {
        assertThat(text).startsWith("Could not").doesNotContain("may have happened");
        assertThat(last.outcome()).isNotEqualTo("ok").isNotEqualTo("unknown");
      }
    }

    sim.faults().clear();
    CollectingConversation after = new CollectingConversation();
    bot.say(OPS, "info web1", after);
    assertThat(after.lastText()).as("the bot answers once the fault is gone").contains("web1");
    assertThat(after.last().tone()).isNotEqualTo(dev.kiwiops.core.reply.Tone.ERROR);
    if (kind != Kind.READ) {
      assertThat(sim.calls(web1.veid(), call)).as("and did not send the write again").hasSize(1);
    }
  }

  /**
   * A nullroute is announced, the fault strikes two cycles, then goes; then the nullroute ends. The
   * chat shows it raised once and resolved once; a rejected key is its own alert, raised once and
   * resolved once.
   */
  private void watcherCycle(Fault fault, FleetServer web1, SimulatedServer server)
      throws SQLException {
    Duration interval = Duration.ofSeconds(60);
    ManualScheduler scheduler = new ManualScheduler(clock);
    RecordingAlertSink chat = new RecordingAlertSink("console");
    JdbcAlertStore store =
        new JdbcAlertStore(Database.open("jdbc:sqlite:" + dir.resolve("kiwiops.db")));
    watcher =
        TestWatcher.of(new Fleet(List.of(web1)), client, chat, scheduler, clock)
            .interval(interval)
            .store(store)
            .build();
    server.nullroute("192.0.2.10", "UDP flood");
    watcher.start();
    scheduler.runDue();
    assertThat(chat.titles()).containsExactly("[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.10");

    fault.install().accept(sim.faults().forServer(web1.veid()).forCall("getServiceInfo"));
    scheduler.advance(interval);
    scheduler.advance(interval);
    List<String> duringFault = chat.titles();
    sim.faults().clear();
    scheduler.advance(interval);
    server.clearNullroute("192.0.2.10");
    scheduler.advance(interval);
    scheduler.advance(interval);

    List<String> expected = new ArrayList<>();
    expected.add("[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.10");
    if (fault.name().equals("700005")) {
      expected.add("[CRITICAL] A2 web1: API key rejected");
      assertThat(duringFault).isEqualTo(expected);
      expected.add("[RESOLVED] A2 web1: API key rejected");
    } else {
      assertThat(duringFault).as("a failed poll changes nothing").isEqualTo(expected);
    }
    expected.add("[RESOLVED] A1 web1: DDoS nullroute on 192.0.2.10");
    assertThat(chat.titles()).isEqualTo(expected);
    assertThat(watcher.openIncidents()).isEmpty();
    assertThat(store.pending()).isEmpty();
    for (Alert alert : chat.alerts()) {
      assertThat(alert.body()).doesNotContainPattern(LEAK);
    }
  }
}

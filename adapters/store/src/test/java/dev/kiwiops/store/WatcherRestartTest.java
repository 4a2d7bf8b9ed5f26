package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.forecast.LinearForecast;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.FakeServiceInfo;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.testkit.TestBot;
import dev.kiwiops.core.testkit.TestWatcher;
import dev.kiwiops.core.watch.Watcher;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher restarted on the same SQLite file: no duplicate, nothing lost, and no false {@code
 * down} for a server stopped through the bot before the restart.
 */
class WatcherRestartTest {
  private static final Duration INTERVAL = Duration.ofSeconds(60);

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at("2026-01-01T00:10:00Z");
  private final FleetKiwi kiwi =
      new FleetKiwi("web1", "db1")
          .answer("web1", "stop", new ApiResult.Ok<>(Done.INSTANCE))
          .answer("db1", "kill", new ApiResult.Ok<>(Done.INSTANCE));

  /**
   * One run of the bot: its own scheduler, store connection, sink, stop ledger and commands, on the
   * shared file.
   */
  private final class Run {
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final RecordingAlertSink console = new RecordingAlertSink("console");
    final PowerStopLedger stops;
    final TestBot bot;
    final Watcher watcher;

    Run() throws SQLException {
      this(0);
    }

    /** A run whose chat sink fails its first {@code sinkFailures} attempts. */
    Run(int sinkFailures) throws SQLException {
      console.failNext(sinkFailures);
      Database database = Database.open("jdbc:sqlite:" + dir.resolve("kiwiops.db"));
      JdbcAlertStore store = new JdbcAlertStore(database);
      stops = new PowerStopLedger(new JdbcStopRecords(database), clock);
      bot =
          TestBot.builder(kiwi.port())
              .servers(java.util.List.copyOf(kiwi.fleet().all()))
              .clock(clock)
              .stops(stops)
              .bind(TestBot.binding("console:ada", "operator"))
              .build();
      watcher =
          TestWatcher.of(kiwi.fleet(), kiwi.port(), console, scheduler, clock)
              .interval(INTERVAL)
              .store(store)
              .stops(stops)
              .build();
      // As Kiwiops wires it: the forecasts' samples in the same file.
      watcher.forecasts().keepIn(new JdbcUsageSamples(database));
      watcher.start();
      scheduler.runDue();
    }

    void cycle() {
      scheduler.advance(INTERVAL);
    }

    /** {@code power VERB SERVER} typed by ada, and confirmed. */
    void power(String verb, String server) {
      CollectingConversation chat = new CollectingConversation();
      bot.say(TestBot.caller("console:ada"), "power " + verb + " " + server, chat);
      bot.say(
          TestBot.caller("console:ada"), "confirm " + ConfirmPrompt.codeIn(chat.lastText()), chat);
    }

    void crash() {
      scheduler.shutdownNow();
    }
  }

  @Test
  void theTransferForecastIsKnownAgainRightAfterARestart() throws SQLException {
    FakeServiceInfo web1 = kiwi.state("web1");
    long perMinute = 70 * FakeServiceInfo.GIB / (24 * 60); // out of quota well before the reset
    Run first = new Run();
    for (int minute = 0; minute < 6 * 60; minute++) {
      web1.dataCounter += perMinute;
      first.cycle();
    }
    assertThat(first.watcher.forecasts().transfer("web1", web1.info()))
        .isInstanceOf(LinearForecast.Projection.class);
    assertThat(first.console.titles())
        .containsExactly("[WARNING] A1 web1: transfer quota forecast to run out before the reset");
    first.crash();

    Run second = new Run();

    assertThat(second.watcher.forecasts().transfer("web1", web1.info()))
        .as("six hours of kept samples and the restart's first reading")
        .isInstanceOf(LinearForecast.Projection.class);
    web1.dataCounter += perMinute;
    second.cycle();
    // Still the same incident: not announced again, not resolved.
    assertThat(second.console.titles()).isEmpty();
    assertThat(second.watcher.openIncidents())
        .extracting(i -> i.key().toString())
        .contains("bandwidth-forecast/web1/2026-01-20");
  }

  @Test
  void anIncidentStillPresentAfterARestartIsNotAnnouncedAgainAndStillResolves()
      throws SQLException {
    kiwi.state("web1").nullroute("192.0.2.1", "flood");
    Run first = new Run();
    assertThat(first.console.titles())
        .containsExactly("[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1");
    first.crash();

    Run second = new Run();
    second.cycle();
    assertThat(second.console.titles()).isEmpty();

    kiwi.state("web1").nullroutes.clear();
    second.cycle();
    assertThat(second.console.titles())
        .containsExactly("[RESOLVED] A1 web1: DDoS nullroute on 192.0.2.1");
  }

  @Test
  void aResolvedAlertEditsItsOriginalMessageAfterARestart() throws SQLException {
    kiwi.state("web1").nullroute("192.0.2.1", "flood");
    Run first = new Run();
    first.watcher.acknowledge("A1", "console:ada");
    first.scheduler.runDue();
    assertThat(first.console.edits())
        .extracting(RecordingAlertSink.Edit::shown)
        .containsExactly("console-1 <- [ACKNOWLEDGED] A1 web1: DDoS nullroute on 192.0.2.1");
    first.crash();

    kiwi.state("web1").nullroutes.clear();
    Run second = new Run();

    // The message posted by the first run, known only from the store, now says resolved.
    assertThat(second.console.edits())
        .extracting(RecordingAlertSink.Edit::shown)
        .containsExactly("console-1 <- [RESOLVED] A1 web1: DDoS nullroute on 192.0.2.1");
    assertThat(second.console.edits().get(0).alert().toReply().buttons()).isEmpty();
    // The resolution is also posted, so the channel is notified (an edit notifies nobody).
    assertThat(second.console.titles())
        .containsExactly("[RESOLVED] A1 web1: DDoS nullroute on 192.0.2.1");
  }

  @Test
  void anIncidentThatEndedWhileTheBotWasDownGetsItsResolvedMessage() throws SQLException {
    kiwi.state("web1").nullroute("192.0.2.1", "flood");
    new Run().crash();

    kiwi.state("web1").nullroutes.clear();
    Run second = new Run();

    assertThat(second.console.titles())
        .containsExactly("[RESOLVED] A1 web1: DDoS nullroute on 192.0.2.1");
  }

  @Test
  void aMessageNotDeliveredBeforeARestartIsDeliveredOnceAfterIt() throws SQLException {
    kiwi.state("web1").nullroute("192.0.2.1", "flood");
    Run first = new Run(1_000);
    first.cycle();
    kiwi.state("db1").nullroute("198.51.100.7", "flood");
    first.cycle();
    first.crash();
    assertThat(first.console.titles()).isEmpty();

    Run second = new Run();

    assertThat(second.console.titles())
        .containsExactly(
            "[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1",
            "[CRITICAL] A2 db1: DDoS nullroute on 198.51.100.7");
  }

  @Test
  void acknowledgementsSurviveARestart() throws SQLException {
    kiwi.state("web1").nullroute("192.0.2.1", "flood");
    Run first = new Run();
    first.watcher.acknowledge("A1", "telegram:5");
    first.crash();

    Run second = new Run();
    second.scheduler.advance(Duration.ofMinutes(45));

    assertThat(second.console.titles()).isEmpty();
    assertThat(second.watcher.find("A1").orElseThrow().acknowledgedBy()).contains("telegram:5");
  }

  @Test
  void aServerStoppedThroughTheBotIsNotDownAfterARestart() throws SQLException {
    Run first = new Run();
    first.power("stop", "web1");
    first.power("kill", "db1");
    kiwi.state("web1").power = PowerState.STOPPED;
    kiwi.state("db1").power = PowerState.STOPPED;
    assertThat(kiwi.count("web1", "stop")).isEqualTo(1);
    assertThat(kiwi.count("db1", "kill")).isEqualTo(1);
    first.crash();

    Run second = new Run();
    second.scheduler.advance(INTERVAL.multipliedBy(6));

    assertThat(second.console.titles()).isEmpty();
    assertThat(second.stops.stopOf("web1").orElseThrow().by()).isEqualTo(Identity.console("ada"));
  }

  @Test
  void aServerStoppedOutsideTheBotIsStillDownAfterARestart() throws SQLException {
    Run first = new Run();
    first.power("stop", "web1");
    kiwi.state("web1").power = PowerState.STOPPED;
    first.crash();

    kiwi.state("db1").power = PowerState.STOPPED;
    Run second = new Run();

    assertThat(second.console.titles()).containsExactly("[CRITICAL] A1 db1 is down");
  }

  @Test
  void startingTheServerAgainClearsItsStopAcrossRestarts() throws SQLException {
    Run first = new Run();
    first.power("stop", "web1");
    kiwi.state("web1").power = PowerState.STOPPED;
    first.crash();

    kiwi.state("web1").power = PowerState.RUNNING;
    Run second = new Run();
    assertThat(second.stops.stopOf("web1")).isEmpty();
    second.crash();

    kiwi.state("web1").power = PowerState.STOPPED;
    Run third = new Run();
    assertThat(third.stops.stopOf("web1")).isEmpty();
    assertThat(third.console.titles()).containsExactly("[CRITICAL] A1 web1 is down");
  }
}

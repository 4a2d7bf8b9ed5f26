package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.testkit.TestWatcher;
import dev.kiwiops.core.watch.Watcher;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher restarted on the same SQLite file: no duplicate, nothing lost. */
class WatcherRestartTest {
  private static final Duration INTERVAL = Duration.ofSeconds(60);

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at("2026-01-01T00:10:00Z");
  private final FleetKiwi kiwi = new FleetKiwi("web1", "db1");

  /** One run of the bot: its own scheduler, store connection and sink, on the shared file. */
  private final class Run {
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final RecordingAlertSink console = new RecordingAlertSink("console");
    final Watcher watcher;

    Run() throws SQLException {
      this(0);
    }

    /** A run whose chat sink fails its first {@code sinkFailures} attempts. */
    Run(int sinkFailures) throws SQLException {
      console.failNext(sinkFailures);
      JdbcAlertStore store =
          new JdbcAlertStore(Database.open("jdbc:sqlite:" + dir.resolve("kiwiops.db")));
      watcher =
          TestWatcher.of(kiwi.fleet(), kiwi.port(), console, scheduler, clock)
              .interval(INTERVAL)
              .store(store)
              .build();
      watcher.start();
      scheduler.runDue();
    }

    void cycle() {
      scheduler.advance(INTERVAL);
    }

    void crash() {
      scheduler.shutdownNow();
    }
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
}

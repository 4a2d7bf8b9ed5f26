package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.forecast.Forecasts;
import dev.kiwiops.core.forecast.LinearForecast;
import dev.kiwiops.core.report.FleetReports;
import dev.kiwiops.core.report.ReportRoute;
import dev.kiwiops.core.report.ReportSchedule;
import dev.kiwiops.core.report.ReportScheduler;
import dev.kiwiops.core.report.ReportSettings;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.watch.Destination;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled reports restarted on the same SQLite file, on a fake clock: each period is sent once,
 * however often the process restarts within it.
 */
class ReportRestartTest {
  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at("2026-12-06T06:00:00Z"); // Sun 07:00 Berlin
  private final FleetKiwi kiwi = new FleetKiwi("web1", "db1");
  private final ReportSettings settings =
      new ReportSettings(
          List.of(
              ReportSchedule.daily(LocalTime.of(8, 0), ZoneId.of("Europe/Berlin")),
              ReportSchedule.weekly(
                  DayOfWeek.MONDAY, LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"))),
          List.of(ReportRoute.everything(new Destination("telegram", "-100"))),
          ReportSettings.DEFAULT_SNAPSHOT_MAX_AGE,
          ReportSettings.DEFAULT_PURGE_WARNING);

  /** One run of kiwiops: its own scheduler, store connection and sink, on the shared file. */
  private final class Run implements AutoCloseable {
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final RecordingAlertSink telegram = new RecordingAlertSink("telegram");
    final ReportScheduler reports;

    Run() throws SQLException {
      Database database = Database.open("jdbc:sqlite:" + dir.resolve("kiwiops.db"));
      reports =
          new ReportScheduler(
              kiwi.fleet(),
              () -> settings,
              new FleetReports(
                  List::of,
                  new Forecasts(LinearForecast.Settings.DEFAULT),
                  (title, bars) -> new byte[] {1},
                  () -> settings,
                  clock),
              kiwi.port(),
              List.of(telegram),
              new JdbcReportRuns(database),
              scheduler,
              clock);
      reports.start();
      scheduler.runDue();
    }

    List<String> titles() {
      return telegram.posts().stream().map(p -> p.reply().title()).toList();
    }

    @Override
    public void close() {
      reports.close();
    }
  }

  @Test
  void eachPeriodIsSentOnceAcrossRestarts() throws SQLException {
    try (Run first = new Run()) {
      first.scheduler.advance(Duration.ofHours(1)); // 08:00 Berlin
      assertThat(first.titles()).containsExactly("Daily fleet report, Sun 2026-12-06");
    }
    clock.advance(Duration.ofMinutes(30));
    try (Run second = new Run()) {
      assertThat(second.titles()).as("restarted within the period: nothing again").isEmpty();
      second.scheduler.advance(Duration.ofHours(25)); // Mon 09:30 Berlin
      assertThat(second.titles())
          .containsExactly(
              "Daily fleet report, Mon 2026-12-07", "Weekly fleet report, Mon 2026-12-07");
    }
    try (Run third = new Run()) {
      assertThat(third.titles()).isEmpty();
      third.scheduler.advance(Duration.ofHours(23)); // Tue 08:30
      assertThat(third.titles()).containsExactly("Daily fleet report, Tue 2026-12-08");
    }
  }
}

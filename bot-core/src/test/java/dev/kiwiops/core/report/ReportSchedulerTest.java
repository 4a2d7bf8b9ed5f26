package dev.kiwiops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.forecast.Forecasts;
import dev.kiwiops.core.forecast.LinearForecast;
import dev.kiwiops.core.format.FleetTransferChartRenderer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.Destination;
import dev.kiwiops.core.watch.Incident;
import dev.kiwiops.core.watch.IncidentKey;
import dev.kiwiops.core.watch.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scheduled reports on a fake clock: due times, routes, retries, catch-up, the digest's facts. */
class ReportSchedulerTest {
  private final MutableClock clock = MutableClock.at("2026-01-05T07:00:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final FleetKiwi kiwi = new FleetKiwi("web1", "db1");
  private final RecordingAlertSink console = new RecordingAlertSink("console");
  private final RecordingAlertSink telegram = new RecordingAlertSink("telegram");
  private final InMemoryReportRuns runs = new InMemoryReportRuns();
  private final List<List<FleetTransferChartRenderer.Bar>> charts = new ArrayList<>();
  private final List<Incident> incidents = new ArrayList<>();
  private final Forecasts forecasts = new Forecasts(LinearForecast.Settings.DEFAULT);
  private final List<ReportScheduler> started = new ArrayList<>();
  private ReportSettings settings =
      new ReportSettings(
          List.of(ReportSchedule.daily(LocalTime.of(8, 0), ZoneOffset.UTC)),
          List.of(
              ReportRoute.everything(Destination.console()),
              new ReportRoute(
                  Set.of(), Set.of("prod"), List.of(new Destination("telegram", "-100")))),
          ReportSettings.DEFAULT_SNAPSHOT_MAX_AGE,
          ReportSettings.DEFAULT_PURGE_WARNING);

  @AfterEach
  void stop() {
    started.forEach(ReportScheduler::close);
  }

  private FleetReports reports() {
    return new FleetReports(
        () -> List.copyOf(incidents),
        forecasts,
        (title, bars) -> {
          charts.add(bars);
          return new byte[] {(byte) 0x89, 'P', 'N', 'G'};
        },
        () -> settings,
        clock);
  }

  private ReportScheduler start() {
    ReportScheduler s =
        new ReportScheduler(
            kiwi.fleet(),
            () -> settings,
            reports(),
            kiwi.port(),
            List.of(console, telegram),
            runs,
            scheduler,
            clock);
    s.start();
    started.add(s);
    scheduler.runDue();
    return s;
  }

  private static String table(Reply reply) {
    return reply.blocks().stream()
        .filter(b -> b instanceof Block.Table)
        .map(b -> String.join("\n", ((Block.Table) b).alignedLines()))
        .findFirst()
        .orElse("");
  }

  @Test
  void aDailyReportIsSentOncePerDayAtItsTimeToEachRoutesServers() {
    kiwi.fleet().find("web1").orElseThrow();
    ReportScheduler s = start();
    assertThat(console.posts()).isEmpty();
    assertThat(s.nextDue()).contains(Instant.parse("2026-01-05T08:00:00Z"));

    scheduler.advance(Duration.ofHours(1));
    assertThat(console.posts()).hasSize(1);
    Reply first = console.posts().get(0).reply();
    assertThat(first.title()).isEqualTo("Daily fleet report, Mon 2026-01-05");
    assertThat(table(first)).contains("web1").contains("db1");
    assertThat(first.attachments())
        .extracting(a -> a.fileName())
        .containsExactly("fleet-transfer-2026-01-05.png");
    assertThat(runs.state("daily:2026-01-05", "console")).isEqualTo("sent");

    scheduler.advance(Duration.ofHours(23));
    assertThat(console.posts()).as("07:00 the next day: not yet").hasSize(1);
    scheduler.advance(Duration.ofHours(1));
    assertThat(console.posts()).hasSize(2);
    assertThat(console.posts().get(1).reply().title()).endsWith("2026-01-06");
    scheduler.advance(Duration.ofHours(5));
    assertThat(console.posts()).as("once per day").hasSize(2);
  }

  @Test
  void eachDestinationGetsTheServersOfItsRoutes() {
    settings =
        new ReportSettings(
            settings.schedules(),
            List.of(
                new ReportRoute(
                    Set.of("db1"), Set.of(), List.of(new Destination("telegram", "-100")))),
            settings.snapshotMaxAge(),
            settings.purgeWarning());
    clock.advance(Duration.ofHours(1));
    start();
    assertThat(console.posts()).isEmpty();
    assertThat(telegram.posts()).hasSize(1);
    assertThat(telegram.posts().get(0).target()).isEqualTo("-100");
    assertThat(table(telegram.posts().get(0).reply())).contains("db1").doesNotContain("web1");
  }

  @Test
  void aFailedSendIsRetriedAndTheClaimStandsBetweenRetries() {
    console.failNext(2);
    clock.advance(Duration.ofHours(1));
    start();
    assertThat(console.posts()).isEmpty();
    assertThat(runs.state("daily:2026-01-05", "console")).isEqualTo("claimed");
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(console.posts()).isEmpty();
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(console.posts()).hasSize(1);
    assertThat(runs.state("daily:2026-01-05", "console")).isEqualTo("sent");
  }

  @Test
  void aReportMissedWhileDownIsSentLateButNotTooLate() {
    clock.advance(Duration.ofHours(5)); // 12:00: 4 hours late
    start();
    assertThat(console.posts()).hasSize(1);

    InMemoryReportRuns fresh = new InMemoryReportRuns();
    clock.advance(Duration.ofHours(3)); // 15:00: 7 hours late
    ReportScheduler late =
        new ReportScheduler(
            kiwi.fleet(),
            () -> settings,
            reports(),
            kiwi.port(),
            List.of(console),
            fresh,
            scheduler,
            clock);
    late.start();
    started.add(late);
    scheduler.runDue();
    assertThat(fresh.state("daily:2026-01-05", "console")).isNull();
  }

  @Test
  void theDigestNamesIncidentsSnapshotProblemsTransferAndAbuse() {
    kiwi.state("web1").dataCounter = 500L * 1024 * 1024 * 1024;
    kiwi.state("db1").abusePoints = 40;
    Instant now = clock.instant();
    long taken = now.minus(Duration.ofDays(10)).getEpochSecond();
    kiwi.answer(
        "web1",
        "listSnapshots",
        new ApiResult.Ok<>(
            List.of(
                new Snapshot(
                    "snapshot-1001-" + taken + "-2026-01-01-" + "a".repeat(40) + ".tar.gz",
                    "debian-12",
                    "before upgrade",
                    1,
                    1,
                    "",
                    false,
                    Duration.ofDays(2),
                    "",
                    ""))));
    kiwi.answer("db1", "listSnapshots", new ApiResult.Ok<>(List.of()));
    incidents.add(
        new Incident(
            "A7",
            new IncidentKey(AlertKind.DOWN, "db1", ""),
            Severity.CRITICAL,
            "db1: down",
            "",
            List.of(),
            now.minus(Duration.ofHours(5)),
            now,
            Optional.empty(),
            Optional.empty()));

    Reply reply = reports().report(kiwi.port(), List.copyOf(kiwi.fleet().all()), "Fleet report");
    String text = reply.plainText();
    String servers = table(reply);
    assertThat(servers)
        .containsPattern("web1 +ok +500 GiB of 1000 GiB \\(50%\\) +not known yet +0/100")
        .containsPattern("db1 +down +10.0 GiB of 1000 GiB \\(1%\\) +not known yet +40/100");
    assertThat(text)
        .contains("1 open incident:")
        .contains("A7 | db1: down | 5 hours | open")
        .contains("web1: \"before upgrade\" is purged in 2 days (not sticky)")
        .contains("web1: no sticky snapshot")
        .contains("web1: no snapshot for 10 days")
        .contains("db1: no snapshot at all");
    assertThat(charts).hasSize(1);
    assertThat(charts.get(0))
        .extracting(FleetTransferChartRenderer.Bar::server)
        .containsExactly("web1", "db1");
  }
}

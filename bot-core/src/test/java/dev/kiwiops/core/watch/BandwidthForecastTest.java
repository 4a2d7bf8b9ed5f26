package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.forecast.LinearForecast;
import dev.kiwiops.core.forecast.UsageSamples;
import dev.kiwiops.core.testkit.FakeServiceInfo;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bandwidth-forecast} on a fake clock: the watcher polls every hour while the fake transfer
 * counter grows at a chosen rate. Quota 1000 GiB, counter at 10 GiB on Jan 1, reset on Jan 20.
 */
class BandwidthForecastTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final long GIB = FakeServiceInfo.GIB;

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final FleetKiwi kiwi = new FleetKiwi("web1");
  private final InMemoryAlertStore store = new InMemoryAlertStore();
  private final RecordingAlertSink console = new RecordingAlertSink("console");
  private final List<Watcher> started = new ArrayList<>();
  private long perDay;

  @AfterEach
  void stop() {
    started.forEach(Watcher::close);
  }

  private Watcher start() {
    return start(UsageSamples.NONE);
  }

  private Watcher start(UsageSamples kept) {
    Watcher watcher =
        new Watcher(
            kiwi.fleet(),
            kiwi.port(),
            WatcherSettings.defaults().withInterval(HOUR).withJitter(Duration.ZERO),
            AlertRouter.everythingTo(Destination.console()),
            List.of(console),
            store,
            store,
            new PowerStopLedger(new InMemoryStopRecords(), clock),
            scheduler,
            clock,
            new SplittableRandom(1));
    watcher.forecasts().keepIn(kept);
    watcher.start();
    started.add(watcher);
    scheduler.runDue();
    return watcher;
  }

  /** Runs {@code hours} hourly cycles, the counter growing {@link #perDay} meanwhile. */
  private void hours(int hours) {
    for (int i = 0; i < hours; i++) {
      web1().dataCounter += perDay / 24;
      scheduler.advance(HOUR);
    }
  }

  private FakeServiceInfo web1() {
    return kiwi.state("web1");
  }

  private List<String> forecastTitles() {
    return console.titles().stream().filter(t -> t.contains("transfer quota")).toList();
  }

  @Test
  void aRateThatRunsOutDaysBeforeTheResetIsRaisedOnceAndResolvedOnceWhenItSlows() {
    perDay = 70 * GIB; // 990 GiB left / 70 = 14.1 days: Jan 15, 5 days before the reset
    start();
    hours(5);
    assertThat(forecastTitles()).as("fewer than 6 hours of samples: no forecast yet").isEmpty();

    hours(24);
    assertThat(forecastTitles())
        .containsExactly("[WARNING] A1 web1: transfer quota forecast to run out before the reset");
    Alert raised = console.alerts().get(0);
    assertThat(raised.key().toString()).isEqualTo("bandwidth-forecast/web1/2026-01-20");
    assertThat(raised.body())
        .startsWith("web1 will reach its 1000 GiB quota around Jan 15, 4 days before the reset")
        .contains("at the current rate of 70");

    hours(24);
    assertThat(forecastTitles()).as("still the same forecast: nothing new").hasSize(1);

    perDay = 0; // the traffic stops: the 3-day window's rate falls below the line
    hours(72);
    assertThat(forecastTitles())
        .containsExactly(
            "[WARNING] A1 web1: transfer quota forecast to run out before the reset",
            "[RESOLVED] A1 web1: transfer quota forecast to run out before the reset");
    assertThat(console.alerts().get(1).body()).contains("no longer reaches the quota");
  }

  @Test
  void aRestartKnowsTheForecastAtOnceFromTheKeptSamples() {
    perDay = 70 * GIB;
    KeptSamples kept = new KeptSamples();
    Watcher first = start(kept);
    hours(5);
    first.close();

    Watcher second = start(kept); // reads the counter at once: 5 h of history with the kept ones
    hours(1);

    assertThat(second.forecasts().transfer("web1", web1().info()))
        .isInstanceOf(LinearForecast.Projection.class);
    assertThat(forecastTitles())
        .containsExactly("[WARNING] A1 web1: transfer quota forecast to run out before the reset");
    assertThat(kept.rows).allMatch(r -> r.server().equals("web1"));
  }

  @Test
  void withoutKeptSamplesARestartWaitsForNewOnes() {
    perDay = 70 * GIB;
    Watcher first = start();
    hours(5);
    first.close();

    Watcher second = start();
    hours(1);

    assertThat(second.forecasts().transfer("web1", web1().info()))
        .isInstanceOf(LinearForecast.Insufficient.class);
    assertThat(forecastTitles()).isEmpty();
  }

  /** The kept samples in memory, as the store keeps them. */
  private static final class KeptSamples implements UsageSamples {
    final List<Row> rows = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void add(Row row) {
      rows.add(row);
    }

    @Override
    public List<Row> since(Instant since) {
      return rows.stream()
          .filter(r -> !r.at().isBefore(since))
          .sorted(java.util.Comparator.comparing(Row::at))
          .toList();
    }

    @Override
    public void deleteBefore(Instant before) {
      rows.removeIf(r -> r.at().isBefore(before));
    }
  }

  @Test
  void noRaiseWhenTheResetComesFirst() {
    perDay = 45 * GIB; // 990 / 45 = 22 days: after the reset on Jan 20
    start();
    hours(24 * 6);
    assertThat(forecastTitles()).isEmpty();
    assertThat(started.get(0).forecasts().transfer("web1", web1().info()))
        .isInstanceOf(LinearForecast.Projection.class);
  }

  @Test
  void crossingLessThanTheConfiguredDaysBeforeTheResetIsNotRaised() {
    perDay = 55 * GIB; // 990 / 55 = 18 days: Jan 19, one day before the reset (fewer than 3)
    start();
    hours(30);
    assertThat(forecastTitles()).isEmpty();
  }

  @Test
  void theMultiplierAppliesToCounterAndQuota() {
    perDay = 40 * GIB; // raw: 990 / 40 = 25 days, after the reset
    web1().multiplier = 2.0; // scaled: 20 GiB used of 2000, 80 GiB/day: 1980 / 80 = 24.75 days
    start();
    hours(30);
    assertThat(forecastTitles()).isEmpty();

    web1().monthlyData = 600 * GIB; // scaled quota 1200: (1200 - ~(20+2*50)) / 80 ≈ 13.5 days
    hours(1);
    assertThat(forecastTitles()).hasSize(1);
    assertThat(console.alerts().get(0).body())
        .contains("1.17 TiB quota")
        .contains("multiplier 2.0 applied");
  }

  @Test
  void aRestartDoesNotRaiseAgainAndTheResetEndsTheIncident() {
    perDay = 70 * GIB;
    Watcher first = start();
    hours(12);
    assertThat(forecastTitles()).hasSize(1);
    first.close();
    started.clear();

    Watcher second = start(); // the same store, an empty history
    hours(24);
    assertThat(forecastTitles()).as("the open incident was loaded, not raised again").hasSize(1);
    assertThat(second.openIncidents())
        .extracting(i -> i.key().kind())
        .contains(AlertKind.BANDWIDTH_FORECAST);

    // The month ends: the counter resets and the next reset is a month later.
    web1().dataCounter = 0;
    web1().nextReset = Instant.parse("2026-02-20T00:00:00Z");
    perDay = 10 * GIB;
    hours(3);
    assertThat(forecastTitles()).as("the new month's forecast is not known yet").hasSize(1);
    hours(6);
    assertThat(forecastTitles())
        .containsExactly(
            "[WARNING] A1 web1: transfer quota forecast to run out before the reset",
            "[RESOLVED] A1 web1: transfer quota forecast to run out before the reset");
    assertThat(console.alerts().get(console.alerts().size() - 1).body())
        .contains("was reset for a new month");
  }
}

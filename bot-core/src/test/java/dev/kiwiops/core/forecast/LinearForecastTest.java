package dev.kiwiops.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kiwiops.core.forecast.LinearForecast.Insufficient;
import dev.kiwiops.core.forecast.LinearForecast.Projection;
import dev.kiwiops.core.forecast.LinearForecast.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearForecastTest {
  private static final long GB = 1_000_000_000L;
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final LinearForecast.Settings SETTINGS = LinearForecast.Settings.DEFAULT;

  /** {@code count} hourly samples from {@code start}, growing {@code perDay} from {@code first}. */
  private static List<Sample> hourly(Instant start, int count, long first, long perDay) {
    List<Sample> samples = new ArrayList<>();
    for (int h = 0; h < count; h++) {
      samples.add(new Sample(start.plus(Duration.ofHours(h)), first + perDay * h / 24));
    }
    return samples;
  }

  @Test
  void aSteadyRateIsProjectedToTheResetAndSaysWhenTheLimitIsReached() {
    List<Sample> samples = hourly(T0, 25, 100 * GB, 61 * GB); // 1 day, 61 GB/day
    Instant reset = T0.plus(Duration.ofDays(31));

    Projection p = (Projection) LinearForecast.project(samples, 2000 * GB, reset, SETTINGS);

    assertThat(p.perDay()).isCloseTo(61.0 * GB, within(0.01 * GB));
    assertThat(p.current()).isEqualTo(161 * GB);
    // From 161 GB on day 1 at 61 GB/day: 161 + 61 * 30 = 1991 GB at the reset.
    assertThat((double) p.projected()).isCloseTo(1991.0 * GB, within(0.5 * GB));
    assertThat(p.reachesLimitAt()).isEmpty();

    Projection over = (Projection) LinearForecast.project(samples, 1000 * GB, reset, SETTINGS);
    // (1000 - 161) / 61 = 13.75 days after the newest sample.
    Instant expected =
        T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(Math.round(13.754 * 1440)));
    assertThat(Duration.between(expected, over.reachesLimitAt().orElseThrow()).abs())
        .isLessThan(Duration.ofMinutes(30));
    assertThat(over.samples()).isEqualTo(25);
  }

  @Test
  void samplesBeforeTheLastResetAreIgnored() {
    List<Sample> samples = new ArrayList<>(hourly(T0, 48, 900 * GB, 500 * GB)); // a busy month
    Instant afterReset = T0.plus(Duration.ofDays(2));
    samples.addAll(hourly(afterReset, 13, 0, 24 * GB)); // the new month: 1 GB/h

    Projection p =
        (Projection)
            LinearForecast.project(
                samples, 2000 * GB, afterReset.plus(Duration.ofDays(30)), SETTINGS);

    assertThat(p.samples()).isEqualTo(13);
    assertThat(p.perDay()).isCloseTo(24.0 * GB, within(0.01 * GB));
    assertThat(p.current()).isEqualTo(12 * GB);
  }

  @Test
  void tooFewSamplesOrTooShortASpanCannotBeProjected() {
    Instant reset = T0.plus(Duration.ofDays(20));
    assertThat(LinearForecast.project(List.of(), GB, reset, SETTINGS))
        .isInstanceOf(Insufficient.class);
    // Three samples over 10 hours: one too few.
    List<Sample> three =
        List.of(
            new Sample(T0, 0),
            new Sample(T0.plus(Duration.ofHours(5)), GB),
            new Sample(T0.plus(Duration.ofHours(10)), 2 * GB));
    assertThat(LinearForecast.project(three, GB, reset, SETTINGS)).isInstanceOf(Insufficient.class);
    // Twenty samples over 5 hours: too short a span.
    List<Sample> quick = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      quick.add(new Sample(T0.plus(Duration.ofMinutes(15L * i)), i * GB));
    }
    LinearForecast.Result r = LinearForecast.project(quick, GB, reset, SETTINGS);
    assertThat(r).isInstanceOf(Insufficient.class);
    assertThat(((Insufficient) r).reason()).contains("20 samples").contains("a forecast needs 4");
    // Four over six hours is enough.
    assertThat(LinearForecast.project(hourly(T0, 7, 0, GB), GB, reset, SETTINGS))
        .isInstanceOf(Projection.class);
  }

  @Test
  void onlyTheWindowCountsSoTheRateFollowsRecentBehaviour() {
    // 4 quiet days, then 1 busy day: the 3-day window sees the busy day and 2 quiet ones.
    List<Sample> samples = new ArrayList<>(hourly(T0, 96, 0, 0));
    samples.addAll(hourly(T0.plus(Duration.ofDays(4)), 25, 0, 300 * GB));
    Projection p =
        (Projection) LinearForecast.project(samples, 0, T0.plus(Duration.ofDays(10)), SETTINGS);
    assertThat(p.samples()).isEqualTo(24 * 2 + 25);
    assertThat(p.perDay()).isGreaterThan(0);
    assertThat(p.reachesLimitAt()).as("a limit of 0 is never reached").isEmpty();
  }

  @Test
  void aFlatOrFallingFitProjectsNoGrowthAndAReachedLimitIsReachedNow() {
    List<Sample> flat = hourly(T0, 12, 50 * GB, 0);
    Instant reset = T0.plus(Duration.ofDays(10));
    Projection p = (Projection) LinearForecast.project(flat, 100 * GB, reset, SETTINGS);
    assertThat(p.perDay()).isZero();
    assertThat(p.projected()).isEqualTo(50 * GB);
    assertThat(p.reachesLimitAt()).isEmpty();

    Projection reached = (Projection) LinearForecast.project(flat, 50 * GB, reset, SETTINGS);
    assertThat(reached.reachesLimitAt()).contains(T0.plus(Duration.ofHours(11)));
  }

  @Test
  void historyKeepsOneSampleInEachSpacingAndStartsOverOnANewPeriod() {
    UsageHistory history = new UsageHistory(Duration.ofMinutes(10), Duration.ofDays(3));
    Instant reset = Instant.parse("2026-12-31T00:00:00Z");
    for (int minute = 0; minute <= 60; minute++) {
      history.record("web1", T0.plusSeconds(60L * minute), minute * GB, reset);
    }
    List<Sample> kept = history.samples("web1");
    assertThat(kept.get(kept.size() - 1).value())
        .as("the newest value is current")
        .isEqualTo(60 * GB);
    assertThat(kept.size()).isBetween(6, 8);

    history.record("web1", T0.plus(Duration.ofHours(2)), GB, reset.plus(Duration.ofDays(31)));
    assertThat(history.samples("web1"))
        .containsExactly(new Sample(T0.plus(Duration.ofHours(2)), GB));
    history.record("web1", T0.plus(Duration.ofHours(3)), 0, reset.plus(Duration.ofDays(31)));
    assertThat(history.samples("web1")).as("a lower counter was reset").hasSize(1);

    history.record("web1", T0.plus(Duration.ofDays(5)), GB, reset.plus(Duration.ofDays(31)));
    assertThat(history.samples("web1")).as("older than keep").hasSize(1);
  }
}

package dev.kiwiops.core.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What {@link UsageHistory#record} settles is enough to rebuild the history: replaying the settled
 * samples in order gives every sample the original holds, but for its newest one (the reading a
 * restart takes again at once). Generated series: irregular readings, counter resets, new periods.
 */
class UsageHistoryReplayTest {
  private static final Duration SPACING = Duration.ofMinutes(10);
  private static final Duration KEEP = Duration.ofDays(3);

  private record Settled(String server, Instant at, long value, Object period) {}

  @Test
  void replayingTheSettledSamplesRebuildsTheHistoryButItsNewestSample() {
    SplittableRandom random = new SplittableRandom(14);
    for (int run = 0; run < 300; run++) {
      UsageHistory original = new UsageHistory(SPACING, KEEP);
      List<Settled> settled = new ArrayList<>();
      Instant at = Instant.parse("2026-01-01T00:00:00Z");
      Instant reset = Instant.parse("2026-01-20T00:00:00Z");
      long value = 0;
      int readings = random.nextInt(1, 400);
      for (int i = 0; i < readings; i++) {
        at = at.plusSeconds(random.nextInt(1, 3_600));
        int event = random.nextInt(100);
        if (event == 0) {
          value = random.nextLong(0, 1_000); // the counter was reset
        } else if (event == 1) {
          reset = reset.plus(Duration.ofDays(30)); // a new period
          value = 0;
        } else {
          value += random.nextLong(0, 1_000_000);
        }
        for (LinearForecast.Sample kept : original.record("web1", at, value, reset)) {
          settled.add(new Settled("web1", kept.at(), kept.value(), reset));
        }
      }
      // As Forecasts.restore reads them: the rows of the window before the restart.
      Instant since = at.minus(KEEP);
      UsageHistory replayed = new UsageHistory(SPACING, KEEP);
      for (Settled s : settled) {
        if (!s.at().isBefore(since)) {
          replayed.record(s.server(), s.at(), s.value(), s.period());
        }
      }

      List<LinearForecast.Sample> expected = original.samples("web1");
      List<LinearForecast.Sample> rebuilt = replayed.samples("web1");
      List<LinearForecast.Sample> withoutNewest = expected.subList(0, expected.size() - 1);
      assertThat(rebuilt)
          .as("run %d: %d readings", run, readings)
          .satisfiesAnyOf(
              r -> assertThat(r).isEqualTo(expected), r -> assertThat(r).isEqualTo(withoutNewest));
    }
  }
}

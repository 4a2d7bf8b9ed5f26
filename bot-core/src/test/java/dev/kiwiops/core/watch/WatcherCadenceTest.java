package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The jitter shifts the cycles once; after that they keep a fixed rate, so no server waits more
 * than one interval between two polls (a jitter drawn before every cycle made that interval plus
 * the jitter, and an event's alert came that much later).
 */
class WatcherCadenceTest {
  private static final Duration INTERVAL = Duration.ofSeconds(60);
  private static final Duration STEP = Duration.ofMillis(50);
  private final MutableClock clock = MutableClock.at("2026-01-01T00:10:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final FleetKiwi kiwi = new FleetKiwi("web1", "db1");
  private final InMemoryAlertStore store = new InMemoryAlertStore();

  private Watcher start(Duration jitter) {
    Watcher watcher =
        new Watcher(
            kiwi.fleet(),
            kiwi.port(),
            WatcherSettings.defaults().withInterval(INTERVAL).withJitter(jitter),
            AlertRouter.everythingTo(Destination.console()),
            List.of(new RecordingAlertSink("console")),
            store,
            store,
            new PowerStopLedger(new InMemoryStopRecords(), clock),
            scheduler,
            clock,
            new SplittableRandom(7));
    watcher.start();
    scheduler.runDue();
    return watcher;
  }

  /** When each cycle started, stepping the clock {@link #STEP} at a time. */
  private List<Instant> cycleStarts(Watcher watcher, int cycles) {
    List<Instant> starts = new ArrayList<>();
    long seen = watcher.status().cycles();
    while (starts.size() < cycles) {
      scheduler.advance(STEP);
      long now = watcher.status().cycles();
      if (now != seen) {
        starts.add(clock.instant());
        seen = now;
      }
    }
    return starts;
  }

  @Test
  void afterTheOneOffsetCyclesComeExactlyEveryInterval() {
    Instant started = clock.instant();
    Watcher watcher = start(Duration.ofSeconds(5));

    List<Instant> starts = cycleStarts(watcher, 5);

    Duration offset = Duration.between(started.plus(INTERVAL), starts.get(0));
    assertThat(offset).isBetween(Duration.ZERO, Duration.ofSeconds(5).plus(STEP));
    for (int i = 1; i < starts.size(); i++) {
      assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isEqualTo(INTERVAL);
    }
    watcher.close();
  }

  @Test
  void aLateCycleMovesTheGridInsteadOfBunchingTheNextOnes() {
    Watcher watcher = start(Duration.ZERO);
    // The timers are busy elsewhere: nothing runs for two and a half intervals.
    clock.advance(INTERVAL.multipliedBy(5).dividedBy(2));
    scheduler.runDue();
    assertThat(watcher.status().cycles()).isEqualTo(2);

    List<Instant> starts = cycleStarts(watcher, 2);
    assertThat(starts.get(0)).isEqualTo(Instant.parse("2026-01-01T00:13:30Z"));
    assertThat(Duration.between(starts.get(0), starts.get(1))).isEqualTo(INTERVAL);
    watcher.close();
  }
}

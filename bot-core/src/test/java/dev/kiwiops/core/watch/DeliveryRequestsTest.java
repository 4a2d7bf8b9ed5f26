package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The outbox is drained once per cycle and after a poll that queued messages, not after every poll:
 * with a large fleet, one outbox query per server and cycle was wasted work.
 */
class DeliveryRequestsTest {
  private static final Duration INTERVAL = Duration.ofSeconds(60);
  private final MutableClock clock = MutableClock.at("2026-01-01T00:10:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final FleetKiwi kiwi =
      new FleetKiwi(IntStream.rangeClosed(1, 20).mapToObj(i -> "s" + i).toArray(String[]::new));
  private final InMemoryAlertStore store = new InMemoryAlertStore();
  private final RecordingAlertSink console = new RecordingAlertSink("console");
  private final CountingDirectExecutor delivery = new CountingDirectExecutor();

  /** Runs each drain at once on the caller, counting them. */
  private static final class CountingDirectExecutor extends AbstractExecutorService {
    final AtomicInteger drains = new AtomicInteger();

    @Override
    public void execute(Runnable command) {
      drains.incrementAndGet();
      command.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  private Watcher start() {
    Watcher watcher =
        new Watcher(
            kiwi.fleet(),
            kiwi.port(),
            WatcherSettings.defaults().withInterval(INTERVAL).withJitter(Duration.ZERO),
            AlertRouter.everythingTo(Destination.console()),
            List.of(console),
            store,
            store,
            new PowerStopLedger(new InMemoryStopRecords(), clock),
            WatcherThreads.of(scheduler, scheduler, delivery),
            clock,
            new SplittableRandom(7));
    watcher.start();
    scheduler.runDue();
    return watcher;
  }

  @Test
  void healthyPollsDoNotAskForADrain() {
    Watcher watcher = start();
    int afterFirstCycle = delivery.drains.get();
    scheduler.advance(INTERVAL);
    scheduler.advance(INTERVAL);
    scheduler.advance(INTERVAL);

    assertThat(watcher.status().cycles()).isEqualTo(4);
    // One per cycle, whatever the fleet's size (20 polls per cycle here).
    assertThat(delivery.drains.get() - afterFirstCycle).isEqualTo(3);
    watcher.close();
  }

  @Test
  void aPollThatRaisesIsDeliveredAtOnce() {
    Watcher watcher = start();
    int before = delivery.drains.get();
    kiwi.state("s7").nullroute("192.0.2.7", "UDP flood");
    scheduler.advance(INTERVAL);

    assertThat(console.titles()).containsExactly("[CRITICAL] A1 s7: DDoS nullroute on 192.0.2.7");
    // The cycle's own drain and the raising poll's.
    assertThat(delivery.drains.get() - before).isEqualTo(2);
    watcher.close();
  }
}

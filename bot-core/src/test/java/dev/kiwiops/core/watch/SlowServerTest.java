package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server whose API call hangs, on real threads: the other server's alert still arrives, and the
 * hung poll is abandoned at the per-server timeout so the cycle completes. (Bounded waits only; no
 * assertion on durations.)
 */
class SlowServerTest {

  @Test
  void aHungServerIsAbandonedAndDoesNotDelayTheOthers() throws Exception {
    FleetKiwi kiwi = new FleetKiwi("slow", "web1");
    kiwi.state("web1").nullroute("192.0.2.1", "flood");
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    KiwiVm hanging =
        (KiwiVm)
            Proxy.newProxyInstance(
                KiwiVm.class.getClassLoader(),
                new Class<?>[] {KiwiVm.class},
                (proxy, method, args) -> {
                  if (args != null && args[0] instanceof FleetServer s && s.name().equals("slow")) {
                    try {
                      release.await();
                    } catch (InterruptedException e) {
                      interrupted.countDown();
                      Thread.currentThread().interrupt();
                    }
                  }
                  try {
                    return method.invoke(kiwi.port(), args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    CountDownLatch alerted = new CountDownLatch(1);
    RecordingAlertSink recording = new RecordingAlertSink("console");
    AlertSink console =
        new AlertSink() {
          @Override
          public String id() {
            return "console";
          }

          @Override
          public Optional<String> deliver(String target, Alert alert) throws Exception {
            Optional<String> ref = recording.deliver(target, alert);
            alerted.countDown();
            return ref;
          }

          @Override
          public void update(String target, String messageRef, Alert alert) throws Exception {
            recording.update(target, messageRef, alert);
          }
        };
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3);
    InMemoryAlertStore store = new InMemoryAlertStore();
    Watcher watcher =
        new Watcher(
            kiwi.fleet(),
            hanging,
            WatcherSettings.defaults()
                .withInterval(Duration.ofHours(1))
                .withJitter(Duration.ZERO)
                .withServerTimeout(Duration.ofMillis(200)),
            AlertRouter.everythingTo(Destination.console()),
            List.of(console),
            store,
            store,
            new PowerStopLedger(new InMemoryStopRecords(), Clock.systemUTC()),
            scheduler,
            Clock.systemUTC(),
            new SplittableRandom(1));
    try {
      watcher.start();

      assertThat(alerted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(recording.titles())
          .containsExactly("[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1");
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      watcher.close();
      scheduler.shutdown(); // lets the pending timeout tasks run, then ends
      assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(watcher.lastCycleAt()).isPresent();
      assertThat(watcher.status().pollFailures()).isPositive();
    } finally {
      release.countDown();
      watcher.close();
      scheduler.shutdownNow();
    }
  }
}

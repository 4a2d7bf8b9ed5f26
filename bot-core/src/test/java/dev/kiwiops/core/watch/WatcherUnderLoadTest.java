package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many more servers than poll threads, each answering slowly: 120 servers on a pool of 8 threads,
 * every {@code getServiceInfo} held until the test lets it answer. Time is a manual clock: the test
 * plays the API's latency by letting each batch of 8 calls answer 500 ms (of that clock) after they
 * began, so one cycle's polls take 7.5 s of a 10 s interval, far past the 2 s server timeout
 * counted from the cycle's start, yet each poll itself takes 0.5 s. The cycles, timeouts and
 * deliveries run on the manual scheduler; the polls on real threads. The waits are bounded; nothing
 * asserts a duration.
 */
class WatcherUnderLoadTest {
  private static final int SERVERS = 120;
  private static final int THREADS = 8;
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration LATENCY = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Semaphore pollsDone = new Semaphore(0);
  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>()) {
        @Override
        protected void afterExecute(Runnable r, Throwable t) {
          pollsDone.release();
        }
      };
  private final FleetKiwi kiwi = fleet();
  private final SlowApi api = new SlowApi();
  private final RecordingAlertSink console = new RecordingAlertSink("console");
  private final InMemoryAlertStore store = new InMemoryAlertStore();
  private Watcher watcher;

  private static FleetKiwi fleet() {
    String[] names = new String[SERVERS];
    for (int i = 0; i < SERVERS; i++) {
      names[i] = String.format("s%03d", i + 1);
    }
    FleetKiwi kiwi = new FleetKiwi(names);
    for (String name : names) {
      kiwi.answer(name, "getRateLimitStatus", new ApiResult.Ok<>(new RateLimitStatus(900, 19000)));
    }
    return kiwi;
  }

  @AfterEach
  void stop() {
    api.open();
    if (watcher != null) {
      watcher.close();
    }
    pool.shutdownNow();
  }

  @Test
  void everyServerIsPolledEachIntervalAndNoResultIsLost() throws Exception {
    for (int i = 1; i <= SERVERS; i++) {
      kiwi.state(String.format("s%03d", i)).nullroute("192.0.2." + i, "flood " + i);
    }
    Instant start = clock.instant();
    watcher = watcher();
    watcher.start();
    scheduler.runDue(); // the first cycle hands 120 polls to 8 threads

    answerOneCycle(Duration.ZERO);
    scheduler.runDue(); // deliveries

    assertThat(watcher.status().pollFailures()).isZero();
    assertThat(watcher.openIncidents()).hasSize(SERVERS);
    assertThat(console.titles())
        .hasSize(SERVERS)
        .anyMatch(t -> t.endsWith("s001: DDoS nullroute on 192.0.2.1"))
        .anyMatch(t -> t.endsWith("s120: DDoS nullroute on 192.0.2.120"));
    assertThat(watcher.lastCycleAt()).contains(start.plus(LATENCY.multipliedBy(SERVERS / THREADS)));

    for (int cycle = 1; cycle < 3; cycle++) {
      scheduler.advance(
          Duration.between(clock.instant(), start.plus(INTERVAL.multipliedBy(cycle))));
      answerOneCycle(Duration.ZERO);
    }
    scheduler.runDue();

    assertThat(watcher.status().pollFailures()).isZero();
    assertThat(watcher.status().cycles()).isEqualTo(3);
    for (FleetServer server : kiwi.fleet().all()) {
      List<Instant> polled = api.started.get(server.name());
      assertThat(polled).as(server.name()).hasSize(3);
      for (int cycle = 0; cycle < 3; cycle++) {
        assertThat(polled.get(cycle))
            .as(server.name() + " in cycle " + cycle)
            .isBetween(
                start.plus(INTERVAL.multipliedBy(cycle)),
                start.plus(INTERVAL.multipliedBy(cycle + 1)).minusMillis(1));
      }
    }
    assertThat(console.titles()).hasSize(SERVERS); // nothing raised twice, nothing resolved
  }

  @Test
  void theTimeoutCountsFromThePollsStartSoOnlyTheSlowBatchIsAbandoned() throws Exception {
    kiwi.state("s120").nullroute("192.0.2.120", "flood");
    watcher = watcher();
    watcher.start();
    scheduler.runDue();

    // The last 8 polls answer only after 2.5 s, past their own 2 s timeout.
    answerOneCycle(Duration.ofSeconds(2));
    scheduler.runDue();

    assertThat(watcher.status().pollFailures()).isEqualTo(THREADS);
    assertThat(console.titles()).isEmpty(); // s120 was in the abandoned batch

    scheduler.advance(Duration.between(clock.instant(), Instant.parse("2026-01-01T00:00:10Z")));
    answerOneCycle(Duration.ZERO);
    scheduler.runDue();

    assertThat(watcher.status().pollFailures()).isEqualTo(THREADS);
    assertThat(console.titles())
        .containsExactly("[CRITICAL] A1 s120: DDoS nullroute on 192.0.2.120");
  }

  /**
   * Plays one cycle's latency: waits (bounded) until a batch of calls is in flight, moves the clock
   * by the latency (running whatever timers fall due), lets the batch answer, and so on until every
   * server answered; {@code lastBatchExtra} more for the last batch. Then waits for every poll to
   * finish.
   */
  private void answerOneCycle(Duration lastBatchExtra) throws InterruptedException {
    int answered = 0;
    while (answered < SERVERS) {
      int batch = Math.min(THREADS, SERVERS - answered);
      api.awaitEntered(api.answeredTotal() + batch);
      Duration latency = answered + batch == SERVERS ? LATENCY.plus(lastBatchExtra) : LATENCY;
      scheduler.advance(latency);
      api.answer(batch);
      answered += batch;
    }
    assertThat(pollsDone.tryAcquire(SERVERS, 30, TimeUnit.SECONDS)).isTrue();
  }

  private Watcher watcher() {
    return new Watcher(
        kiwi.fleet(),
        api.port(),
        WatcherSettings.defaults()
            .withInterval(INTERVAL)
            .withJitter(Duration.ZERO)
            .withServerTimeout(TIMEOUT),
        AlertRouter.everythingTo(Destination.console()),
        List.of(console),
        store,
        store,
        new PowerStopLedger(new InMemoryStopRecords(), clock),
        WatcherThreads.of(scheduler, pool, scheduler),
        clock,
        new SplittableRandom(1));
  }

  /**
   * The fleet's KiwiVM, where each {@code getServiceInfo} waits until the test lets it answer, even
   * when interrupted (as a blocking socket read would); records when (on the manual clock) each
   * server's calls began.
   */
  private final class SlowApi {
    final Map<String, List<Instant>> started = new ConcurrentHashMap<>();
    private final AtomicInteger entered = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final Deque<CountDownLatch> held = new ArrayDeque<>();
    private final Object progress = new Object();
    private boolean open;

    KiwiVm port() {
      return (KiwiVm)
          Proxy.newProxyInstance(
              KiwiVm.class.getClassLoader(),
              new Class<?>[] {KiwiVm.class},
              (proxy, method, args) -> {
                if (method.getName().equals("getServiceInfo")) {
                  FleetServer server = (FleetServer) args[0];
                  started
                      .computeIfAbsent(server.name(), k -> new CopyOnWriteArrayList<>())
                      .add(clock.instant());
                  CountDownLatch answer = new CountDownLatch(1);
                  synchronized (progress) {
                    if (open) {
                      answer.countDown();
                    } else {
                      held.addLast(answer);
                    }
                    entered.incrementAndGet();
                    progress.notifyAll();
                  }
                  awaitUninterruptibly(answer);
                }
                try {
                  return method.invoke(kiwi.port(), args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    int answeredTotal() {
      return answered.get();
    }

    void awaitEntered(int total) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      synchronized (progress) {
        while (entered.get() < total) {
          long left = deadline - System.nanoTime();
          assertThat(left).as("calls in flight: %d of %d", entered.get(), total).isPositive();
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        }
      }
      assertThat(entered.get()).as("no more calls than threads in flight").isEqualTo(total);
    }

    /** Lets the {@code n} calls that have waited longest answer. */
    void answer(int n) {
      synchronized (progress) {
        for (int i = 0; i < n; i++) {
          held.removeFirst().countDown();
        }
        answered.addAndGet(n);
      }
    }

    void open() {
      synchronized (progress) {
        open = true;
        held.forEach(CountDownLatch::countDown);
        held.clear();
      }
    }

    /** Like a blocking socket read, the wait does not end on interrupt. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
      boolean interrupted = false;
      while (true) {
        try {
          latch.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

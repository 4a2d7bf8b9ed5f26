package dev.kiwiops.core.watch;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a {@link Watcher} runs on, kept apart so that slow work of one kind never starves
 * another:
 *
 * <ul>
 *   <li>{@code timers}: starts cycles, fires per-server timeouts and schedules outbox retries; only
 *       short tasks run there (it may be shared with other light work such as confirmation sweeps).
 *   <li>{@code polls}: one task per server and cycle, each blocking on the KiwiVM API for up to
 *       {@link WatcherSettings#serverTimeout()}; nothing else runs there.
 *   <li>{@code delivery}: drains the outbox into the chat sinks, which block on chat APIs.
 * </ul>
 *
 * <p>{@link #forFleet} sizes the poll pool so that every server can be polled once per interval
 * even when each poll takes the whole timeout: a server never has more than one poll in flight, so
 * the pool never needs more threads than servers, and when the timeout fits {@code k} times into
 * the interval a thread can serve {@code k} servers one after the other. The pool is bounded by
 * {@link #MAX_POLL_THREADS}; idle threads end after a while, so a fast API costs few threads.
 */
public final class WatcherThreads implements AutoCloseable {
  /** The most poll threads {@link #forFleet} starts, whatever the fleet. */
  public static final int MAX_POLL_THREADS = 256;

  private final ScheduledExecutorService timers;
  private final ExecutorService polls;
  private final ExecutorService delivery;
  private final boolean owned;

  private WatcherThreads(
      ScheduledExecutorService timers,
      ExecutorService polls,
      ExecutorService delivery,
      boolean owned) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.polls = Objects.requireNonNull(polls, "polls");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.owned = owned;
  }

  /**
   * Everything on one executor: for tests that drive a manual scheduler step by step. Closing does
   * not shut it down.
   */
  public static WatcherThreads sharing(ScheduledExecutorService scheduler) {
    return new WatcherThreads(scheduler, scheduler, scheduler, false);
  }

  /**
   * Explicit executors (a test's small poll pool). Closing does not shut them down: their creator
   * does.
   */
  public static WatcherThreads of(
      ScheduledExecutorService timers, ExecutorService polls, ExecutorService delivery) {
    return new WatcherThreads(timers, polls, delivery, false);
  }

  /**
   * Production threads for a fleet of {@code servers}: the given timers, a poll pool of {@link
   * #pollThreads} daemon threads and one daemon delivery thread, both created here and shut down by
   * {@link #close()}.
   */
  public static WatcherThreads forFleet(
      int servers, WatcherSettings settings, ScheduledExecutorService timers) {
    int size = pollThreads(servers, settings);
    Duration idle = settings.interval().multipliedBy(2);
    ThreadPoolExecutor polls =
        new ThreadPoolExecutor(
            size,
            size,
            idle.toMillis(),
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemon("kiwiops-watch-poll"));
    polls.allowCoreThreadTimeOut(true);
    ThreadPoolExecutor delivery =
        new ThreadPoolExecutor(
            1,
            1,
            idle.toMillis(),
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemon("kiwiops-alert-delivery"));
    delivery.allowCoreThreadTimeOut(true);
    return new WatcherThreads(timers, polls, delivery, true);
  }

  /**
   * How many poll threads let {@code servers} servers each be polled once per interval when every
   * poll takes the whole server timeout: {@code ceil(servers / max(1, interval / timeout))}, at
   * least 1 and at most {@link #MAX_POLL_THREADS}.
   */
  public static int pollThreads(int servers, WatcherSettings settings) {
    long perThread =
        Math.max(1, settings.interval().toMillis() / settings.serverTimeout().toMillis());
    long needed = (servers + perThread - 1) / perThread;
    return (int) Math.max(1, Math.min(MAX_POLL_THREADS, needed));
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  ExecutorService polls() {
    return polls;
  }

  ExecutorService delivery() {
    return delivery;
  }

  /**
   * Stops the poll and delivery threads that {@link #forFleet} created, letting work in progress
   * finish for up to {@code grace}; executors handed in are left alone.
   */
  public void close(Duration grace) {
    if (!owned) {
      return;
    }
    polls.shutdown();
    delivery.shutdown();
    try {
      long deadline = System.nanoTime() + grace.toNanos();
      if (!delivery.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        delivery.shutdownNow();
      }
      long left = Math.max(0, deadline - System.nanoTime());
      if (!polls.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        polls.shutdownNow();
      }
    } catch (InterruptedException e) {
      polls.shutdownNow();
      delivery.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}

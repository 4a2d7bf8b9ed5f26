package dev.kiwiops.core.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} that runs nothing by itself: tasks wait in a queue ordered by
 * due time on a {@link MutableClock}, and run on the test's thread when the test calls {@link
 * #runDue()} or {@link #advance(Duration)}. Deterministic: no threads, no sleeps.
 */
public final class ManualScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {
  private final MutableClock clock;
  private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
  private long sequence;
  private boolean shutdown;

  public ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  /** Runs every task due now, including those the tasks queue for now; returns how many ran. */
  public int runDue() {
    int ran = 0;
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due.isAfter(clock.instant())) {
          return ran;
        }
        queue.poll();
      }
      next.run();
      ran++;
    }
  }

  /**
   * Runs the next task due now, if any: for tests that stop part-way through what {@link #runDue()}
   * would run (a process dying in the middle of a cycle).
   */
  public boolean runOne() {
    Task<?> next;
    synchronized (this) {
      next = queue.peek();
      if (next == null || next.due.isAfter(clock.instant())) {
        return false;
      }
      queue.poll();
    }
    next.run();
    return true;
  }

  /** Moves the clock forward step by step to each due task, running it, up to {@code by}. */
  public void advance(Duration by) {
    Instant target = clock.instant().plus(by);
    runDue();
    while (true) {
      Instant due;
      synchronized (this) {
        Task<?> next = queue.peek();
        if (next == null || next.due.isAfter(target)) {
          break;
        }
        due = next.due;
      }
      if (due.isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), due));
      }
      runDue();
    }
    if (target.isAfter(clock.instant())) {
      clock.advance(Duration.between(clock.instant(), target));
    }
    runDue();
  }

  /** How many tasks wait (including cancelled ones not yet dropped). */
  public synchronized int queued() {
    queue.removeIf(FutureTask::isCancelled);
    return queue.size();
  }

  @Override
  public void execute(Runnable command) {
    enqueue(new Task<>(Executors.callable(command, null), clock.instant(), 0));
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return enqueue(new Task<>(Executors.callable(command, null), due(delay, unit), 0));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return enqueue(new Task<>(callable, due(delay, unit), 0));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return enqueue(
        new Task<>(
            Executors.callable(command, null), due(initialDelay, unit), unit.toNanos(period)));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return scheduleAtFixedRate(command, initialDelay, delay, unit);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = new ArrayList<>(queue);
    queue.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  private Instant due(long delay, TimeUnit unit) {
    return clock.instant().plusNanos(unit.toNanos(Math.max(0, delay)));
  }

  private synchronized <V> Task<V> enqueue(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("scheduler is shut down");
    }
    queue.add(task);
    return task;
  }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private final long order;
    private final long periodNanos;
    private Instant due;

    Task(Callable<V> callable, Instant due, long periodNanos) {
      super(callable);
      this.due = due;
      this.periodNanos = periodNanos;
      synchronized (ManualScheduler.this) {
        this.order = sequence++;
      }
    }

    @Override
    public void run() {
      if (periodNanos == 0) {
        super.run();
      } else if (super.runAndReset()) {
        due = due.plusNanos(periodNanos);
        synchronized (ManualScheduler.this) {
          if (!shutdown) {
            queue.add(this);
          }
        }
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), due));
    }

    @Override
    public int compareTo(Delayed other) {
      Task<?> o = (Task<?>) other;
      int byDue = due.compareTo(o.due);
      return byDue != 0 ? byDue : Long.compare(order, o.order);
    }
  }
}

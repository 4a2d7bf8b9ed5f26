package dev.kiwiops.core.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the {@link Outbox} into the sinks: oldest first, and per destination strictly in queue
 * order, so a failed message holds back the later ones of its destination (never those of others)
 * until a retry with exponential backoff succeeds. One drain runs at a time; a request during a
 * drain makes it go round once more.
 *
 * <p>Drains run on the delivery executor ({@link #request()}); retries are timed on the timer
 * executor, which only hands the drain over. So a slow chat API holds neither a poll thread nor a
 * timer.
 */
final class OutboxDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  static final Duration MAX_RETRY = Duration.ofMinutes(5);
  // Chat SDK errors may quote request URLs, and Telegram puts the bot token in its URLs.
  private static final Pattern TOKEN_IN_URL = Pattern.compile("bot\\d+:[A-Za-z0-9_-]+");

  private final Outbox outbox;
  private final Map<String, AlertSink> sinks;
  private final ScheduledExecutorService timers;
  private final Executor executor;
  private final Clock clock;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final ReentrantLock draining = new ReentrantLock();
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Object retryLock = new Object();
  private ScheduledFuture<?> retry;
  private Instant retryAt;
  private volatile boolean ignoreBackoff;
  private volatile boolean halted;

  OutboxDelivery(
      Outbox outbox,
      Map<String, AlertSink> sinks,
      ScheduledExecutorService timers,
      Executor executor,
      Clock clock) {
    this.outbox = outbox;
    this.sinks = Map.copyOf(sinks);
    this.timers = timers;
    this.executor = executor;
    this.clock = clock;
  }

  /** Asks for a drain on the delivery executor; at most one waits there at a time. */
  void request() {
    if (!queued.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(
          () -> {
            queued.set(false);
            flush();
          });
    } catch (RejectedExecutionException e) {
      queued.set(false);
      LOG.debug("alert outbox: delivery executor is shut down");
    }
  }

  /**
   * Asks for a drain of everything queued now, regardless of earlier failures' backoff: at startup,
   * when the failures were another process's.
   */
  void requestAll() {
    ignoreBackoff = true;
    request();
  }

  /**
   * Stops delivering: a drain in progress ends after the message at hand, a pending retry is
   * cancelled, and requests and flushes do nothing until {@link #resume()}.
   */
  void halt() {
    halted = true;
    synchronized (retryLock) {
      if (retry != null) {
        retry.cancel(false);
        retry = null;
      }
    }
  }

  /** Delivers again after {@link #halt()}. */
  void resume() {
    halted = false;
  }

  /** Delivers everything that is due now, on the calling thread; never throws. */
  void flush() {
    if (halted) {
      return;
    }
    again.set(true);
    while (again.get() && draining.tryLock()) {
      try {
        again.set(false);
        drainOnce();
      } catch (RuntimeException e) {
        LOG.warn("alert outbox: could not drain: {}", e.toString());
        scheduleRetry(clock.instant().plus(FIRST_RETRY));
      } finally {
        draining.unlock();
      }
    }
  }

  long delivered() {
    return delivered.get();
  }

  long failures() {
    return failures.get();
  }

  private void drainOnce() {
    Instant now = clock.instant();
    boolean all = ignoreBackoff;
    ignoreBackoff = false;
    List<Delivery> pending = outbox.pending();
    Set<Destination> heldBack = new HashSet<>();
    Instant earliestRetry = null;
    for (Delivery d : pending) {
      if (halted) {
        return;
      }
      if (heldBack.contains(d.destination())) {
        continue;
      }
      if (!all && d.nextAttemptAt().isAfter(now)) {
        heldBack.add(d.destination());
        earliestRetry = earliest(earliestRetry, d.nextAttemptAt());
        continue;
      }
      AlertSink sink = sinks.get(d.destination().sink());
      if (sink == null) {
        // Queued under another configuration; kept until that sink is back.
        heldBack.add(d.destination());
        LOG.warn("alert outbox: no sink '{}' for alert {}", d.destination().sink(), d.alert().id());
        continue;
      }
      Optional<String> ref = Optional.empty();
      try {
        if (d.edit()) {
          for (String earlier : outbox.messageRefs(d.alert().id(), d.destination())) {
            sink.update(d.destination().target(), earlier, d.alert());
          }
        } else {
          ref = sink.deliver(d.destination().target(), d.alert());
        }
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        int attempts = d.attempts() + 1;
        Instant next = now.plus(backoff(attempts));
        String error = describe(e);
        failures.incrementAndGet();
        outbox.failed(d.id(), attempts, next, error);
        LOG.warn(
            "alert {} to {} failed (attempt {}), retrying at {}: {}",
            d.alert().id(),
            d.destination(),
            attempts,
            next,
            error);
        heldBack.add(d.destination());
        earliestRetry = earliest(earliestRetry, next);
        continue;
      }
      if (ref != null && ref.isPresent() && !usable(ref.get())) {
        LOG.warn(
            "alert {}: sink {} answered an unusable message reference", d.alert().id(), sink.id());
        ref = Optional.empty();
      }
      if (ref != null && ref.isPresent()) {
        outbox.posted(d, ref.get());
      } else {
        outbox.delivered(d.id());
      }
      delivered.incrementAndGet();
    }
    if (earliestRetry != null) {
      scheduleRetry(earliestRetry);
    }
  }

  /** A reference the store can keep: 1 to 200 characters. */
  private static boolean usable(String ref) {
    return !ref.isEmpty() && ref.length() <= 200;
  }

  static Duration backoff(int attempts) {
    Duration d = FIRST_RETRY;
    for (int i = 1; i < attempts && d.compareTo(MAX_RETRY) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
  }

  private void scheduleRetry(Instant at) {
    synchronized (retryLock) {
      if (retry != null && !retry.isDone() && !retryAt.isAfter(at)) {
        return;
      }
      if (retry != null) {
        retry.cancel(false);
      }
      long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
      try {
        retryAt = at;
        retry = timers.schedule(this::retry, delay, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        LOG.warn("alert outbox: cannot schedule a retry, the scheduler is shut down");
      }
    }
  }

  private void retry() {
    synchronized (retryLock) {
      // This task is running: a drain it triggers must be able to schedule the next retry.
      retry = null;
    }
    request();
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  static String describe(Exception e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    String text = e.getClass().getSimpleName() + message;
    text = TOKEN_IN_URL.matcher(text).replaceAll("bot******");
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}

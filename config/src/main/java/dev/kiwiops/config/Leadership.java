package dev.kiwiops.config;

import dev.kiwiops.store.AdvisoryLeaderLock;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of several replicas on one PostgreSQL store leads ({@code ha.enabled}): the one holding the
 * {@link AdvisoryLeaderLock}. One thread of its own, every heartbeat: a standby tries to take the
 * lock; the leader checks on the lock's connection that it still holds it (never taking it again:
 * advisory locks stack).
 *
 * <p>When the check fails or does not answer in time, leader-only work stops first ({@link
 * Term#lost()}), then the connection is closed, then this replica contends again as a standby. So a
 * replica whose connection comes back after another took over never acts as a second leader.
 *
 * <p>{@link #fresh()} is the fence for work that runs on other threads (alert writes and
 * deliveries): it is false unless the lock was seen held within two heartbeats, so a leader whose
 * host froze stops writing as soon as it runs again, even before its heartbeat notices.
 */
final class Leadership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  /** What leading means: started when this replica takes the lock, stopped when it loses it. */
  interface Term {
    /** Starts leader-only work; a failure makes this replica give the lock back. */
    void elected() throws Exception;

    /** Stops leader-only work at once; never throws. */
    void lost();
  }

  private final AdvisoryLeaderLock lock;
  private final Duration heartbeat;
  private final Term term;
  private final Object sleeper = new Object();
  private final AtomicLong failovers = new AtomicLong();
  private final AtomicLong losses = new AtomicLong();
  private final Thread thread;
  private volatile boolean leader;
  private volatile long heldAtNanos;
  private volatile boolean closed;
  private boolean sawAnother;
  private boolean unreachableLogged;

  Leadership(AdvisoryLeaderLock lock, Duration heartbeat, Term term) {
    this.lock = lock;
    this.heartbeat = heartbeat;
    this.term = term;
    this.thread = new Thread(this::loop, "kiwiops-leadership");
    this.thread.setDaemon(true);
  }

  Leadership start() {
    thread.start();
    return this;
  }

  /** Whether this replica leads now (as of its last heartbeat), settled or not. */
  boolean leader() {
    return leader;
  }

  /** Whether this replica leads and saw its lock held within the last two heartbeats. */
  boolean fresh() {
    return leader && System.nanoTime() - heldAtNanos < heartbeat.multipliedBy(2).toNanos();
  }

  /** Times this replica took the lead after another replica (or itself, earlier) had held it. */
  long failovers() {
    return failovers.get();
  }

  /** Times this replica lost the lead while running (connection lost, lock gone). */
  long losses() {
    return losses.get();
  }

  private void loop() {
    while (!closed) {
      try {
        beat();
      } catch (RuntimeException e) {
        LOG.warn("leadership: heartbeat failed: {}", Main.oneSentence(e));
      }
      synchronized (sleeper) {
        if (closed) {
          break;
        }
        try {
          sleeper.wait(heartbeat.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
  }

  private void beat() {
    if (leader) {
      if (lock.stillHeld()) {
        heldAtNanos = System.nanoTime();
        return;
      }
      LOG.warn("leadership: the lock is lost; stopping leader-only work, now a standby");
      stepDown();
      losses.incrementAndGet();
      return;
    }
    boolean taken;
    try {
      taken = lock.tryAcquire();
      unreachableLogged = false;
    } catch (SQLException e) {
      if (!unreachableLogged) {
        LOG.warn("leadership: the store cannot be reached for the lock: {}", e.getMessage());
        unreachableLogged = true;
      }
      return;
    }
    if (!taken) {
      if (!sawAnother) {
        LOG.info("leadership: another replica leads; this one is a standby");
      }
      sawAnother = true;
      return;
    }
    // A previous leader that lost the lock without knowing it yet (its connection was cut, its
    // host froze) stops within its next heartbeat plus a timed-out check: wait that long before
    // acting, then make sure the lock is still ours.
    heldAtNanos = System.nanoTime();
    leader = true;
    if (!settle() || !lock.stillHeld()) {
      leader = false;
      lock.release();
      return;
    }
    heldAtNanos = System.nanoTime();
    if (sawAnother) {
      failovers.incrementAndGet();
    }
    LOG.info("leadership: this replica leads{}", sawAnother ? " (took over)" : "");
    try {
      term.elected();
    } catch (Exception e) {
      LOG.error(
          "leadership: leader-only work cannot start ({}); giving the lead back",
          Main.oneSentence(e));
      stepDown();
    }
  }

  /**
   * Waits {@link #settleTime}, checking the lock every heartbeat meanwhile (the server ends a lock
   * session that stays silent, and a lock lost while settling is given up); false if closed or lost
   * meanwhile.
   */
  private boolean settle() {
    long until = System.nanoTime() + settleTime(heartbeat).toNanos();
    while (true) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      synchronized (sleeper) {
        if (closed) {
          return false;
        }
        try {
          sleeper.wait(Math.max(1, Math.min(left / 1_000_000, heartbeat.toMillis())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        if (closed) {
          return false;
        }
      }
      if (!lock.stillHeld()) {
        return false;
      }
    }
  }

  /**
   * How long a new leader waits before it acts: three heartbeats, the longest a previous leader
   * that lost the lock can take to notice (its next heartbeat, then a check that times out).
   */
  static Duration settleTime(Duration heartbeat) {
    return heartbeat.multipliedBy(3);
  }

  private void stepDown() {
    leader = false;
    try {
      term.lost();
    } finally {
      lock.release();
      sawAnother = true;
    }
  }

  /**
   * Stops contending, waiting up to {@code wait} for a heartbeat in progress; leader-only work is
   * not stopped and the lock stays held until {@link #release()}, so that the host can stop that
   * work in order first.
   */
  void stopContending(Duration wait) {
    closed = true;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
    try {
      thread.join(Math.max(1, wait.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Gives the lock back (after {@link #stopContending}). */
  void release() {
    leader = false;
    lock.release();
  }

  /** Stops at once: leader-only work first if this replica leads, then the lock. */
  @Override
  public void close() {
    stopContending(heartbeat.multipliedBy(2));
    if (leader) {
      stepDown();
    } else {
      lock.release();
    }
  }

  /** The lock's session id in PostgreSQL (tests cut it). */
  int backendPid() throws SQLException {
    return lock.backendPid();
  }
}

package dev.kiwiops.core.watch;

import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.forecast.Forecasts;
import dev.kiwiops.core.kiwivm.KiwiVm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background watcher of the README's "Alerts": polls every server of the fleet, turns what it
 * sees into incidents, and announces each incident once when it starts and once when it ends, to
 * the destinations the router picks, through the persisted outbox.
 *
 * <p>Each cycle makes one {@code getServiceInfo} per server, and the expensive calls only when due
 * ({@link ServerObserver}); the first cycle and every {@link WatcherSettings#expensiveEvery()}th
 * one are expensive.
 *
 * <p>Threads ({@link WatcherThreads}): cycles start on the timer executor every interval (at a
 * fixed rate, shifted once by a random offset of up to the jitter), whatever the polls are doing;
 * each server is polled by its own task on the poll pool, and its timeout ({@link
 * WatcherSettings#serverTimeout()}) is counted from the moment that poll starts, by a timer on the
 * timer executor, so a busy pool can neither delay a timeout nor make one fire for a poll that has
 * not begun. A server whose previous poll is still running when a cycle begins is not skipped: it
 * is polled again as soon as that poll ends (counted in {@link #latePolls()}). Findings are
 * announced as soon as their server is done; the outbox is drained on its own thread, so slow chat
 * APIs never hold a poll thread. Nothing thrown stops the watcher; failures are logged, counted in
 * {@link #status()}, and the next cycle tries again.
 *
 * <p>Incidents and their messages are stored together ({@link AlertStateStore}, kept by the {@link
 * IncidentBook}), and the state is loaded at {@link #start()}: after a restart an incident that is
 * still present is not announced again, and one that ended meanwhile gets its "resolved" message.
 * Unacknowledged critical alerts are repeated every {@link WatcherSettings#remind()}, unless
 * snoozed.
 */
public final class Watcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
  private static final TimeUnit MILLIS = TimeUnit.MILLISECONDS;

  private final Fleet fleet;
  private final WatcherSettings settings;
  private final WatcherThreads threads;
  private final Clock clock;
  private final RandomGenerator random;
  private final IncidentBook book;
  private final ServerObserver observer;
  private final OutboxDelivery delivery;
  private final Forecasts forecasts;

  private final Set<String> polling = ConcurrentHashMap.newKeySet();
  private final Map<String, Poll> owed = new ConcurrentHashMap<>();
  private final AtomicLong late = new AtomicLong();
  private final AtomicLong cycles = new AtomicLong();
  private final AtomicLong pollFailures = new AtomicLong();
  private volatile Instant lastCycleAt;
  private volatile Duration lastCycleDuration;
  private volatile boolean running;
  private volatile ScheduledFuture<?> nextCycle;
  private volatile Instant cycleOrigin = Instant.EPOCH;
  private volatile long phaseOffset;

  /**
   * Builds a watcher whose cycles, polls, timeouts and deliveries all run on {@code scheduler}: for
   * tests that drive a manual scheduler. Production gives each its own threads with {@link
   * #Watcher(Fleet, KiwiVm, WatcherSettings, AlertRouter, List, AlertStateStore, Outbox,
   * PowerStopLedger, WatcherThreads, Clock, RandomGenerator)}.
   */
  public Watcher(
      Fleet fleet,
      KiwiVm kiwi,
      WatcherSettings settings,
      AlertRouter router,
      List<AlertSink> sinks,
      AlertStateStore state,
      Outbox outbox,
      PowerStopLedger stops,
      ScheduledExecutorService scheduler,
      Clock clock,
      RandomGenerator random) {
    this(
        fleet,
        kiwi,
        settings,
        router,
        sinks,
        state,
        outbox,
        stops,
        WatcherThreads.sharing(scheduler),
        clock,
        random);
  }

  /**
   * Builds a watcher; nothing runs until {@link #start()}.
   *
   * @param fleet the servers to watch
   * @param kiwi the KiwiVM port (the caching client in production)
   * @param settings polling and alerting settings
   * @param router the destinations of each alert ({@code alerts.routes})
   * @param sinks every available sink, by {@link AlertSink#id()}; destinations naming another sink
   *     are skipped with a warning (check with {@link AlertRouter#unknownSinks} at startup)
   * @param state the persisted incident state
   * @param outbox the persisted outbox (usually the same store object as {@code state})
   * @param stops who stopped which server through the bot (no {@code down} alert for those)
   * @param threads where cycles and timeouts, polls and deliveries run ({@link
   *     WatcherThreads#forFleet} in production); the watcher does not shut them down
   * @param clock the time source
   * @param random the source of jitter
   */
  public Watcher(
      Fleet fleet,
      KiwiVm kiwi,
      WatcherSettings settings,
      AlertRouter router,
      List<AlertSink> sinks,
      AlertStateStore state,
      Outbox outbox,
      PowerStopLedger stops,
      WatcherThreads threads,
      Clock clock,
      RandomGenerator random) {
    this.fleet = fleet;
    this.settings = settings;
    this.threads = threads;
    this.clock = clock;
    this.random = random;
    Map<String, AlertSink> byId = new LinkedHashMap<>();
    for (AlertSink sink : sinks) {
      if (byId.putIfAbsent(sink.id(), sink) != null) {
        throw new IllegalArgumentException("two alert sinks with id " + sink.id());
      }
    }
    this.forecasts = new Forecasts(settings.forecast().fit());
    this.book =
        new IncidentBook(
            fleet,
            settings,
            router,
            byId.keySet(),
            state,
            IncidentBook.standardRules(settings, forecasts),
            clock);
    this.observer = new ServerObserver(kiwi, stops, book, clock, pollFailures);
    this.delivery = new OutboxDelivery(outbox, byId, threads.timers(), threads.delivery(), clock);
  }

  /**
   * Loads the persisted incidents and the forecasts' kept samples, then runs the first cycle at
   * once (and delivers what an earlier run left in the outbox) and the next ones at a fixed rate,
   * every interval, shifted once by a random offset of up to the jitter.
   *
   * @throws AlertStoreException if the persisted state cannot be read
   */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("the watcher is already running");
    }
    book.load();
    forecasts.restore(clock.instant());
    delivery.resume();
    long jitter = settings.jitter().toMillis();
    phaseOffset = jitter > 0 ? random.nextLong(jitter + 1) : 0;
    cycleOrigin = clock.instant();
    running = true;
    LOG.info(
        "watcher: {} servers every {}, {} open incidents",
        fleet.all().size(),
        settings.interval(),
        book.size());
    delivery.requestAll();
    threads.timers().execute(this::cycleSafely);
  }

  /**
   * Stops at once, without delivering anything more: for a process that is no longer the only one
   * allowed to watch (it lost its leadership), so another one delivers the outbox. Polls in flight
   * finish but their findings are dropped; a retry or drain that was due does nothing. {@link
   * #start()} may start it again later, from the store. Idempotent.
   */
  public synchronized void stepDown() {
    running = false;
    ScheduledFuture<?> next = nextCycle;
    if (next != null) {
      next.cancel(false);
    }
    delivery.halt();
  }

  /** Stops scheduling cycles and delivers what is due in the outbox. Idempotent. */
  @Override
  public synchronized void close() {
    running = false;
    ScheduledFuture<?> next = nextCycle;
    if (next != null) {
      next.cancel(false);
    }
    delivery.flush();
  }

  /**
   * How many polls started late because the server's previous poll was still running when its cycle
   * began (the API answered more slowly than the interval allows).
   */
  public long latePolls() {
    return late.get();
  }

  /** When the latest cycle finished, for {@code /healthz}. */
  public Optional<Instant> lastCycleAt() {
    return Optional.ofNullable(lastCycleAt);
  }

  /** How long the latest finished cycle took, from its start to its last server's answer. */
  public Optional<Duration> lastCycleDuration() {
    return Optional.ofNullable(lastCycleDuration);
  }

  public WatcherStatus status() {
    return new WatcherStatus(
        lastCycleAt(),
        cycles.get(),
        pollFailures.get(),
        book.raised(),
        book.resolved(),
        book.size(),
        delivery.delivered(),
        delivery.failures());
  }

  /**
   * Whether this watcher polls the fleet, in this process: false before {@link #start()}, after
   * {@link #close()}, and in a process that runs without a watcher ({@code --no-watch}, or another
   * process holds the watch).
   */
  public boolean isWatching() {
    return running;
  }

  /**
   * The open incidents, oldest first: this watcher's own while it watches; otherwise those stored
   * by whichever process watches, read from the store at each call (so a process without a watcher
   * shows no false all-clear).
   */
  public List<Incident> openIncidents() {
    return running ? book.openIncidents() : book.storedIncidents();
  }

  /**
   * The transfer and abuse-point forecasts, fed by this watcher's polls (empty histories while it
   * does not watch).
   */
  public Forecasts forecasts() {
    return forecasts;
  }

  /** The open incident with this alert id ({@code A12}, case-insensitive). */
  public Optional<Incident> find(String alertId) {
    return book.find(alertId);
  }

  /**
   * Acknowledges an open incident: no more reminders. Returns the updated incident, or empty if no
   * such incident is open.
   */
  public Optional<Incident> acknowledge(String alertId, String by) {
    Optional<Incident> done = book.acknowledge(alertId, by);
    delivery.request();
    return done;
  }

  /**
   * Holds back reminders of an open incident until {@code now + duration}. Returns the updated
   * incident, or empty if no such incident is open.
   */
  public Optional<Incident> snooze(String alertId, Duration duration, String by) {
    Optional<Incident> done = book.snooze(alertId, duration, by);
    delivery.request();
    return done;
  }

  // The cycle, on the timer executor: short work only.

  private void cycleSafely() {
    if (!running) {
      return;
    }
    try {
      runCycle();
    } catch (RuntimeException e) {
      pollFailures.incrementAndGet();
      // One line; the stack trace only at debug level (--debug).
      LOG.error("watcher: cycle failed: {}", e.toString());
      LOG.debug("watcher: cycle failed", e);
    } finally {
      scheduleNextCycle();
    }
  }

  /**
   * Cycles keep a fixed rate from a phase drawn once at {@link #start()}: cycle {@code n >= 1}
   * starts {@code n} intervals plus the jitter offset after the first. A jitter drawn anew before
   * every cycle (as before) made the gap between two polls of a server up to interval + jitter, so
   * an event just after a poll waited that long (measured at 1,000 servers: p99 65 s at a 60 s
   * interval). A cycle that starts more than an interval late moves the grid rather than bunching
   * the cycles after it.
   */
  private void scheduleNextCycle() {
    if (!running) {
      return;
    }
    long interval = settings.interval().toMillis();
    long target = cycleOrigin.toEpochMilli() + phaseOffset + cycles.get() * interval;
    long delay = target - clock.millis();
    if (delay < 0) {
      // More than an interval late: the next cycle comes one interval after this one.
      cycleOrigin = cycleOrigin.plusMillis(interval - delay);
      delay = interval;
    }
    try {
      nextCycle = threads.timers().schedule(this::cycleSafely, delay, MILLIS);
    } catch (RejectedExecutionException e) {
      running = false;
      LOG.warn("watcher: stopped, the scheduler is shut down");
    }
  }

  private void runCycle() {
    long number = cycles.getAndIncrement();
    boolean expensive = number % settings.expensiveEvery() == 0;
    Instant started = clock.instant();
    try {
      book.remind(started);
    } catch (RuntimeException e) {
      LOG.warn("watcher: reminders failed: {}", e.toString());
    }
    Cycle cycle = new Cycle(fleet.all().stream().map(FleetServer::name).toList());
    forecasts.retain(
        fleet.all().stream().map(FleetServer::name).collect(java.util.stream.Collectors.toSet()));
    for (FleetServer server : fleet.all()) {
      Poll poll = new Poll(server, expensive, cycle);
      synchronized (polling) {
        if (!polling.add(server.name())) {
          owed.put(server.name(), poll);
          late.incrementAndGet();
          LOG.info(
              "watcher: {} is still being polled from an earlier cycle; polled again once that"
                  + " ends",
              server.name());
          continue;
        }
      }
      submit(poll);
    }
    delivery.request();
  }

  private void submit(Poll poll) {
    try {
      threads.polls().execute(poll::run);
    } catch (RejectedExecutionException e) {
      polling.remove(poll.server.name());
      poll.cycle.finish(poll.server.name());
      throw e;
    }
  }

  /** A poll has ended: the server may be polled again, at once if a cycle is owed one. */
  private void pollEnded(String server) {
    Poll next;
    synchronized (polling) {
      next = owed.remove(server);
      if (next == null) {
        polling.remove(server);
        return;
      }
    }
    if (!running) {
      polling.remove(server);
      next.cycle.finish(server);
      return;
    }
    try {
      submit(next);
    } catch (RejectedExecutionException e) {
      LOG.debug("watcher: stopping, {} is not polled again", server);
    }
  }

  /** The servers a cycle still waits for; the cycle counts as done when none is left. */
  private final class Cycle {
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final Instant startedAt = clock.instant();

    Cycle(List<String> servers) {
      waiting.addAll(servers);
      if (servers.isEmpty()) {
        ended();
      }
    }

    void finish(String server) {
      if (waiting.remove(server) && waiting.isEmpty()) {
        ended();
      }
    }

    private void ended() {
      Instant now = clock.instant();
      lastCycleDuration = Duration.between(startedAt, now);
      lastCycleAt = now;
    }
  }

  /**
   * One server's part of one cycle, on the poll pool. Its result counts only if it settles before
   * its timeout, which starts when the poll does; whichever comes first (result or timeout) settles
   * it.
   */
  private final class Poll {
    private final FleetServer server;
    private final boolean expensive;
    private final Cycle cycle;
    private final AtomicBoolean settled = new AtomicBoolean();
    private Thread runner;
    private ScheduledFuture<?> timeout;
    private boolean queuedMessages;

    Poll(FleetServer server, boolean expensive, Cycle cycle) {
      this.server = server;
      this.expensive = expensive;
      this.cycle = cycle;
    }

    void run() {
      synchronized (this) {
        runner = Thread.currentThread();
      }
      try {
        if (!running || !armTimeout()) {
          settled.set(true);
          cycle.finish(server.name());
          return;
        }
        Observation observation = observer.observe(server, expensive);
        if (!settled.compareAndSet(false, true)) {
          return;
        }
        if (!running) {
          // Stopped while this poll ran (stepped down): its findings are another process's now.
          cycle.finish(server.name());
          return;
        }
        try {
          queuedMessages = book.reconcile(observation);
        } finally {
          cycle.finish(server.name());
        }
      } catch (RuntimeException e) {
        if (settled.compareAndSet(false, true)) {
          cycle.finish(server.name());
          pollFailures.incrementAndGet();
          LOG.warn("watcher: polling {} failed: {}", server.name(), e.toString());
          LOG.debug("watcher: polling {} failed", server.name(), e);
        } else {
          LOG.debug("watcher: polling {} failed after it was abandoned", server.name(), e);
        }
      } finally {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
          t.cancel(false);
        }
        synchronized (this) {
          runner = null;
          Thread.interrupted(); // an abandon's interrupt must not reach the pool's next task
        }
        pollEnded(server.name());
      }
      // Only a poll that queued messages asks for a drain: with 1,000 servers, one drain (an
      // outbox query) per poll was most of the delivery thread's work. Each cycle asks once too.
      if (queuedMessages) {
        delivery.request();
      }
    }

    /** Starts the timeout clock; false if the timer executor is shut down (we are stopping). */
    private boolean armTimeout() {
      try {
        timeout =
            threads.timers().schedule(this::abandon, settings.serverTimeout().toMillis(), MILLIS);
        return true;
      } catch (RejectedExecutionException e) {
        return false;
      }
    }

    /** The timeout: the poll's result, if it ever comes, is dropped; its call is interrupted. */
    void abandon() {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      synchronized (this) {
        if (runner != null) {
          runner.interrupt();
        }
      }
      pollFailures.incrementAndGet();
      LOG.warn(
          "watcher: polling {} took longer than {}; abandoned for this cycle",
          server.name(),
          settings.serverTimeout());
      cycle.finish(server.name());
    }
  }
}

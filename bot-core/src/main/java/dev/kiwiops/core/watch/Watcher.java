package dev.kiwiops.core.watch;

import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
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
 * <p>Each cycle makes one {@code getServiceInfo} per server. The expensive calls are made only when
 * due: {@code getLiveServiceInfo} and {@code getRateLimitStatus} every {@link
 * WatcherSettings#expensiveEvery()} cycles (the first cycle included); {@code getPolicyViolations}
 * when the {@code policy_violation} flag is set and no violation is open yet, or on those cycles;
 * {@code getSuspensionDetails} when the {@code suspended} flag is set and no suspension is open.
 *
 * <p>Every server is polled by its own task on the injected scheduler, bounded by {@link
 * WatcherSettings#serverTimeout()}, and announces its findings as soon as it is done: a slow or
 * failing server never delays the others. Nothing thrown stops the watcher; failures are logged,
 * counted in {@link #status()}, and the next cycle tries again.
 *
 * <p>Incidents and their messages are stored together ({@link AlertStateStore}), and the state is
 * loaded at {@link #start()}: after a restart an incident that is still present is not announced
 * again, and one that ended meanwhile gets its "resolved" message. Unacknowledged critical alerts
 * are repeated every {@link WatcherSettings#remind()}, unless snoozed.
 */
public final class Watcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
  private static final TimeUnit MILLIS = TimeUnit.MILLISECONDS;

  private final Fleet fleet;
  private final KiwiVm kiwi;
  private final WatcherSettings settings;
  private final AlertRouter router;
  private final Map<String, AlertSink> sinks;
  private final AlertStateStore state;
  private final PowerStopLedger stops;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final RandomGenerator random;
  private final List<AlertRule> rules;
  private final OutboxDelivery delivery;

  private final Map<IncidentKey, Incident> open = new ConcurrentHashMap<>();
  private final Object incidents = new Object();
  private final Set<String> polling = ConcurrentHashMap.newKeySet();
  private final Set<Destination> warnedUnknown = ConcurrentHashMap.newKeySet();
  private final AtomicLong cycles = new AtomicLong();
  private final AtomicLong pollFailures = new AtomicLong();
  private final AtomicLong raised = new AtomicLong();
  private final AtomicLong resolved = new AtomicLong();
  private volatile Instant lastCycleAt;
  private volatile Duration lastCycleDuration;
  private volatile boolean running;
  private volatile ScheduledFuture<?> nextCycle;

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
   * @param scheduler runs cycles, per-server polls, timeouts and delivery retries; give it a few
   *     threads (polls block on upstream calls)
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
      ScheduledExecutorService scheduler,
      Clock clock,
      RandomGenerator random) {
    this.fleet = fleet;
    this.kiwi = kiwi;
    this.settings = settings;
    this.router = router;
    Map<String, AlertSink> byId = new LinkedHashMap<>();
    for (AlertSink sink : sinks) {
      if (byId.putIfAbsent(sink.id(), sink) != null) {
        throw new IllegalArgumentException("two alert sinks with id " + sink.id());
      }
    }
    this.sinks = Map.copyOf(byId);
    this.state = state;
    this.stops = stops;
    this.scheduler = scheduler;
    this.clock = clock;
    this.random = random;
    this.rules =
        List.of(
            new ApiAuthRule(),
            new NullrouteRule(),
            new PolicyViolationRule(),
            new SuspendedRule(),
            new AbusePointsRule(),
            new BandwidthRule(settings.bandwidthThresholds()),
            new ThrottledRule(),
            new DownRule(),
            new RateLimitRule(settings.rateLimitCaps()));
    this.delivery = new OutboxDelivery(outbox, this.sinks, scheduler, clock);
  }

  /**
   * Loads the persisted incidents, then runs the first cycle at once (and delivers what an earlier
   * run left in the outbox) and the next ones every interval plus jitter.
   *
   * @throws AlertStoreException if the persisted state cannot be read
   */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("the watcher is already running");
    }
    for (Incident incident : state.openIncidents()) {
      open.put(incident.key(), incident);
    }
    closeIncidentsOfRemovedServers();
    running = true;
    LOG.info(
        "watcher: {} servers every {}, {} open incidents",
        fleet.all().size(),
        settings.interval(),
        open.size());
    scheduler.execute(delivery::flushAll);
    scheduler.execute(this::cycleSafely);
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
        raised.get(),
        resolved.get(),
        open.size(),
        delivery.delivered(),
        delivery.failures());
  }

  /** The open incidents, oldest first. */
  public List<Incident> openIncidents() {
    List<Incident> list = new ArrayList<>(open.values());
    list.sort(Comparator.comparing(Incident::openedAt).thenComparing(Incident::alertId));
    return list;
  }

  /** The open incident with this alert id ({@code A12}, case-insensitive). */
  public Optional<Incident> find(String alertId) {
    return open.values().stream().filter(i -> i.alertId().equalsIgnoreCase(alertId)).findFirst();
  }

  /**
   * Acknowledges an open incident: no more reminders. Returns the updated incident, or empty if no
   * such incident is open.
   */
  public Optional<Incident> acknowledge(String alertId, String by) {
    synchronized (incidents) {
      Optional<Incident> found = find(alertId);
      if (found.isEmpty() || found.get().isAcknowledged()) {
        return found;
      }
      Incident updated = found.get().acknowledged(by);
      state.updated(updated, List.of());
      open.put(updated.key(), updated);
      LOG.info("alert {} acknowledged by {}", updated.alertId(), by);
      return Optional.of(updated);
    }
  }

  /**
   * Holds back reminders of an open incident until {@code now + duration}. Returns the updated
   * incident, or empty if no such incident is open.
   */
  public Optional<Incident> snooze(String alertId, Duration duration, String by) {
    synchronized (incidents) {
      Optional<Incident> found = find(alertId);
      if (found.isEmpty()) {
        return found;
      }
      Incident updated = found.get().snoozed(clock.instant().plus(duration));
      state.updated(updated, List.of());
      open.put(updated.key(), updated);
      LOG.info("alert {} snoozed by {} for {}", updated.alertId(), by, duration);
      return Optional.of(updated);
    }
  }

  // The cycle

  private void cycleSafely() {
    if (!running) {
      return;
    }
    try {
      runCycle();
    } catch (RuntimeException e) {
      pollFailures.incrementAndGet();
      LOG.error("watcher: cycle failed", e);
    } finally {
      scheduleNextCycle();
    }
  }

  private void scheduleNextCycle() {
    if (!running) {
      return;
    }
    long jitter = settings.jitter().toMillis();
    long delay = settings.interval().toMillis() + (jitter > 0 ? random.nextLong(jitter + 1) : 0);
    try {
      nextCycle = scheduler.schedule(this::cycleSafely, delay, MILLIS);
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
      remind(started);
    } catch (RuntimeException e) {
      LOG.warn("watcher: reminders failed: {}", e.toString());
    }
    Cycle cycle = new Cycle(fleet.all().stream().map(FleetServer::name).toList());
    for (FleetServer server : fleet.all()) {
      if (!polling.add(server.name())) {
        pollFailures.incrementAndGet();
        LOG.warn("watcher: {} is still being polled from an earlier cycle; skipped", server.name());
        cycle.finish(server.name());
        continue;
      }
      Poll poll = new Poll(server, expensive, cycle);
      try {
        poll.future = scheduler.submit(poll::run);
        scheduler.schedule(poll::abandonIfRunning, settings.serverTimeout().toMillis(), MILLIS);
      } catch (RejectedExecutionException e) {
        polling.remove(server.name());
        cycle.finish(server.name());
        throw e;
      }
    }
    delivery.flush();
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

  /** One server's part of one cycle. */
  private final class Poll {
    private final FleetServer server;
    private final boolean expensive;
    private final Cycle cycle;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private volatile Future<?> future;

    Poll(FleetServer server, boolean expensive, Cycle cycle) {
      this.server = server;
      this.expensive = expensive;
      this.cycle = cycle;
    }

    void run() {
      started.set(true);
      try {
        Observation observation = observe(server, expensive);
        if (abandoned.get()) {
          return;
        }
        reconcile(observation);
      } catch (RuntimeException e) {
        pollFailures.incrementAndGet();
        LOG.warn("watcher: polling {} failed", server.name(), e);
      } finally {
        polling.remove(server.name());
        cycle.finish(server.name());
      }
      if (!Thread.currentThread().isInterrupted()) {
        delivery.flush();
      }
    }

    void abandonIfRunning() {
      Future<?> f = future;
      if (f == null || f.isDone()) {
        return;
      }
      abandoned.set(true);
      f.cancel(true);
      pollFailures.incrementAndGet();
      LOG.warn(
          "watcher: polling {} took longer than {}; abandoned for this cycle",
          server.name(),
          settings.serverTimeout());
      if (!started.get()) {
        polling.remove(server.name());
      }
      cycle.finish(server.name());
    }
  }

  private Observation observe(FleetServer server, boolean expensive) {
    ApiResult<ServiceInfo> infoResult = kiwi.getServiceInfo(server);
    Instant now = clock.instant();
    boolean rejected = infoResult instanceof ApiResult.AuthFailure<ServiceInfo>;
    Optional<ServiceInfo> info = ok(server, "getServiceInfo", infoResult, !rejected);
    Optional<LiveServiceInfo> live = Optional.empty();
    Optional<PolicyViolations> violations = Optional.empty();
    Optional<SuspensionDetails> suspension = Optional.empty();
    Optional<RateLimitStatus> rateLimit = Optional.empty();
    if (info.isPresent()) {
      if (expensive) {
        live = ok(server, "getLiveServiceInfo", kiwi.getLiveServiceInfo(server), true);
      }
      if (info.get().policyViolation()
          && (expensive || !hasOpen(server, AlertKind.POLICY_VIOLATION))) {
        violations = ok(server, "getPolicyViolations", kiwi.getPolicyViolations(server), true);
      }
      if (info.get().suspended() && !hasOpen(server, AlertKind.SUSPENDED)) {
        suspension = ok(server, "getSuspensionDetails", kiwi.getSuspensionDetails(server), true);
      }
      if (expensive) {
        rateLimit = ok(server, "getRateLimitStatus", kiwi.getRateLimitStatus(server), true);
      }
    }
    boolean stoppedThroughBot = stops.stopOf(server.name()).isPresent();
    if (live.isPresent() && live.get().powerState() == PowerState.RUNNING && stoppedThroughBot) {
      stops.clear(server.name());
      stoppedThroughBot = false;
    }
    return new Observation(
        server, now, info, rejected, live, violations, suspension, rateLimit, stoppedThroughBot);
  }

  private <T> Optional<T> ok(
      FleetServer server, String call, ApiResult<T> result, boolean countFailure) {
    if (result instanceof ApiResult.Ok<T> ok) {
      return Optional.of(ok.value());
    }
    if (countFailure) {
      pollFailures.incrementAndGet();
      LOG.info("watcher: {} {}: {}", server.name(), call, result.describeFailure());
    }
    return Optional.empty();
  }

  private boolean hasOpen(FleetServer server, AlertKind kind) {
    return open.keySet().stream()
        .anyMatch(k -> k.kind() == kind && k.server().equals(server.name()));
  }

  private void reconcile(Observation observation) {
    FleetServer server = observation.server();
    synchronized (incidents) {
      for (AlertRule rule : rules) {
        Optional<List<Finding>> present = rule.evaluate(observation);
        if (present.isEmpty()) {
          continue;
        }
        Map<IncidentKey, Finding> found = new LinkedHashMap<>();
        present.get().forEach(f -> found.putIfAbsent(f.key(), f));
        for (Finding finding : found.values()) {
          Incident known = open.get(finding.key());
          if (known == null) {
            raise(server, finding, observation.now());
          } else if (!known.body().equals(finding.body())) {
            Incident current = known.describedAs(finding.body());
            state.updated(current, List.of());
            open.put(current.key(), current);
          }
        }
        for (Incident incident : List.copyOf(open.values())) {
          IncidentKey key = incident.key();
          if (key.kind() == rule.kind()
              && key.server().equals(server.name())
              && !found.containsKey(key)) {
            resolve(server, rule, incident, observation.now());
          }
        }
      }
    }
  }

  private void raise(FleetServer server, Finding finding, Instant now) {
    Severity severity = settings.severityOf(finding.key().kind());
    String id = "A" + state.nextAlertNumber();
    Incident incident =
        new Incident(
            id,
            finding.key(),
            severity,
            finding.title(),
            finding.body(),
            finding.buttons(),
            now,
            now,
            Optional.empty(),
            Optional.empty());
    Alert alert =
        new Alert(
            id,
            finding.key(),
            severity,
            Alert.Phase.RAISED,
            now,
            finding.title(),
            finding.body(),
            finding.attachment(),
            finding.buttons());
    state.opened(incident, messages(server, alert));
    open.put(finding.key(), incident);
    raised.incrementAndGet();
    LOG.info("alert {} raised: {}", id, finding.key());
  }

  private void resolve(FleetServer server, AlertRule rule, Incident incident, Instant now) {
    List<OutboxMessage> messages = List.of();
    if (rule.announcesResolution()) {
      String lasted = Units.span(Duration.between(incident.openedAt(), now));
      Alert alert =
          new Alert(
              incident.alertId(),
              incident.key(),
              incident.severity(),
              Alert.Phase.RESOLVED,
              now,
              incident.title(),
              rule.resolvedText(incident) + (lasted.isEmpty() ? "" : " Lasted " + lasted + "."),
              Optional.empty(),
              List.of());
      messages = messages(server, alert);
    }
    state.closed(incident, now, messages);
    open.remove(incident.key());
    resolved.incrementAndGet();
    LOG.info("alert {} resolved: {}", incident.alertId(), incident.key());
  }

  private void remind(Instant now) {
    synchronized (incidents) {
      for (Incident incident : openIncidents()) {
        if (incident.severity() != Severity.CRITICAL || incident.isAcknowledged()) {
          continue;
        }
        Instant due = incident.lastNotifiedAt().plus(settings.remind());
        if (incident.snoozedUntil().isPresent() && incident.snoozedUntil().get().isAfter(due)) {
          due = incident.snoozedUntil().get();
        }
        Optional<FleetServer> server = fleet.find(incident.key().server());
        if (now.isBefore(due) || server.isEmpty()) {
          continue;
        }
        Alert alert =
            new Alert(
                incident.alertId(),
                incident.key(),
                incident.severity(),
                Alert.Phase.REMINDER,
                now,
                incident.title(),
                "Open for "
                    + Units.span(Duration.between(incident.openedAt(), now))
                    + " and not acknowledged.\n"
                    + incident.body(),
                Optional.empty(),
                incident.buttons());
        Incident updated = incident.notifiedAt(now);
        state.updated(updated, messages(server.get(), alert));
        open.put(updated.key(), updated);
      }
    }
  }

  private List<OutboxMessage> messages(FleetServer server, Alert alert) {
    List<OutboxMessage> messages = new ArrayList<>();
    for (Destination destination : router.destinations(alert.key().kind(), server)) {
      if (sinks.containsKey(destination.sink())) {
        messages.add(new OutboxMessage(destination, alert));
      } else if (warnedUnknown.add(destination)) {
        LOG.warn("watcher: alerts routed to {} are dropped: no such sink is running", destination);
      }
    }
    if (messages.isEmpty()) {
      LOG.warn("watcher: no route delivers alert {} ({})", alert.id(), alert.key());
    }
    return messages;
  }

  private void closeIncidentsOfRemovedServers() {
    for (Incident incident : List.copyOf(open.values())) {
      if (fleet.find(incident.key().server()).isEmpty()) {
        state.closed(incident, clock.instant(), List.of());
        open.remove(incident.key());
        LOG.info(
            "alert {} closed: server {} is no longer in the fleet",
            incident.alertId(),
            incident.key().server());
      }
    }
  }
}

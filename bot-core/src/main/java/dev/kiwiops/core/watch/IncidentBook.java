package dev.kiwiops.core.watch;

import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.format.Units;
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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's open incidents and what changes them: an observation checked against the rules
 * (raise what is new, resolve what is gone), reminders, acknowledgements and snoozes. Every change
 * is stored together with the messages it causes ({@link AlertStateStore}); the book is the
 * in-memory view of that state. Thread-safe: changes are serialised, reads are not blocked.
 */
final class IncidentBook {
  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

  private final Fleet fleet;
  private final WatcherSettings settings;
  private final AlertRouter router;
  private final Set<String> sinkIds;
  private final AlertStateStore state;
  private final List<AlertRule> rules;
  private final Clock clock;
  private final Map<IncidentKey, Incident> open = new ConcurrentHashMap<>();
  private final Set<Destination> warnedUnknown = ConcurrentHashMap.newKeySet();
  private final Object changes = new Object();
  private final AtomicLong raised = new AtomicLong();
  private final AtomicLong resolved = new AtomicLong();

  IncidentBook(
      Fleet fleet,
      WatcherSettings settings,
      AlertRouter router,
      Set<String> sinkIds,
      AlertStateStore state,
      List<AlertRule> rules,
      Clock clock) {
    this.fleet = fleet;
    this.settings = settings;
    this.router = router;
    this.sinkIds = Set.copyOf(sinkIds);
    this.state = state;
    this.rules = List.copyOf(rules);
    this.clock = clock;
  }

  /** The standard rules, in the order their alerts are raised within one observation. */
  static List<AlertRule> standardRules(
      WatcherSettings settings, dev.kiwiops.core.forecast.Forecasts forecasts) {
    return List.of(
        new ApiAuthRule(),
        new NullrouteRule(),
        new PolicyViolationRule(),
        new SuspendedRule(),
        new AbusePointsRule(),
        new BandwidthRule(settings.bandwidthThresholds()),
        new BandwidthForecastRule(forecasts, settings.forecast().days()),
        new ThrottledRule(),
        new DownRule(),
        new RateLimitRule(settings.rateLimitCaps()));
  }

  /** Loads the persisted incidents and closes those of servers no longer in the fleet. */
  void load() {
    synchronized (changes) {
      for (Incident incident : state.openIncidents()) {
        open.put(incident.key(), incident);
      }
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

  int size() {
    return open.size();
  }

  long raised() {
    return raised.get();
  }

  long resolved() {
    return resolved.get();
  }

  /** The open incidents, oldest first. */
  List<Incident> openIncidents() {
    List<Incident> list = new ArrayList<>(open.values());
    list.sort(Comparator.comparing(Incident::openedAt).thenComparing(Incident::alertId));
    return list;
  }

  /** The open incidents as stored now (by whichever process watches), oldest first. */
  List<Incident> storedIncidents() {
    List<Incident> list = new ArrayList<>(state.openIncidents());
    list.sort(Comparator.comparing(Incident::openedAt).thenComparing(Incident::alertId));
    return list;
  }

  Optional<Incident> find(String alertId) {
    return open.values().stream().filter(i -> i.alertId().equalsIgnoreCase(alertId)).findFirst();
  }

  boolean hasOpen(String server, AlertKind kind) {
    return open.keySet().stream().anyMatch(k -> k.kind() == kind && k.server().equals(server));
  }

  Optional<Incident> acknowledge(String alertId, String by) {
    synchronized (changes) {
      Optional<Incident> found = find(alertId);
      if (found.isEmpty() || found.get().isAcknowledged()) {
        return found;
      }
      Incident updated = found.get().acknowledged(by);
      state.updated(
          updated, edits(updated, Alert.Phase.ACKNOWLEDGED, "Acknowledged by " + by + "."));
      open.put(updated.key(), updated);
      LOG.info("alert {} acknowledged by {}", updated.alertId(), by);
      return Optional.of(updated);
    }
  }

  Optional<Incident> snooze(String alertId, Duration duration, String by) {
    synchronized (changes) {
      Optional<Incident> found = find(alertId);
      if (found.isEmpty()) {
        return found;
      }
      Incident updated = found.get().snoozed(clock.instant().plus(duration));
      String until = Units.utc(updated.snoozedUntil().orElseThrow());
      state.updated(
          updated,
          edits(updated, Alert.Phase.SNOOZED, "Snoozed until " + until + " by " + by + "."));
      open.put(updated.key(), updated);
      LOG.info("alert {} snoozed by {} for {}", updated.alertId(), by, duration);
      return Optional.of(updated);
    }
  }

  /** Raises what the observation shows anew, and resolves what it no longer shows. */
  void reconcile(Observation observation) {
    FleetServer server = observation.server();
    synchronized (changes) {
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
      messages = new ArrayList<>(edits(server, alert));
      messages.addAll(messages(server, alert));
    }
    state.closed(incident, now, messages);
    open.remove(incident.key());
    resolved.incrementAndGet();
    LOG.info("alert {} resolved: {}", incident.alertId(), incident.key());
  }

  /** Queues a reminder of every unacknowledged critical incident that is due one. */
  void remind(Instant now) {
    synchronized (changes) {
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

  /**
   * Edits of the messages posted about {@code incident} so far: they show its body and {@code
   * note}, tagged with {@code phase}, without buttons.
   */
  private List<OutboxMessage> edits(Incident incident, Alert.Phase phase, String note) {
    Optional<FleetServer> server = fleet.find(incident.key().server());
    if (server.isEmpty()) {
      return List.of();
    }
    String body = incident.body().isEmpty() ? note : incident.body() + "\n\n" + note;
    Alert alert =
        new Alert(
            incident.alertId(),
            incident.key(),
            incident.severity(),
            phase,
            clock.instant(),
            incident.title(),
            body,
            Optional.empty(),
            List.of());
    return edits(server.get(), alert);
  }

  private List<OutboxMessage> edits(FleetServer server, Alert alert) {
    List<OutboxMessage> edits = new ArrayList<>();
    for (Destination destination : router.destinations(alert.key().kind(), server)) {
      if (sinkIds.contains(destination.sink())) {
        edits.add(new OutboxMessage(destination, alert, true));
      }
    }
    return edits;
  }

  private List<OutboxMessage> messages(FleetServer server, Alert alert) {
    List<OutboxMessage> messages = new ArrayList<>();
    for (Destination destination : router.destinations(alert.key().kind(), server)) {
      if (sinkIds.contains(destination.sink())) {
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
}

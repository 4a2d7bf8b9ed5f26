package dev.kiwiops.config;

import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.watch.Delivery;
import dev.kiwiops.core.watch.Incident;
import dev.kiwiops.core.watch.Outbox;
import dev.kiwiops.core.watch.Watcher;
import dev.kiwiops.kiwivm.KiwiVmCallListener;
import dev.kiwiops.kiwivm.KiwiVmClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The metrics of {@code /metrics}, in Prometheus names ({@code kiwiops_…}, seconds, {@code _total}
 * counters). Labels hold only bounded values: command names of the catalogue, upstream call names,
 * outcome kinds, alert kinds, and fleet server names from the configuration; never user input or a
 * secret.
 *
 * <p>Micrometer drops a meter that reuses a name with other label keys, logging nothing; with
 * {@code strict} (tests) such a registration throws instead.
 */
final class Telemetry implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private MultiGauge rateLimit;
  private Watcher watcher;
  private KiwiVmClient kiwi;
  private Fleet fleet;
  private List<Object> leadershipMeters = List.of();

  Telemetry(boolean strict) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (strict) {
      registry
          .config()
          .onMeterRegistrationFailed(
              (id, reason) -> {
                throw new IllegalStateException(
                    "meter " + id.getName() + " cannot be registered: " + reason);
              });
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
  }

  /** Hears every KiwiVM call: upstream calls with their latency, and the read cache's part. */
  KiwiVmCallListener calls() {
    return event -> {
      switch (event.cache()) {
        case HIT -> counter("kiwiops.cache.hits", "Reads answered from the cache").increment();
        case COALESCED ->
            counter("kiwiops.cache.coalesced.reads", "Reads that joined one already in flight")
                .increment();
        case MISS, BYPASS -> {
          if (event.cache() == KiwiVmCallListener.CacheUse.MISS) {
            counter("kiwiops.cache.misses", "Reads that had to ask KiwiVM").increment();
          }
          String outcome = event.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
          Counter.builder("kiwiops.upstream.calls")
              .description("KiwiVM API requests by call and outcome")
              .tags("call", event.call(), "outcome", outcome)
              .register(registry)
              .increment();
          Timer.builder("kiwiops.upstream.call.duration")
              .description("Time of KiwiVM API requests, by call")
              .tags("call", event.call())
              .publishPercentileHistogram()
              .register(registry)
              .record(event.latency());
        }
      }
    };
  }

  /**
   * Leadership among replicas: {@code kiwiops_leader} (1 while this process leads; always 1 without
   * {@code ha}), {@code kiwiops_failovers_total} (times it took over from another replica) and
   * {@code kiwiops_leadership_losses_total} (times it lost the lead).
   */
  void leadership(
      java.util.function.BooleanSupplier leader,
      java.util.function.LongSupplier failovers,
      java.util.function.LongSupplier losses) {
    // Function counters hold their object weakly: keep the suppliers here.
    leadershipMeters = List.of(leader, failovers, losses);
    Gauge.builder("kiwiops.leader", () -> leader.getAsBoolean() ? 1 : 0)
        .description("1 while this process leads (runs the watcher and the chat platforms)")
        .register(registry);
    FunctionCounter.builder("kiwiops.failovers", failovers, f -> f.getAsLong())
        .description("Times this replica took the lead over from another replica")
        .register(registry);
    FunctionCounter.builder("kiwiops.leadership.losses", losses, f -> f.getAsLong())
        .description("Times this replica lost the lead (lock connection lost or lock gone)")
        .register(registry);
  }

  /** Counts and times one command outcome as the audit trail records it. */
  void command(AuditEntry entry) {
    Counter.builder("kiwiops.commands")
        .description("Commands by name, access decision and upstream outcome")
        .tags(
            "command",
            entry.command(),
            "decision",
            entry.decision(),
            "outcome",
            outcomeKind(entry.outcome()))
        .register(registry)
        .increment();
    Timer.builder("kiwiops.command.duration")
        .description("Time from a command's arrival to its answer")
        .tags("command", entry.command())
        .publishPercentileHistogram()
        .register(registry)
        .record(entry.duration());
  }

  /** An alert was raised ({@code true}) or resolved. */
  void alert(Incident incident, boolean raised) {
    Counter.builder(raised ? "kiwiops.alerts.raised" : "kiwiops.alerts.resolved")
        .description(raised ? "Incidents announced by kind" : "Incidents resolved by kind")
        .tags("kind", incident.key().kind().id())
        .register(registry)
        .increment();
  }

  /** Gauges over the running core: outbox, watcher, rate-limit points. */
  void watch(Fleet fleet, KiwiVmClient kiwi, Watcher watcher, Outbox outbox, Clock clock) {
    this.fleet = fleet;
    this.kiwi = kiwi;
    this.watcher = watcher;
    Gauge.builder("kiwiops.outbox.depth", outbox, o -> pendingOr(o).size())
        .description("Alert messages waiting for delivery")
        .register(registry);
    Gauge.builder(
            "kiwiops.outbox.oldest.age",
            outbox,
            o ->
                pendingOr(o).stream()
                    .map(d -> d.alert().at())
                    .min(Instant::compareTo)
                    .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0)
                    .orElse(0.0))
        .baseUnit("seconds")
        .description("Age of the oldest alert message waiting for delivery")
        .register(registry);
    FunctionCounter.builder("kiwiops.watcher.cycles", watcher, w -> w.status().cycles())
        .description("Watcher cycles started")
        .register(registry);
    FunctionCounter.builder(
            "kiwiops.watcher.poll.failures", watcher, w -> w.status().pollFailures())
        .description("Server polls that failed or timed out")
        .register(registry);
    Gauge.builder(
            "kiwiops.watcher.cycle.duration",
            watcher,
            w -> w.lastCycleDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
        .baseUnit("seconds")
        .description("Duration of the latest finished watcher cycle")
        .register(registry);
    Gauge.builder(
            "kiwiops.watcher.last.cycle.age",
            watcher,
            w ->
                w.lastCycleAt()
                    .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0)
                    .orElse(Double.NaN))
        .baseUnit("seconds")
        .description("Time since the latest watcher cycle finished")
        .register(registry);
    Gauge.builder("kiwiops.alerts.open", watcher, w -> w.status().openIncidents())
        .description("Open incidents")
        .register(registry);
    rateLimit =
        MultiGauge.builder("kiwiops.ratelimit.points.left")
            .description("KiwiVM rate-limit points left per server and window")
            .register(registry);
  }

  /** The Prometheus text of every meter. */
  String scrape() {
    refreshRateLimits();
    return registry.scrape();
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  private void refreshRateLimits() {
    if (rateLimit == null) {
      return;
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (FleetServer server : fleet.all()) {
      Optional<RateLimitStatus> status = kiwi.lastRateLimit(server);
      if (status.isPresent()) {
        long fifteen = status.get().remainingPoints15Min();
        long day = status.get().remainingPoints24H();
        rows.add(MultiGauge.Row.of(Tags.of("server", server.name(), "window", "15m"), fifteen));
        rows.add(MultiGauge.Row.of(Tags.of("server", server.name(), "window", "24h"), day));
      }
    }
    // Servers removed by a reload disappear from the output.
    rateLimit.register(rows, true);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  /** The kind of an audit outcome, without its free text: {@code api-error 700001} is api-error. */
  static String outcomeKind(String outcome) {
    int space = outcome.indexOf(' ');
    String kind = space < 0 ? outcome : outcome.substring(0, space);
    return kind.matches("[a-z0-9-]{1,32}") ? kind : "other";
  }

  private static List<Delivery> pendingOr(Outbox outbox) {
    try {
      return outbox.pending();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}

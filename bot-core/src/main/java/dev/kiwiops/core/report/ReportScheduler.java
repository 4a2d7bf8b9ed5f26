package dev.kiwiops.core.report;

import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.core.watch.Destination;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the scheduled fleet reports ({@code reports.daily}, {@code reports.weekly}) along {@code
 * reports.routes}, each period once.
 *
 * <p>It wakes at the next due time of any schedule (at least hourly, so a clock change or a reload
 * is noticed). For each schedule whose latest due time passed at most {@link #CATCH_UP} ago, it
 * claims the period for each destination in {@link ReportRuns} and sends the report only if the
 * claim is new: a report whose time passed while kiwiops was down is sent at the next start when it
 * is at most that late, and a restart, or another process sharing the store, never sends a period
 * again.
 *
 * <p>Delivery is <b>at most once</b>: the claim is stored before the report is sent. A failed send
 * is retried after 1, 5 and 15 minutes in this process and then recorded as failed; a crash between
 * the claim and a successful send loses that period's report for that destination (the log says the
 * claim was made). The other choice, at least once, would repeat a digest after every crash or
 * hand-over between processes sharing a store; for a digest that comes again tomorrow, a missed one
 * is the smaller harm.
 */
public final class ReportScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

  /** How late a due report may still be sent (after a restart). */
  public static final Duration CATCH_UP = Duration.ofHours(6);

  static final List<Duration> RETRIES =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));

  private static final Duration MAX_SLEEP = Duration.ofHours(1);

  private final Fleet fleet;
  private final Supplier<ReportSettings> settings;
  private final FleetReports reports;
  private final KiwiVm kiwi;
  private final Map<String, AlertSink> sinks = new LinkedHashMap<>();
  private final ReportRuns runs;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private volatile ScheduledFuture<?> next;

  /**
   * @param settings the reports section in force (read at every wake, so a reload applies)
   * @param sinks the sinks destinations may name, by {@link AlertSink#id()}
   * @param scheduler where wakes, report building and sending run (blocking work: not a platform's
   *     event thread)
   */
  public ReportScheduler(
      Fleet fleet,
      Supplier<ReportSettings> settings,
      FleetReports reports,
      KiwiVm kiwi,
      List<AlertSink> sinks,
      ReportRuns runs,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.fleet = fleet;
    this.settings = settings;
    this.reports = reports;
    this.kiwi = kiwi;
    sinks.forEach(s -> this.sinks.put(s.id(), s));
    this.runs = runs;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Sends what is due now (a late report up to {@link #CATCH_UP}) and schedules the next wake. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    scheduler.execute(this::wake);
  }

  /** Stops waking; a send in progress finishes. */
  @Override
  public synchronized void close() {
    running = false;
    ScheduledFuture<?> n = next;
    if (n != null) {
      n.cancel(false);
    }
  }

  /** When the next report is due, if any is scheduled. */
  public java.util.Optional<Instant> nextDue() {
    Instant now = clock.instant();
    return settings.get().schedules().stream()
        .map(s -> s.nextDueAfter(now))
        .min(Instant::compareTo);
  }

  private void wake() {
    if (!running) {
      return;
    }
    try {
      sendDue();
    } catch (RuntimeException e) {
      LOG.warn("reports: {}", e.toString());
      LOG.debug("reports", e);
    } finally {
      scheduleNext();
    }
  }

  private void scheduleNext() {
    if (!running) {
      return;
    }
    Instant now = clock.instant();
    Duration sleep = nextDue().map(due -> Duration.between(now, due)).orElse(MAX_SLEEP);
    if (sleep.compareTo(MAX_SLEEP) > 0) {
      sleep = MAX_SLEEP;
    }
    if (sleep.isNegative()) {
      sleep = Duration.ZERO;
    }
    try {
      next = scheduler.schedule(this::wake, sleep.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      running = false;
    }
  }

  private void sendDue() {
    Instant now = clock.instant();
    ReportSettings s = settings.get();
    for (ReportSchedule schedule : s.schedules()) {
      Instant due = schedule.lastDueAtOrBefore(now);
      if (Duration.between(due, now).compareTo(CATCH_UP) > 0) {
        continue;
      }
      String period = schedule.periodKey(due);
      if (!handled.add(period)) {
        continue;
      }
      try {
        sendPeriod(s, schedule, period, due, now);
      } catch (RuntimeException e) {
        handled.remove(period); // the store failed: try again at the next wake
        throw e;
      }
    }
  }

  private void sendPeriod(
      ReportSettings s, ReportSchedule schedule, String period, Instant due, Instant now) {
    for (Map.Entry<Destination, List<FleetServer>> e : audiences(s).entrySet()) {
      Destination destination = e.getKey();
      AlertSink sink = sinks.get(destination.sink());
      if (sink == null) {
        LOG.warn("reports: {} is not sent to {}: no such sink is running", period, destination);
        continue;
      }
      if (!runs.claim(period, destination.toString(), now)) {
        LOG.info("reports: {} for {} was sent already", period, destination);
        continue;
      }
      LOG.info("reports: {} for {} claimed; sending", period, destination);
      Reply reply = reports.report(kiwi, e.getValue(), title(schedule, due));
      attempt(sink, destination, period, reply, 0);
    }
  }

  private void attempt(
      AlertSink sink, Destination destination, String period, Reply reply, int failures) {
    try {
      sink.post(destination.target(), reply);
      runs.sent(period, destination.toString(), clock.instant());
      LOG.info("reports: {} sent to {}", period, destination);
    } catch (Exception e) {
      String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (failures < RETRIES.size() && running) {
        Duration wait = RETRIES.get(failures);
        LOG.warn("reports: {} to {} failed ({}); again in {}", period, destination, error, wait);
        try {
          scheduler.schedule(
              () -> attempt(sink, destination, period, reply, failures + 1),
              wait.toMillis(),
              TimeUnit.MILLISECONDS);
          return;
        } catch (RejectedExecutionException stopping) {
          // fall through: record the failure
        }
      }
      LOG.warn("reports: {} to {} failed for good: {}", period, destination, error);
      try {
        runs.failed(period, destination.toString(), error);
      } catch (RuntimeException storeDown) {
        LOG.warn("reports: the failure could not be recorded: {}", storeDown.toString());
      }
    }
  }

  /** Each destination with the servers its routes cover, in fleet order. */
  Map<Destination, List<FleetServer>> audiences(ReportSettings s) {
    Map<Destination, Set<String>> names = new LinkedHashMap<>();
    for (ReportRoute route : s.routes()) {
      for (FleetServer server : fleet.all()) {
        if (route.matches(server)) {
          for (Destination d : route.destinations()) {
            names.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(server.name());
          }
        }
      }
    }
    Map<Destination, List<FleetServer>> result = new LinkedHashMap<>();
    names.forEach(
        (d, set) -> {
          List<FleetServer> servers = new ArrayList<>();
          fleet
              .all()
              .forEach(
                  f -> {
                    if (set.contains(f.name())) {
                      servers.add(f);
                    }
                  });
          result.put(d, servers);
        });
    return result;
  }

  static String title(ReportSchedule schedule, Instant due) {
    LocalDate date = due.atZone(schedule.zone()).toLocalDate();
    DayOfWeek day = date.getDayOfWeek();
    String cadence = schedule.cadence() == ReportSchedule.Cadence.DAILY ? "Daily" : "Weekly";
    return cadence
        + " fleet report, "
        + day.getDisplayName(TextStyle.SHORT, Locale.ROOT)
        + " "
        + date;
  }
}

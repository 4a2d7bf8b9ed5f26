package dev.kiwiops.config;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiwiops.charts.JFreeUsageChartRenderer;
import dev.kiwiops.core.access.AccessControl;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.commands.SecretPrompts;
import dev.kiwiops.core.commands.ShellDirectories;
import dev.kiwiops.core.commands.StandardCommands;
import dev.kiwiops.core.complete.CachedCompleter;
import dev.kiwiops.core.complete.Completer;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.reply.ProgressReporter;
import dev.kiwiops.core.watch.AlertCommands;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.AlertRouter;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.core.watch.Destination;
import dev.kiwiops.core.watch.Route;
import dev.kiwiops.core.watch.Watcher;
import dev.kiwiops.core.watch.WatcherSettings;
import dev.kiwiops.core.watch.WatcherThreads;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.store.Database;
import dev.kiwiops.store.JdbcAlertStore;
import dev.kiwiops.store.JdbcAuditTrail;
import dev.kiwiops.store.JdbcStopRecords;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the core and its driven adapters from a validated configuration with
 * plain constructors. Driving adapters (console, Discord, Telegram) take the {@link #dispatcher()}
 * it exposes.
 */
public final class Kiwiops implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Kiwiops.class);
  private static final Duration LAPSED_SWEEP = Duration.ofMinutes(1);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final KiwiopsConfig config;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final KiwiVmClient kiwi;
  private final Fleet fleet;
  private final AccessControl access;
  private final AuditTrail audit;
  private final Watcher watcher;
  private final WatcherThreads watcherThreads;
  private final boolean watching;
  private final Dispatcher dispatcher;
  private final Completer completer;

  private Kiwiops(
      KiwiopsConfig config, Database database, List<AlertSink> sinks, boolean watch, Clock clock) {
    this.config = config;
    this.clock = clock;
    // Short and timed work: watcher cycles and per-server timeouts, outbox retry timers, progress
    // polls, sweeps. The watcher's polls and alert deliveries have threads of their own.
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(4, daemonThreads("kiwiops-scheduler"));
    pool.setRemoveOnCancelPolicy(true);
    // At shutdown, work in progress finishes; delayed polls and retries are dropped.
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    this.scheduler = pool;
    this.kiwi =
        KiwiVmClient.builder(config.apiUrl())
            .timeout(config.timeout())
            .infoTtl(infoTtl(config.alerts().interval()))
            .clock(clock)
            .build();
    this.fleet = new Fleet(config.servers());
    this.access = new AccessControl(new AccessPolicy(config.roles(), config.access(), fleet));
    this.audit = new JdbcAuditTrail(database);
    ConfirmationRules rules =
        ConfirmationRules.defaults()
            .withTtl(config.confirmTtl())
            .withApprovalTtl(config.approvalTtl())
            .withApproval(List.copyOf(config.approval()))
            .withAlsoConfirm(List.copyOf(config.alsoConfirm()));
    ConfirmationBook confirmations =
        new ConfirmationBook(rules, Ticker.systemTicker(), clock, new SecureRandom());
    PowerStopLedger stops = new PowerStopLedger(new JdbcStopRecords(database), clock);
    JdbcAlertStore alertStore = new JdbcAlertStore(database);
    WatcherSettings watcherSettings = watcherSettings(config.alerts());
    this.watcherThreads =
        WatcherThreads.forFleet(config.servers().size(), watcherSettings, scheduler);
    this.watcher =
        new Watcher(
            fleet,
            kiwi,
            watcherSettings,
            router(config.alerts(), sinks),
            sinks,
            alertStore,
            alertStore,
            stops,
            watcherThreads,
            clock,
            new SplittableRandom());
    this.watching = watch && config.alerts().enabled();
    StandardCommands.Needs needs =
        new StandardCommands.Needs(
            kiwi,
            access,
            clock,
            stops,
            audit,
            new ProgressReporter(scheduler, clock, ProgressReporter.Settings.defaults()),
            new JFreeUsageChartRenderer(),
            new SecretPrompts(Duration.ofMinutes(5), Ticker.systemTicker(), new SecureRandom()),
            new ShellDirectories(),
            kiwi);
    CommandCatalog catalog = StandardCommands.catalog(needs, AlertCommands.all(watcher, clock));
    this.completer = new CachedCompleter(access, kiwi, watcher::openIncidents, () -> catalog);
    this.dispatcher = new Dispatcher(catalog, access, confirmations, audit, fleet, kiwi, clock);
    // Confirmations and approvals that nobody answered still belong in the audit trail.
    scheduler.scheduleWithFixedDelay(
        this::recordLapsed, LAPSED_SWEEP.toSeconds(), LAPSED_SWEEP.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Builds everything the configuration describes; opens (and migrates) the store. Alerts go to
   * {@code sinks} along the configured routes; a {@code console} sink also gets every alert.
   *
   * @param watch whether {@link #start()} starts the watcher (and {@code alerts.enabled} allows)
   */
  public static Kiwiops assemble(KiwiopsConfig config, List<AlertSink> sinks, boolean watch)
      throws SQLException {
    return new Kiwiops(config, Database.open(config.storeUrl()), sinks, watch, Clock.systemUTC());
  }

  /** Starts the background work: the watcher, if it is on. */
  public Kiwiops start() {
    if (watching) {
      watcher.start();
    }
    return this;
  }

  public Watcher watcher() {
    return watcher;
  }

  /** Reads are cached, but the watcher must see each interval's news: half an interval at most. */
  static Duration infoTtl(Duration alertInterval) {
    Duration half = alertInterval.dividedBy(2);
    Duration usual = Duration.ofSeconds(15);
    return half.compareTo(usual) < 0 ? half : usual;
  }

  static WatcherSettings watcherSettings(KiwiopsConfig.Alerts alerts) {
    return WatcherSettings.defaults()
        .withInterval(alerts.interval())
        .withRemind(alerts.remind())
        .withBandwidthThresholds(alerts.bandwidthThresholds());
  }

  /** The configured routes, plus everything to the console when a console sink is present. */
  static AlertRouter router(KiwiopsConfig.Alerts alerts, List<AlertSink> sinks) {
    List<Route> routes = new ArrayList<>();
    for (KiwiopsConfig.Route r : alerts.routes()) {
      List<Destination> to = new ArrayList<>();
      r.discordChannel().ifPresent(c -> to.add(new Destination("discord", c)));
      r.telegramChat().ifPresent(c -> to.add(new Destination("telegram", c)));
      Set<AlertKind> kinds = new LinkedHashSet<>();
      r.kinds().forEach(k -> AlertKind.parse(k).ifPresent(kinds::add));
      routes.add(new Route(kinds, r.servers(), r.tags(), to));
    }
    if (sinks.stream().anyMatch(s -> s.id().equals("console"))) {
      routes.add(Route.everything(Destination.console()));
    }
    return new AlertRouter(routes);
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** Autocomplete for the chat adapters: from cached data, within each caller's scope. */
  public Completer completer() {
    return completer;
  }

  public Fleet fleet() {
    return fleet;
  }

  public AccessControl access() {
    return access;
  }

  public AuditTrail audit() {
    return audit;
  }

  public KiwiopsConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  private void recordLapsed() {
    try {
      dispatcher.recordLapsed();
    } catch (RuntimeException e) {
      LOG.warn("could not record lapsed confirmations: {}", e.toString());
    }
  }

  /** Stops the watcher (flushing what is due in the outbox), then everything else. */
  @Override
  public void close() {
    try {
      watcher.close();
    } catch (RuntimeException e) {
      LOG.warn("watcher did not stop cleanly: {}", e.toString());
    }
    watcherThreads.close(SHUTDOWN_GRACE);
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("background work still running after {}; stopping it", SHUTDOWN_GRACE);
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    kiwi.close();
  }

  static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}

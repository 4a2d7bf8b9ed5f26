package dev.kiwiops.config;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiwiops.charts.JFreeFleetTransferChartRenderer;
import dev.kiwiops.charts.JFreeUsageChartRenderer;
import dev.kiwiops.core.access.AccessControl;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.People;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.commands.ReloadCommand;
import dev.kiwiops.core.commands.SecretPrompts;
import dev.kiwiops.core.commands.ShellDirectories;
import dev.kiwiops.core.commands.StandardCommands;
import dev.kiwiops.core.complete.CachedCompleter;
import dev.kiwiops.core.complete.Completer;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.reply.ProgressReporter;
import dev.kiwiops.core.report.FleetReports;
import dev.kiwiops.core.report.ReportCommand;
import dev.kiwiops.core.report.ReportRoute;
import dev.kiwiops.core.report.ReportScheduler;
import dev.kiwiops.core.report.ReportSettings;
import dev.kiwiops.core.watch.AlertCommands;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.AlertRouter;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.core.watch.AlertStoreException;
import dev.kiwiops.core.watch.Destination;
import dev.kiwiops.core.watch.Route;
import dev.kiwiops.core.watch.WatchLease;
import dev.kiwiops.core.watch.Watcher;
import dev.kiwiops.core.watch.WatcherSettings;
import dev.kiwiops.core.watch.WatcherThreads;
import dev.kiwiops.kiwivm.KiwiVmCallListener;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.store.Database;
import dev.kiwiops.store.JdbcAlertStore;
import dev.kiwiops.store.JdbcAuditTrail;
import dev.kiwiops.store.JdbcReportRuns;
import dev.kiwiops.store.JdbcStopRecords;
import dev.kiwiops.store.JdbcUsageSamples;
import dev.kiwiops.store.JdbcWatchLease;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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

  private volatile KiwiopsConfig config;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final KiwiVmClient kiwi;
  private final Fleet fleet;
  private final AccessControl access;
  private final AuditTrail audit;
  private final Database database;
  private final JdbcAlertStore alertStore;
  private final ConfirmationBook confirmations;
  private final AlertRouter router;
  private final Watcher watcher;
  private final WatcherThreads watcherThreads;
  private final boolean watchWanted;
  private final WatchLease lease;
  private final String leaseHolder;
  private volatile boolean watching;
  private volatile Optional<String> watchNotice = Optional.empty();
  private volatile java.util.concurrent.ScheduledFuture<?> leaseRenewal;
  private volatile java.util.function.BooleanSupplier leads = () -> true;
  private final Dispatcher dispatcher;
  private final CommandCatalog catalog;
  private final Completer completer;
  private final ScheduledExecutorService reportThread;
  private final ReportScheduler reports;
  private final boolean reportsWanted;

  private Kiwiops(
      KiwiopsConfig config,
      Database database,
      List<AlertSink> sinks,
      boolean watch,
      Clock clock,
      Optional<Telemetry> telemetry,
      Optional<ReloadCommand.Reloader> reloader) {
    this.config = config;
    this.clock = clock;
    this.database = database;
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
            .listener(telemetry.map(Telemetry::calls).orElse(KiwiVmCallListener.none()))
            .clock(clock)
            .build();
    this.fleet = new Fleet(config.servers());
    this.access = new AccessControl(policy(config, fleet));
    this.audit =
        new CommandLog(
            new JdbcAuditTrail(database), entry -> telemetry.ifPresent(t -> t.command(entry)));
    this.confirmations =
        new ConfirmationBook(
            confirmationRules(config), Ticker.systemTicker(), clock, new SecureRandom());
    PowerStopLedger stops = new PowerStopLedger(new JdbcStopRecords(database), clock);
    this.alertStore = new JdbcAlertStore(database);
    this.router = router(config.alerts(), sinks);
    WatcherSettings watcherSettings = watcherSettings(config.alerts());
    this.watcherThreads =
        WatcherThreads.forFleet(config.servers().size(), watcherSettings, scheduler);
    this.watcher =
        new Watcher(
            fleet,
            kiwi,
            watcherSettings,
            router,
            sinks,
            new FencedAlertStore(
                telemetry.isPresent()
                    ? new MeteredAlertStore(alertStore, telemetry.get()::alert)
                    : alertStore,
                () -> leads.getAsBoolean()),
            alertStore,
            stops,
            watcherThreads,
            clock,
            new SplittableRandom());
    this.watchWanted = watch && config.alerts().enabled();
    this.lease = new JdbcWatchLease(database, clock);
    this.leaseHolder =
        "pid "
            + ProcessHandle.current().pid()
            + " #"
            + Long.toHexString(new SecureRandom().nextLong());
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
    // The forecasts' samples survive a restart or a failover: a forecast is known again at once.
    watcher.forecasts().keepIn(new JdbcUsageSamples(database));
    List<Command> more = new ArrayList<>(AlertCommands.all(watcher, clock));
    FleetReports fleetReports =
        new FleetReports(
            watcher::openIncidents,
            watcher.forecasts(),
            new JFreeFleetTransferChartRenderer(),
            () -> this.config.reports(),
            clock);
    more.add(new ReportCommand(fleetReports));
    // Building a report blocks on KiwiVM and sending it on a chat API: a thread of its own.
    ScheduledThreadPoolExecutor reportPool =
        new ScheduledThreadPoolExecutor(1, daemonThreads("kiwiops-reports"));
    reportPool.setRemoveOnCancelPolicy(true);
    reportPool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.reportThread = reportPool;
    boolean console = sinks.stream().anyMatch(s -> s.id().equals("console"));
    this.reports =
        new ReportScheduler(
            fleet,
            () -> reportSettings(this.config.reports(), console),
            fleetReports,
            kiwi,
            sinks,
            new JdbcReportRuns(database),
            reportPool,
            clock);
    this.reportsWanted = watch;
    reloader.ifPresent(r -> more.add(new ReloadCommand(r)));
    CommandCatalog catalog = StandardCommands.catalog(needs, more);
    this.catalog = catalog;
    this.completer = new CachedCompleter(access, kiwi, watcher::openIncidents, () -> catalog);
    this.dispatcher = new Dispatcher(catalog, access, confirmations, audit, fleet, kiwi, clock);
    // Confirmations and approvals that nobody answered still belong in the audit trail.
    scheduler.scheduleWithFixedDelay(
        this::recordLapsed, LAPSED_SWEEP.toSeconds(), LAPSED_SWEEP.toSeconds(), TimeUnit.SECONDS);
    telemetry.ifPresent(t -> t.watch(fleet, kiwi, watcher, alertStore, clock));
  }

  static ConfirmationRules confirmationRules(KiwiopsConfig config) {
    return ConfirmationRules.defaults()
        .withTtl(config.confirmTtl())
        .withApprovalTtl(config.approvalTtl())
        .withApproval(List.copyOf(config.approval()))
        .withAlsoConfirm(List.copyOf(config.alsoConfirm()));
  }

  /**
   * Builds everything the configuration describes; opens (and migrates) the store. Alerts go to
   * {@code sinks} along the configured routes; a {@code console} sink also gets every alert.
   *
   * @param watch whether {@link #start()} starts the watcher (and {@code alerts.enabled} allows)
   */
  public static Kiwiops assemble(KiwiopsConfig config, List<AlertSink> sinks, boolean watch)
      throws SQLException {
    return new Kiwiops(
        config,
        Database.open(config.storeUrl()),
        sinks,
        watch,
        Clock.systemUTC(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * As {@link #assemble(KiwiopsConfig, List, boolean)}, with metrics and the {@code reload}
   * command: what {@code kiwiops run} hosts.
   */
  static Kiwiops assemble(
      KiwiopsConfig config,
      List<AlertSink> sinks,
      boolean watch,
      Telemetry telemetry,
      ReloadCommand.Reloader reloader,
      Clock clock)
      throws SQLException {
    return new Kiwiops(
        config,
        Database.open(config.storeUrl()),
        sinks,
        watch,
        clock,
        Optional.of(telemetry),
        Optional.of(reloader));
  }

  /**
   * Puts a reloaded configuration in force for the next command: servers, roles, access and people,
   * confirmations and approvals, alert routes. Everything else (the KiwiVM URL and timeout, the
   * store, the chat platforms, the HTTP server, the alert interval) keeps its value until a
   * restart; {@link #needsRestart} names what differs.
   */
  void apply(KiwiopsConfig next, List<AlertSink> sinks) {
    fleet.replace(next.servers());
    access.replace(policy(next, fleet));
    confirmations.replaceRules(confirmationRules(next));
    router.replace(router(next.alerts(), sinks).routes());
    this.config = next;
  }

  /** The access policy of {@code config}: roles, bindings and people. */
  private static AccessPolicy policy(KiwiopsConfig config, Fleet fleet) {
    return new AccessPolicy(config.roles(), config.access(), new People(config.people()), fleet);
  }

  /**
   * The settings that differ between the running configuration and {@code next} but need a restart.
   */
  List<String> needsRestart(KiwiopsConfig next) {
    KiwiopsConfig now = config;
    List<String> changed = new ArrayList<>();
    if (!now.apiUrl().equals(next.apiUrl()) || !now.timeout().equals(next.timeout())) {
      changed.add("kiwivm");
    }
    if (!now.storeUrl().equals(next.storeUrl())) {
      changed.add("store");
    }
    if (!now.http().equals(next.http())) {
      changed.add("http");
    }
    if (!now.logging().equals(next.logging())) {
      changed.add("logging");
    }
    if (!now.shutdownGrace().equals(next.shutdownGrace())) {
      changed.add("shutdown");
    }
    if (!now.ha().equals(next.ha())) {
      changed.add("ha");
    }
    if (!sameSecrets(now, next)) {
      changed.add("discord/telegram");
    }
    KiwiopsConfig.Alerts a = now.alerts();
    KiwiopsConfig.Alerts b = next.alerts();
    if (a.enabled() != b.enabled()
        || !a.interval().equals(b.interval())
        || !a.remind().equals(b.remind())
        || !a.bandwidthThresholds().equals(b.bandwidthThresholds())
        || !a.forecast().equals(b.forecast())) {
      changed.add("alerts (other than routes)");
    }
    return changed;
  }

  private static boolean sameSecrets(KiwiopsConfig a, KiwiopsConfig b) {
    return a.telegram()
            .map(t -> t.token().reveal() + "|" + t.apiUrl())
            .equals(b.telegram().map(t -> t.token().reveal() + "|" + t.apiUrl()))
        && a.discord()
            .map(d -> d.token().reveal() + "|" + d.guilds() + d.apiUrl() + d.gatewayUrl())
            .equals(
                b.discord()
                    .map(d -> d.token().reveal() + "|" + d.guilds() + d.apiUrl() + d.gatewayUrl()));
  }

  /**
   * Whether the store answers a query now; empty when it does, else one sentence (for {@code
   * /healthz}).
   */
  Optional<String> storeProblem() {
    try {
      database.transaction(
          c -> {
            try (java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alert_outbox")) {
              return rs.next();
            }
          });
      return Optional.empty();
    } catch (SQLException | RuntimeException e) {
      return Optional.of("the store does not answer: " + Main.oneSentence(e));
    }
  }

  /**
   * Starts the background work: the watcher, if it is on and this process gets the store's watch
   * lease. Only one process watches a store: when another one holds the lease, this one runs
   * without a watcher and {@link #watchNotice()} says so in one sentence.
   */
  public synchronized Kiwiops start() {
    if (reportsWanted) {
      reports.start();
    }
    if (!watchWanted || watching) {
      return this;
    }
    Duration ttl = leaseTtl(config.alerts().interval());
    boolean taken;
    try {
      taken = lease.tryAcquire(leaseHolder, ttl);
    } catch (AlertStoreException e) {
      watchNotice =
          Optional.of(
              "the watch lease cannot be taken ("
                  + Main.oneSentence(e)
                  + "); this process runs without a watcher");
      return this;
    }
    if (!taken) {
      String since =
          lease
              .current()
              .map(h -> " (since " + h.since().truncatedTo(ChronoUnit.SECONDS) + ")")
              .orElse("");
      watchNotice =
          Optional.of(
              "another kiwiops process watches this store"
                  + since
                  + "; this one runs without a watcher");
      return this;
    }
    try {
      watcher.start();
    } catch (RuntimeException e) {
      releaseLease();
      throw e;
    }
    watching = true;
    watchNotice = Optional.empty();
    Duration every = leaseRenewalPeriod(config.alerts().interval());
    leaseRenewal =
        scheduler.scheduleWithFixedDelay(
            () -> renewLease(ttl), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Starts the watcher as the leader of several replicas ({@code ha.enabled}): the leader lock, not
   * the watch lease, decides who watches; {@code leads} is the fence that stops its incident writes
   * the moment this replica is not sure it still leads. The watcher loads incidents and the outbox
   * from the store, so it continues where the previous leader stopped. The scheduled reports run on
   * the leader too: a standby has no chat platform to send them through, and its claim of a period
   * in the store would lose that period's report.
   *
   * @throws dev.kiwiops.core.watch.AlertStoreException if the stored state cannot be read
   */
  synchronized void lead(java.util.function.BooleanSupplier leads) {
    this.leads = leads;
    if (reportsWanted) {
      reports.start();
    }
    if (!watchWanted || watching) {
      return;
    }
    watcher.start();
    watching = true;
    watchNotice = Optional.empty();
  }

  /**
   * Whether this process may act as the leader now: always without {@code ha}; with it, only while
   * the replica leads and saw its lock within two heartbeats (the fence of {@link #lead}).
   */
  boolean leadsNow() {
    return leads.getAsBoolean();
  }

  /**
   * Stops the watcher at once, without delivering the outbox: this replica no longer leads (the new
   * leader delivers). {@link #lead} may start it again later.
   */
  synchronized void standDown() {
    reports.close();
    watching = false;
    watcher.stepDown();
  }

  /**
   * Why this process does not watch although it was asked to (another process holds the store's
   * watch lease), in one sentence; empty when it watches or was not asked to.
   */
  Optional<String> watchNotice() {
    return watchNotice;
  }

  /** How long the watch lease outlives its last renewal: three intervals, at least a minute. */
  static Duration leaseTtl(Duration interval) {
    Duration three = interval.multipliedBy(3);
    return three.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : three;
  }

  /** Renewed every interval, and at least three times per time to live. */
  static Duration leaseRenewalPeriod(Duration interval) {
    Duration third = leaseTtl(interval).dividedBy(3);
    return interval.compareTo(third) < 0 ? interval : third;
  }

  private void renewLease(Duration ttl) {
    if (!watching) {
      return;
    }
    boolean held;
    try {
      held = lease.renew(leaseHolder, ttl);
    } catch (RuntimeException e) {
      LOG.warn("watcher: the watch lease could not be renewed: {}", Main.oneSentence(e));
      return;
    }
    if (!held) {
      synchronized (this) {
        watching = false;
        watchNotice =
            Optional.of(
                "another kiwiops process took over the watch of this store after this one missed"
                    + " its lease renewal; this one runs without a watcher");
        LOG.warn("watcher: {}", watchNotice.get());
        cancelRenewal();
        try {
          watcher.close();
        } catch (RuntimeException e) {
          LOG.warn("watcher did not stop cleanly: {}", e.toString());
        }
      }
    }
  }

  private void cancelRenewal() {
    java.util.concurrent.ScheduledFuture<?> renewal = leaseRenewal;
    if (renewal != null) {
      renewal.cancel(false);
    }
  }

  private void releaseLease() {
    try {
      lease.release(leaseHolder);
    } catch (RuntimeException e) {
      LOG.warn("the watch lease could not be released: {}", Main.oneSentence(e));
    }
  }

  JdbcAlertStore outbox() {
    return alertStore;
  }

  /** Whether this process watches: started, holding the store's watch lease, not closed. */
  boolean watching() {
    return watching;
  }

  public Watcher watcher() {
    return watcher;
  }

  /** The reports section with, when a console sink runs, every report to the console too. */
  static ReportSettings reportSettings(ReportSettings configured, boolean console) {
    if (!console || configured.schedules().isEmpty()) {
      return configured;
    }
    List<ReportRoute> routes = new ArrayList<>(configured.routes());
    routes.add(ReportRoute.everything(Destination.console()));
    return new ReportSettings(
        configured.schedules(), routes, configured.snapshotMaxAge(), configured.purgeWarning());
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
        .withBandwidthThresholds(alerts.bandwidthThresholds())
        .withForecast(alerts.forecast());
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

  AlertRouter router() {
    return router;
  }

  /** The command catalogue (the chat platforms build their menus and slash commands from it). */
  public CommandCatalog catalog() {
    return catalog;
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
    close(config.shutdownGrace());
  }

  /**
   * Stops the watcher (delivering what is due in the outbox), lets the polls and progress checks
   * already running finish within {@code grace}, then closes the KiwiVM client.
   */
  public void close(Duration grace) {
    reports.close();
    reportThread.shutdown();
    synchronized (this) {
      cancelRenewal();
      try {
        watcher.close();
      } catch (RuntimeException e) {
        LOG.warn("watcher did not stop cleanly: {}", e.toString());
      }
      if (watching) {
        watching = false;
        releaseLease();
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    watcherThreads.close(grace);
    scheduler.shutdown();
    try {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!scheduler.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        LOG.warn("background work still running after {}; stopping it", grace);
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    kiwi.close();
    // Last: everything that audits or stores has stopped. Closing the store's connection
    // checkpoints its WAL into the database file.
    database.close();
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

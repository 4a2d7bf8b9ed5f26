package dev.kiwiops.config;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiwiops.charts.JFreeUsageChartRenderer;
import dev.kiwiops.core.access.AccessControl;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.commands.SecretPrompts;
import dev.kiwiops.core.commands.ShellDirectories;
import dev.kiwiops.core.commands.StandardCommands;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.reply.ProgressReporter;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.store.Database;
import dev.kiwiops.store.JdbcAuditTrail;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

  private final KiwiopsConfig config;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final KiwiVmClient kiwi;
  private final Fleet fleet;
  private final AccessControl access;
  private final AuditTrail audit;
  private final Dispatcher dispatcher;

  private Kiwiops(KiwiopsConfig config, Database database, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.scheduler = Executors.newScheduledThreadPool(2, daemonThreads("kiwiops-scheduler"));
    this.kiwi = KiwiVmClient.builder(config.apiUrl()).timeout(config.timeout()).build();
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
    StandardCommands.Needs needs =
        new StandardCommands.Needs(
            kiwi,
            access,
            clock,
            new PowerStopLedger(clock),
            audit,
            new ProgressReporter(scheduler, clock, ProgressReporter.Settings.defaults()),
            new JFreeUsageChartRenderer(),
            new SecretPrompts(Duration.ofMinutes(5), Ticker.systemTicker(), new SecureRandom()),
            new ShellDirectories());
    this.dispatcher =
        new Dispatcher(StandardCommands.catalog(needs), access, confirmations, audit, fleet, clock);
    // Confirmations and approvals that nobody answered still belong in the audit trail.
    scheduler.scheduleWithFixedDelay(
        this::recordLapsed, LAPSED_SWEEP.toSeconds(), LAPSED_SWEEP.toSeconds(), TimeUnit.SECONDS);
  }

  /** Builds everything the configuration describes; opens (and migrates) the store. */
  public static Kiwiops assemble(KiwiopsConfig config) throws SQLException {
    return new Kiwiops(config, Database.open(config.storeUrl()), Clock.systemUTC());
  }

  public Dispatcher dispatcher() {
    return dispatcher;
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

  @Override
  public void close() {
    scheduler.shutdownNow();
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

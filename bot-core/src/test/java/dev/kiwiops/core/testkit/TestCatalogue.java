package dev.kiwiops.core.testkit;

import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.commands.SecretPrompts;
import dev.kiwiops.core.commands.ShellDirectories;
import dev.kiwiops.core.commands.StandardCommands;
import dev.kiwiops.core.format.UsageChartRenderer;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.KnownReads;
import dev.kiwiops.core.reply.ProgressReporter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The standard catalogue wired for tests: the given KiwiVM port, policy and clock, and test
 * stand-ins for the rest, each of which a test may replace when it watches that part.
 *
 * <p>Unless replaced: a fresh in-memory audit trail, progress on a {@link ManualScheduler} of its
 * own with the default settings, a chart renderer that draws an empty image, and secret prompts
 * that last five minutes, and a fresh in-memory stop ledger. Shell directories are always fresh.
 */
public final class TestCatalogue {
  private final KiwiVm kiwi;
  private final Supplier<AccessPolicy> policy;
  private final MutableClock clock;
  private AuditTrail audit = new InMemoryAuditTrail();
  private ManualScheduler scheduler;
  private UsageChartRenderer charts = (server, samples, period) -> new byte[0];
  private PowerStopLedger stops;
  private KnownReads reads;

  private TestCatalogue(KiwiVm kiwi, Supplier<AccessPolicy> policy, MutableClock clock) {
    this.kiwi = kiwi;
    this.policy = policy;
    this.clock = clock;
    this.scheduler = new ManualScheduler(clock);
    this.stops = new PowerStopLedger(new InMemoryStopRecords(), clock);
  }

  public static TestCatalogue of(KiwiVm kiwi, Supplier<AccessPolicy> policy, MutableClock clock) {
    return new TestCatalogue(kiwi, policy, clock);
  }

  /** The trail the {@code audit} command reads. */
  public TestCatalogue audit(AuditTrail value) {
    this.audit = value;
    return this;
  }

  /** The scheduler that runs progress updates, for tests that advance it. */
  public TestCatalogue progressOn(ManualScheduler value) {
    this.scheduler = value;
    return this;
  }

  /** The ledger the power commands record stops in (shared with a watcher under test). */
  public TestCatalogue stops(PowerStopLedger value) {
    this.stops = value;
    return this;
  }

  /** What KiwiVM said before, for {@code servers} (default: nothing, every read goes upstream). */
  public TestCatalogue reads(KnownReads value) {
    this.reads = value;
    return this;
  }

  public TestCatalogue charts(UsageChartRenderer value) {
    this.charts = value;
    return this;
  }

  public CommandCatalog catalog() {
    return StandardCommands.catalog(
        new StandardCommands.Needs(
            kiwi,
            policy,
            clock,
            stops,
            audit,
            new ProgressReporter(scheduler, clock, ProgressReporter.Settings.defaults()),
            charts,
            new SecretPrompts(Duration.ofMinutes(5), clock, new SecureRandom()),
            new ShellDirectories(),
            reads != null ? reads : KnownReads.through(kiwi)));
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.format.UsageChartRenderer;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.KnownReads;
import dev.kiwiops.core.reply.ProgressReporter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The whole command catalogue of docs/COMMANDS.md, built from its parts. */
public final class StandardCommands {
  private StandardCommands() {}

  /**
   * Everything the core needs to build the catalogue.
   *
   * @param kiwi the KiwiVM port
   * @param policy the access policy in force (an {@code AccessControl} when it can be reloaded)
   * @param clock for relative times and usage periods
   * @param stops the servers stopped through the bot (shared with the watcher)
   * @param audit the audit trail that {@code audit} reads
   * @param progress follows long operations (reinstall, snapshots, migration, backup copy)
   * @param charts draws the {@code usage} chart
   * @param secrets questions for a secret asked privately ({@code clone}'s root password)
   * @param shellDirectories each user's {@code shell cd} directory per server
   * @param reads what KiwiVM said before ({@code servers} answers from it)
   */
  public record Needs(
      KiwiVm kiwi,
      Supplier<AccessPolicy> policy,
      Clock clock,
      PowerStopLedger stops,
      AuditTrail audit,
      ProgressReporter progress,
      UsageChartRenderer charts,
      SecretPrompts secrets,
      ShellDirectories shellDirectories,
      KnownReads reads) {

    /** Needs without a read cache: {@code servers} reads every server through {@code kiwi}. */
    public Needs(
        KiwiVm kiwi,
        Supplier<AccessPolicy> policy,
        Clock clock,
        PowerStopLedger stops,
        AuditTrail audit,
        ProgressReporter progress,
        UsageChartRenderer charts,
        SecretPrompts secrets,
        ShellDirectories shellDirectories) {
      this(
          kiwi,
          policy,
          clock,
          stops,
          audit,
          progress,
          charts,
          secrets,
          shellDirectories,
          KnownReads.through(kiwi));
    }
  }

  public static CommandCatalog catalog(Needs needs) {
    return catalog(needs, List.of());
  }

  /**
   * The catalogue plus the commands of other features (the watcher's {@code alerts}), so that
   * {@code help} lists them too.
   */
  public static CommandCatalog catalog(Needs needs, List<? extends Command> more) {
    AtomicReference<CommandCatalog> self = new AtomicReference<>();
    KiwiVm kiwi = needs.kiwi();
    List<Command> commands = new ArrayList<>();
    commands.add(new HelpCommand(() -> self.get().all(), needs.policy()));
    commands.add(new WhoamiCommand(needs.policy()));
    commands.addAll(InfoCommands.all(kiwi, needs.reads(), needs.clock()));
    commands.addAll(PowerCommands.all(kiwi, needs.stops()));
    commands.add(new AuditCommand(needs.audit(), needs.policy()));
    commands.addAll(OsCommands.all(kiwi, needs.progress()));
    commands.add(UsageCommand.create(kiwi, needs.charts(), needs.clock()));
    commands.addAll(NamingCommands.all(kiwi));
    commands.addAll(IsoCommands.all(kiwi));
    commands.addAll(ShellCommands.all(kiwi, needs.shellDirectories()));
    commands.addAll(SnapshotCommands.all(kiwi, needs.progress(), needs.clock()));
    commands.addAll(NetworkCommands.all(kiwi));
    commands.addAll(MigrateCommands.all(kiwi, needs.progress(), needs.secrets()));
    commands.add(new SecretCommand(needs.secrets(), needs.policy()));
    commands.addAll(AbuseCommands.all(kiwi, needs.clock()));
    commands.addAll(more);
    CommandCatalog catalog = new CommandCatalog(commands);
    self.set(catalog);
    return catalog;
  }
}

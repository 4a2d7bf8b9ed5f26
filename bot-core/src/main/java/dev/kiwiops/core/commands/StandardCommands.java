package dev.kiwiops.core.commands;

import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.kiwivm.KiwiVm;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The whole command catalogue of COMMANDS.md, built from its parts. */
public final class StandardCommands {
  private StandardCommands() {}

  /**
   * Everything the core needs to build the catalogue.
   *
   * @param policy the access policy in force (an {@code AccessControl} when it can be reloaded)
   * @param audit the audit trail that {@code audit} reads
   */
  public record Needs(
      KiwiVm kiwi,
      Supplier<AccessPolicy> policy,
      Clock clock,
      PowerStopLedger stops,
      AuditTrail audit) {}

  public static CommandCatalog catalog(Needs needs) {
    AtomicReference<CommandCatalog> self = new AtomicReference<>();
    List<Command> commands = new ArrayList<>();
    commands.add(new HelpCommand(() -> self.get().all(), needs.policy()));
    commands.add(new WhoamiCommand(needs.policy()));
    commands.addAll(InfoCommands.all(needs.kiwi(), needs.clock()));
    commands.addAll(PowerCommands.all(needs.kiwi(), needs.stops()));
    commands.add(new AuditCommand(needs.audit(), needs.policy()));
    CommandCatalog catalog = new CommandCatalog(commands);
    self.set(catalog);
    return catalog;
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Execution;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.ArrayList;
import java.util.List;

/**
 * A command of the form {@code <words> <server> <args…>}: resolves the server within the caller's
 * scope, lets a binder validate the remaining arguments, and binds the execution.
 */
public final class ServerCommand implements Command {

  /** Validates the arguments after the server and returns what to run; throws on bad input. */
  @FunctionalInterface
  public interface Binder {
    Execution bind(FleetServer server, List<String> rest) throws UsageException;
  }

  private final CommandSpec spec;
  private final int argsAfterServer;
  private final Binder binder;
  private final String warning;

  public ServerCommand(CommandSpec spec, int argsAfterServer, Binder binder) {
    this(spec, argsAfterServer, "", binder);
  }

  public ServerCommand(CommandSpec spec, int argsAfterServer, String warning, Binder binder) {
    this.spec = spec;
    this.argsAfterServer = argsAfterServer;
    this.binder = binder;
    this.warning = warning;
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Action parse(CommandInput input) throws UsageException {
    CommandInput.ServerArgs resolved = input.server(argsAfterServer);
    Execution execution = binder.bind(resolved.server(), resolved.rest());
    List<String> arguments = new ArrayList<>();
    arguments.add(resolved.server().name());
    arguments.addAll(resolved.rest());
    return Action.on(resolved.server(), arguments, execution).withWarning(warning);
  }

  /** A binder for commands that take nothing after the server. */
  public static Binder noArgs(java.util.function.Function<FleetServer, Execution> body) {
    return (server, rest) -> {
      if (!rest.isEmpty()) {
        throw new UsageException("Unexpected '" + String.join(" ", rest) + "'.");
      }
      return body.apply(server);
    };
  }
}

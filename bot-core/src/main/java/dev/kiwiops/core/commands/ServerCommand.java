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
import java.util.Objects;

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

  /** Like {@link Binder}, for commands whose prompt or audit line depends on the arguments. */
  @FunctionalInterface
  public interface FullBinder {
    Bound bind(FleetServer server, List<String> rest) throws UsageException;
  }

  /**
   * Like {@link Binder}, for a command whose last parameter takes the rest of the line and needs to
   * know whether it arrived whole ({@link CommandInput#wholeRest()}).
   */
  @FunctionalInterface
  public interface RestBinder {
    Execution bind(FleetServer server, List<String> rest, boolean wholeRest) throws UsageException;
  }

  /** What every binder comes down to. */
  @FunctionalInterface
  private interface InputBinder {
    Bound bind(FleetServer server, List<String> rest, boolean wholeRest) throws UsageException;
  }

  /**
   * What a {@link FullBinder} bound: the execution, the warning for the confirmation prompt (may be
   * empty), and the arguments after the server as the audit trail and prompt show them (secrets
   * masked).
   */
  public record Bound(Execution execution, String warning, List<String> shownRest) {
    public Bound {
      Objects.requireNonNull(execution, "execution");
      Objects.requireNonNull(warning, "warning");
      shownRest = List.copyOf(shownRest);
    }
  }

  private final CommandSpec spec;
  private final int argsAfterServer;
  private final InputBinder binder;

  public ServerCommand(CommandSpec spec, int argsAfterServer, Binder binder) {
    this(spec, argsAfterServer, "", binder);
  }

  public ServerCommand(CommandSpec spec, int argsAfterServer, String warning, Binder binder) {
    this.spec = spec;
    this.argsAfterServer = argsAfterServer;
    this.binder = (server, rest, whole) -> new Bound(binder.bind(server, rest), warning, rest);
  }

  private ServerCommand(CommandSpec spec, int argsAfterServer, InputBinder binder) {
    this.spec = spec;
    this.argsAfterServer = argsAfterServer;
    this.binder = binder;
  }

  /** A command whose binder also chooses the warning and the shown (masked) arguments. */
  public static ServerCommand full(CommandSpec spec, int argsAfterServer, FullBinder binder) {
    return new ServerCommand(
        spec, argsAfterServer, (server, rest, whole) -> binder.bind(server, rest));
  }

  /** A command whose last parameter takes the rest of the line (any number of words). */
  public static ServerCommand withRest(CommandSpec spec, String warning, RestBinder binder) {
    return new ServerCommand(
        spec,
        Integer.MAX_VALUE,
        (server, rest, whole) -> new Bound(binder.bind(server, rest, whole), warning, rest));
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Action parse(CommandInput input) throws UsageException {
    CommandInput.ServerArgs resolved = input.server(argsAfterServer);
    Bound bound = binder.bind(resolved.server(), resolved.rest(), input.wholeRest());
    List<String> arguments = new ArrayList<>();
    arguments.add(resolved.server().name());
    arguments.addAll(resolved.rest());
    List<String> shown = new ArrayList<>();
    shown.add(resolved.server().name());
    shown.addAll(bound.shownRest());
    return new Action(
        java.util.Optional.of(resolved.server()),
        arguments,
        shown,
        bound.warning(),
        bound.execution());
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

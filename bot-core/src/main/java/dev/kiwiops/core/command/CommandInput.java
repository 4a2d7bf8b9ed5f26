package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a command's parser sees: the arguments after the command words, who typed them, and the
 * servers that caller may use this command on (to resolve or default {@code <server>}).
 */
public final class CommandInput {
  private final List<String> args;
  private final Caller caller;
  private final ChatRef chat;
  private final CommandSpec spec;
  private final Function<String, Optional<FleetServer>> fleetLookup;
  private final Predicate<FleetServer> inScope;
  private final Supplier<List<FleetServer>> scopeOfFleet;
  private final boolean wholeRest;
  private List<FleetServer> scope;

  /**
   * @param inScope whether the caller may run this command on one server of the fleet: the same
   *     answer as membership in {@code scope}, without going through the whole fleet
   * @param scope the servers the caller may run this command on, asked at most once and only when a
   *     parser needs them all (most name their server)
   */
  public CommandInput(
      List<String> args,
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      Function<String, Optional<FleetServer>> fleetLookup,
      Predicate<FleetServer> inScope,
      Supplier<List<FleetServer>> scope) {
    this(args, caller, chat, spec, fleetLookup, inScope, scope, false);
  }

  private CommandInput(
      List<String> args,
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      Function<String, Optional<FleetServer>> fleetLookup,
      Predicate<FleetServer> inScope,
      Supplier<List<FleetServer>> scope,
      boolean wholeRest) {
    this.wholeRest = wholeRest;
    this.args = List.copyOf(args);
    this.caller = caller;
    this.chat = chat;
    this.spec = spec;
    this.fleetLookup = fleetLookup;
    this.inScope = inScope;
    this.scopeOfFleet = scope;
  }

  /**
   * This input, with its last argument marked as a rest-of-line value given whole (see {@link
   * #wholeRest()}).
   */
  public CommandInput withWholeRest() {
    return new CommandInput(args, caller, chat, spec, fleetLookup, inScope, scopeOfFleet, true);
  }

  /**
   * Whether a parameter that takes the rest of the line ({@link Parameter#rest()}) arrived as one
   * value given whole, as a platform's typed option sends it, rather than as the words the
   * tokenizer split from a typed line. A shell command given whole is sent as given; typed words
   * are joined back, quoting those that held white space.
   */
  public boolean wholeRest() {
    return wholeRest;
  }

  public List<String> args() {
    return args;
  }

  public Caller caller() {
    return caller;
  }

  public ChatRef chat() {
    return chat;
  }

  public CommandSpec spec() {
    return spec;
  }

  /** The servers the caller may run this command on. */
  public List<FleetServer> scope() {
    if (scope == null) {
      scope = List.copyOf(scopeOfFleet.get());
    }
    return scope;
  }

  /**
   * Resolves the leading {@code <server>} argument and returns the remaining arguments. The server
   * may be omitted when the caller's scope holds exactly one server and the first argument is no
   * fleet name. An unknown name and a server outside the caller's scope answer the same way, so
   * names outside one's scope are not disclosed.
   *
   * @param maxArgsAfterServer how many arguments the command takes after the server at most
   */
  public ServerArgs server(int maxArgsAfterServer) throws UsageException {
    if (!args.isEmpty()) {
      String first = args.get(0);
      Optional<FleetServer> named = fleetLookup.apply(first);
      if (named.isPresent() && inScope.test(named.get())) {
        return new ServerArgs(named.get(), args.subList(1, args.size()));
      }
      if (named.isPresent() || args.size() > maxArgsAfterServer || scope().size() != 1) {
        throw new UsageException("Unknown server '" + first + "'" + scopeHint() + ".");
      }
    }
    if (scope().size() == 1) {
      return new ServerArgs(scope().get(0), args);
    }
    throw new UsageException("Which server?" + scopeHint() + ".");
  }

  private String scopeHint() {
    List<FleetServer> scope = scope();
    if (scope.isEmpty()) {
      return "";
    }
    List<String> names = scope.stream().map(FleetServer::name).limit(8).toList();
    return " (yours: " + String.join(", ", names) + (scope.size() > 8 ? ", …" : "") + ")";
  }

  /** A resolved server and the arguments after it. */
  public record ServerArgs(FleetServer server, List<String> rest) {
    public ServerArgs {
      rest = List.copyOf(rest);
    }
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Person;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.audit.AuditUnavailableException;
import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.reply.Reply;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code audit [server] [user]}: the newest entries of the bot's own audit trail, newest first, as
 * a table; the user is an identity ({@code telegram:123456}) or a person ({@code ada} or {@code
 * person:ada}, every identity of theirs). A caller sees only entries about servers in its {@code
 * audit} scope; entries about no server in particular (help, a bad confirmation code) only with a
 * fleet-wide {@code audit} grant.
 */
public final class AuditCommand implements Command {
  /** How many entries one answer shows: a phone screen's worth. */
  static final int LIMIT = 20;

  /** The widest a cell gets: one huge argument must not widen every row of the table. */
  static final int CELL = 48;

  private static final CommandSpec SPEC =
      CommandSpec.builder("audit")
          .parameter(
              Parameter.optional("server", ParamKind.SERVER, "only entries about this server"))
          .parameter(
              Parameter.optional(
                  "user",
                  ParamKind.IDENTITY,
                  "only entries by this identity (telegram:123456) or person (ada)"))
          .summary("recent entries of the bot's audit trail")
          .examples(
              "audit",
              "audit web1",
              "audit web1 telegram:987654321",
              "audit discord:123",
              "audit person:ada")
          .build();

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final AuditTrail audit;
  private final Supplier<AccessPolicy> policy;

  public AuditCommand(AuditTrail audit, Supplier<AccessPolicy> policy) {
    this.audit = audit;
    this.policy = policy;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Action parse(CommandInput input) throws UsageException {
    if (input.args().size() > 2) {
      throw new UsageException("audit takes at most a server and a user.");
    }
    Optional<FleetServer> server = Optional.empty();
    Optional<Identity> user = Optional.empty();
    AccessPolicy now = policy.get();
    for (String arg : input.args()) {
      Optional<FleetServer> named =
          input.scope().stream().filter(s -> s.name().equals(arg)).findFirst();
      if (named.isPresent() && server.isEmpty() && user.isEmpty()) {
        server = named;
      } else if (arg.contains(":") && user.isEmpty()) {
        try {
          user = Optional.of(Identity.parse(arg));
        } catch (IllegalArgumentException e) {
          throw new UsageException("'" + arg + "' is not an identity such as telegram:123456.");
        }
        if (user.get().kind().equals(Person.KIND)
            && now.people().named(user.get().id()).isEmpty()) {
          throw new UsageException("There is no person called '" + user.get().id() + "'.");
        }
      } else if (user.isEmpty() && now.people().named(arg).isPresent()) {
        user = Optional.of(now.people().named(arg).get().asIdentity());
      } else {
        throw new UsageException(
            "'"
                + arg
                + "' is neither one of your servers nor a user such as telegram:123456 or a"
                + " person.");
      }
    }
    boolean fleetWide = now.allowsFleetWide(input.caller(), SPEC.permission());
    AuditQuery query =
        server.isPresent()
            ? AuditQuery.onServers(Set.of(server.get().name()), LIMIT)
            : fleetWide
                ? AuditQuery.everything(LIMIT)
                : AuditQuery.onServers(
                    input.scope().stream().map(FleetServer::name).collect(Collectors.toSet()),
                    LIMIT);
    AuditQuery filtered =
        user.map(
                u ->
                    u.kind().equals(Person.KIND)
                        ? query.byPerson(u.id())
                        : query.byIdentity(u.toString()))
            .orElse(query);
    List<String> arguments = new ArrayList<>();
    server.ifPresent(s -> arguments.add(s.name()));
    user.ifPresent(u -> arguments.add(u.toString()));
    String title =
        "Audit trail"
            + server.map(s -> " of " + s.name()).orElse("")
            + user.map(u -> " for " + u).orElse("");
    return Action.of(server, arguments, ctx -> render(title, filtered));
  }

  /** {@code text} cut to {@link #CELL} characters (whole code points), ending in an ellipsis. */
  static String cell(String text) {
    if (text.codePointCount(0, text.length()) <= CELL) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, CELL - 1)) + "…";
  }

  private Reply render(String title, AuditQuery query) {
    List<AuditEntry> entries;
    try {
      entries = audit.recent(query);
    } catch (AuditUnavailableException e) {
      return Reply.error("The audit trail cannot be read right now; try again shortly.");
    }
    if (entries.isEmpty()) {
      return Reply.builder().title(title).text("No entries yet.").build();
    }
    List<List<String>> rows = new ArrayList<>();
    for (AuditEntry e : entries) {
      String what =
          String.join(" ", e.command(), e.server().orElse(""), e.arguments())
              .replaceAll(" +", " ")
              .strip();
      String decision = e.decision() + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")");
      String result =
          e.outcome() + (e.duration().toMillis() > 0 ? " " + e.duration().toMillis() + " ms" : "");
      rows.add(
          List.of(
              WHEN.format(e.at()),
              cell(e.identity() + e.person().map(p -> " (" + p + ")").orElse("")),
              cell(what),
              cell(decision),
              cell(result)));
    }
    return Reply.builder()
        .title(title)
        .table(List.of("when (UTC)", "who", "what", "decision", "result"), rows)
        .text(
            entries.size() == LIMIT
                ? "The newest " + LIMIT + " entries; name a server or a user to narrow it down."
                : entries.size() + (entries.size() == 1 ? " entry." : " entries."))
        .build();
  }
}

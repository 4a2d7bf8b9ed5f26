package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Person;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the dispatcher's decisions to the audit trail. A decision that sent nothing upstream has
 * outcome {@code none}; only {@link #ran} takes the outcome its execution's port saw. A failing
 * store is logged (without arguments) and answered with {@code false}, never thrown. Each entry
 * names the person the identity belongs to, as the policy in force knows it when it is written.
 */
final class AuditRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
  static final String NO_OUTCOME = "none";

  private final AuditTrail audit;
  private final Fleet fleet;
  private final Supplier<AccessPolicy> policies;
  private final Clock clock;

  AuditRecorder(AuditTrail audit, Fleet fleet, Supplier<AccessPolicy> policies, Clock clock) {
    this.audit = audit;
    this.fleet = fleet;
    this.policies = policies;
    this.clock = clock;
  }

  /** What an entry is about: the command, its server and its masked arguments. */
  record Subject(String command, Optional<FleetServer> server, List<String> arguments) {
    static Subject of(CommandSpec spec, Action action) {
      return new Subject(spec.name(), action.server(), action.auditArguments());
    }

    /** A confirm, cancel, approve or button that matched nothing: its word alone. */
    static Subject bare(String command) {
      return new Subject(command, Optional.empty(), List.of());
    }
  }

  /**
   * Arguments no command has parsed may hold a secret (a token pasted by someone not allowed to run
   * the command), and only the command knows which: a parser's masked copy when it gave one,
   * otherwise a leading fleet name and a count of the withheld words.
   */
  Subject unparsed(String command, List<String> args, Optional<List<String>> masked) {
    Optional<FleetServer> server = args.isEmpty() ? Optional.empty() : fleet.find(args.get(0));
    return new Subject(command, server, masked.orElseGet(() -> withheld(args)));
  }

  /** A line that named no command: nothing of it but a leading fleet name is kept. */
  Subject unknown(List<String> words) {
    return new Subject("(unknown)", Optional.empty(), withheld(words));
  }

  /** Records a decision that sent nothing upstream; {@code false} when the store failed. */
  boolean decided(
      Caller caller,
      ChatRef chat,
      Subject subject,
      Decision decision,
      Instant started,
      String detail) {
    return write(caller, chat, subject, decision, NO_OUTCOME, started, detail, false);
  }

  boolean decided(
      Caller caller, ChatRef chat, Subject subject, Decision decision, Instant started) {
    return decided(caller, chat, subject, decision, started, "");
  }

  /**
   * Records a decision that an upstream write may follow (a destructive request, before its prompt
   * is shown), synced to disk ({@link AuditTrail#recordDurably}); {@code false} when the store
   * failed, and then nothing may be sent.
   */
  boolean decidedDurably(
      Caller caller,
      ChatRef chat,
      Subject subject,
      Decision decision,
      String outcome,
      Instant started) {
    return write(caller, chat, subject, decision, outcome, started, "", true);
  }

  /** Records an execution and what its upstream calls answered. */
  boolean ran(
      Caller caller,
      ChatRef chat,
      Subject subject,
      Decision decision,
      String outcome,
      Instant started,
      String detail) {
    return write(caller, chat, subject, decision, outcome, started, detail, false);
  }

  private boolean write(
      Caller caller,
      ChatRef chat,
      Subject subject,
      Decision decision,
      String outcome,
      Instant started,
      String detail,
      boolean durably) {
    List<String> arguments = subject.arguments();
    Optional<FleetServer> server = subject.server();
    List<String> shown =
        server.isPresent() && !arguments.isEmpty() && arguments.get(0).equals(server.get().name())
            ? arguments.subList(1, arguments.size())
            : arguments;
    AuditEntry entry =
        new AuditEntry(
            started,
            caller.user().toString(),
            chat.toString(),
            subject.command(),
            server.map(FleetServer::name),
            String.join(" ", shown),
            decision.auditName(),
            outcome,
            Duration.between(started, clock.instant()),
            detail,
            policies.get().personOf(caller).map(Person::name));
    try {
      if (durably) {
        audit.recordDurably(entry);
      } else {
        audit.record(entry);
      }
      return true;
    } catch (RuntimeException e) {
      LOG.error(
          "audit trail unavailable; lost entry: {} {} by {}",
          entry.command(),
          entry.decision(),
          entry.identity(),
          e);
      return false;
    }
  }

  private List<String> withheld(List<String> args) {
    List<String> shown = new ArrayList<>();
    int from = 0;
    if (!args.isEmpty() && fleet.find(args.get(0)).isPresent()) {
      shown.add(args.get(0));
      from = 1;
    }
    int rest = args.size() - from;
    if (rest > 0) {
      shown.add("[" + rest + (rest == 1 ? " word" : " words") + " withheld]");
    }
    return shown;
  }
}

package dev.kiwiops.core.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the bot's audit trail: who tried what, where, on which server, what was decided, and
 * what upstream answered. Arguments are already masked: an entry never holds a secret.
 *
 * @param identity the acting identity ({@code telegram:5}), never a display name
 * @param chat where it happened ({@code telegram:-1001234})
 * @param command the command words ({@code power kill}), {@code confirm}/{@code cancel}/{@code
 *     approve} for answers that matched nothing, or {@code (unknown)}
 * @param arguments the masked arguments after the server name
 * @param decision {@code allowed}, {@code denied}, {@code invalid}, {@code pending}, {@code
 *     confirmed}, {@code cancelled}, {@code expired}, {@code awaiting-approval}, {@code approved},
 *     {@code refused} (a check before the prompt), {@code changed-at-confirm} (what the prompt
 *     showed no longer held), … (see {@code Decision})
 * @param outcome the upstream outcome ({@code ok}, {@code api-error 700001}, {@code none}, …)
 * @param duration from the start of handling to the end of the upstream call
 * @param detail secret-free context: {@code approved by discord:42}, {@code requested by …}
 * @param person the person the identity belongs to ({@code ada}, see the {@code people} section),
 *     empty for an identity of no configured person
 */
public record AuditEntry(
    Instant at,
    String identity,
    String chat,
    String command,
    Optional<String> server,
    String arguments,
    String decision,
    String outcome,
    Duration duration,
    String detail,
    Optional<String> person) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(person, "person");
  }

  /** An entry of an identity that belongs to no configured person. */
  public AuditEntry(
      Instant at,
      String identity,
      String chat,
      String command,
      Optional<String> server,
      String arguments,
      String decision,
      String outcome,
      Duration duration,
      String detail) {
    this(
        at,
        identity,
        chat,
        command,
        server,
        arguments,
        decision,
        outcome,
        duration,
        detail,
        Optional.empty());
  }

  /** An entry without detail. */
  public AuditEntry(
      Instant at,
      String identity,
      String chat,
      String command,
      Optional<String> server,
      String arguments,
      String decision,
      String outcome,
      Duration duration) {
    this(at, identity, chat, command, server, arguments, decision, outcome, duration, "");
  }
}

package dev.kiwiops.core.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the bot's audit trail: who tried what, where, on which server, what was decided, and
 * what upstream answered. Arguments are already masked: an entry never holds a secret.
 *
 * @param decision {@code allowed}, {@code denied}, {@code invalid}, {@code pending}, {@code
 *     confirmed}, {@code cancelled}, {@code expired}, {@code approved}, …
 * @param outcome the upstream outcome ({@code ok}, {@code api-error 700001}, {@code none}, …)
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
    Duration duration) {
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
  }
}

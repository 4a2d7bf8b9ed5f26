package dev.kiwiops.core.command;

import java.util.List;
import java.util.Optional;

/**
 * Thrown by a command's parser when the arguments are missing or malformed; the dispatcher answers
 * with the message and the command's usage line, and nothing is sent upstream.
 *
 * <p>A parser whose arguments may hold a secret (a transfer token, a password) passes the arguments
 * as the audit trail may show them, masked; otherwise the audit shows them as typed.
 */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // never serialised: thrown and caught within one dispatch
  private final List<String> auditArguments;

  public UsageException(String message) {
    super(message, null, false, false);
    this.auditArguments = null;
  }

  public UsageException(String message, List<String> auditArguments) {
    super(message, null, false, false);
    this.auditArguments = List.copyOf(auditArguments);
  }

  /** The arguments to audit instead of the typed ones, when they may hold a secret. */
  public Optional<List<String>> auditArguments() {
    return Optional.ofNullable(auditArguments);
  }
}

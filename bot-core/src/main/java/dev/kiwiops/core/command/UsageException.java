package dev.kiwiops.core.command;

/**
 * Thrown by a command's parser when the arguments are missing or malformed; the dispatcher answers
 * with the message and the command's usage line, and nothing is sent upstream.
 */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message, null, false, false);
  }
}

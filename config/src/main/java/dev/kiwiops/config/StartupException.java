package dev.kiwiops.config;

/**
 * {@code kiwiops run} cannot start: the message is one sentence for the operator (never a secret),
 * the exit code says whether the configuration ({@link Main#USAGE}) or the runtime ({@link
 * Main#FAILURE}, such as a store that cannot be opened) is to blame.
 */
final class StartupException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  StartupException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  StartupException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  int exitCode() {
    return exitCode;
  }
}

package dev.kiwiops.core.platform;

/**
 * A chat platform could not start; the message is one sentence for the operator, without secrets.
 */
public final class PlatformStartException extends Exception {
  private static final long serialVersionUID = 1L;

  public PlatformStartException(String message, Throwable cause) {
    super(message, cause);
  }

  public PlatformStartException(String message) {
    super(message);
  }
}

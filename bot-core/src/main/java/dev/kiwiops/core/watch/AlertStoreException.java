package dev.kiwiops.core.watch;

/** The alert state or outbox could not be read or written (database down, disk full). */
public final class AlertStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AlertStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

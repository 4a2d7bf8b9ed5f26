package dev.kiwiops.core.audit;

/** The audit trail cannot be written or read right now (its database is down, the disk full). */
public final class AuditUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

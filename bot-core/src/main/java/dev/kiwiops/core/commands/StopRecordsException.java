package dev.kiwiops.core.commands;

/** The {@link StopRecords} could not be read or written. */
public final class StopRecordsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StopRecordsException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.kiwiops.core.watch;

import java.util.Objects;

/**
 * One alert to queue for one destination: a new message to post, or, when {@code edit}, the new
 * text of the messages already posted there about the same alert.
 */
public record OutboxMessage(Destination destination, Alert alert, boolean edit) {
  public OutboxMessage {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(alert, "alert");
  }

  /** A message to post. */
  public OutboxMessage(Destination destination, Alert alert) {
    this(destination, alert, false);
  }
}

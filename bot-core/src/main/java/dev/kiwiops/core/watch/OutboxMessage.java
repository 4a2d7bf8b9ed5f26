package dev.kiwiops.core.watch;

import java.util.Objects;

/** One alert to queue for one destination. */
public record OutboxMessage(Destination destination, Alert alert) {
  public OutboxMessage {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(alert, "alert");
  }
}

package dev.kiwiops.core.watch;

import java.time.Instant;
import java.util.Objects;

/**
 * A queued message of the {@link Outbox}: its queue id (increasing in queue order), destination,
 * alert, whether it edits the alert's earlier messages instead of posting one, and how many
 * attempts failed so far.
 */
public record Delivery(
    long id,
    Destination destination,
    Alert alert,
    boolean edit,
    int attempts,
    Instant nextAttemptAt) {
  public Delivery {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }

  /** A message to post. */
  public Delivery(
      long id, Destination destination, Alert alert, int attempts, Instant nextAttemptAt) {
    this(id, destination, alert, false, attempts, nextAttemptAt);
  }
}

package dev.kiwiops.core.watch;

import java.time.Instant;
import java.util.List;

/**
 * The persisted queue of alert messages not yet delivered. Messages are queued by {@link
 * AlertStateStore} together with the state change that caused them, and removed only once their
 * sink accepted them, so a chat platform outage or a restart loses nothing.
 *
 * <p>Implementations report storage failures with {@link AlertStoreException}.
 */
public interface Outbox {

  /** Every undelivered message, oldest first (queue order is delivery order per destination). */
  List<Delivery> pending();

  /** The message was accepted by its sink: never deliver it again. */
  void delivered(long id);

  /** The attempt failed: remember it, and try again not before {@code nextAttemptAt}. */
  void failed(long id, int attempts, Instant nextAttemptAt, String error);
}

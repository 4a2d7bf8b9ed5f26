package dev.kiwiops.core.watch;

import java.time.Instant;
import java.util.List;

/**
 * The persisted queue of alert messages not yet delivered, and the references of the messages
 * posted so far (so that a later acknowledgement, snooze or resolution can edit them, also after a
 * restart). Messages are queued by {@link AlertStateStore} together with the state change that
 * caused them, and removed only once their sink accepted them, so a chat platform outage or a
 * restart loses nothing.
 *
 * <p>Implementations report storage failures with {@link AlertStoreException}.
 */
public interface Outbox {
  /** The most message references {@link #messageRefs} answers per alert and destination. */
  int MAX_REFS = 20;

  /** Every undelivered message, oldest first (queue order is delivery order per destination). */
  List<Delivery> pending();

  /** The message was accepted by its sink: never deliver it again. */
  void delivered(long id);

  /**
   * The message was posted and the sink answered its reference: never deliver it again, and keep
   * the reference for edits (both in one transaction).
   */
  void posted(Delivery delivery, String messageRef);

  /**
   * The references of the messages posted to {@code destination} about alert {@code alertId},
   * oldest first, at most the newest {@link #MAX_REFS}.
   */
  List<String> messageRefs(String alertId, Destination destination);

  /** The attempt failed: remember it, and try again not before {@code nextAttemptAt}. */
  void failed(long id, int attempts, Instant nextAttemptAt, String error);
}

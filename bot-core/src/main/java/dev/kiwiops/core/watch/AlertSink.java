package dev.kiwiops.core.watch;

import java.util.Optional;

/**
 * The port through which alerts leave the core: a chat platform's channel sender, or the console.
 * The outbox calls it one message at a time, in order per destination, and retries with backoff
 * until it returns normally; so an implementation reports any failure by throwing, and must not
 * retry internally.
 *
 * <p>Alert messages are editable: {@link #deliver} answers the platform's reference of the message
 * it posted, the outbox keeps that reference in the store (so it survives a restart), and when the
 * incident is acknowledged, snoozed or resolved it hands the reference back to {@link #update} so
 * that the original message shows the outcome and loses its buttons.
 *
 * <p>Both methods are called from the outbox's own thread, never from a platform's event thread;
 * they may block on the platform's API.
 */
public interface AlertSink {

  /** The sink id that destinations name: {@code console}, {@code discord}, {@code telegram}. */
  String id();

  /**
   * Posts one alert to {@code target} (a channel or chat id; empty for the console).
   *
   * @return the platform's reference of the posted message (a message id, opaque to the core, at
   *     most 200 characters), or empty when messages of this sink cannot be edited later
   * @throws Exception when the message could not be delivered; it will be retried later
   */
  Optional<String> deliver(String target, Alert alert) throws Exception;

  /**
   * Replaces an earlier alert message, posted by {@link #deliver} to the same {@code target}, with
   * {@code alert} as it reads now: acknowledged, snoozed or resolved ({@link Alert#phase()}), and
   * without buttons ({@link Alert#toReply()} renders none for those phases). Edits carry no
   * attachment; the original one may stay.
   *
   * <p>A message that no longer exists (deleted by a user) is not an error: return normally, since
   * a retry could never succeed.
   *
   * @param messageRef what {@link #deliver} returned for that message
   * @throws Exception when the platform could not be reached; the edit will be retried later
   */
  void update(String target, String messageRef, Alert alert) throws Exception;

  /**
   * Posts a message that is not an alert (a scheduled report: text, tables and a chart) to {@code
   * target}, rendered like a command's reply. Called from the report scheduler's own thread; may
   * block on the platform's API, must not retry internally.
   *
   * @return the platform's reference of the posted message, or empty
   * @throws Exception when the message could not be delivered
   */
  default Optional<String> post(String target, dev.kiwiops.core.reply.Reply reply)
      throws Exception {
    throw new UnsupportedOperationException(id() + " cannot post reports");
  }
}

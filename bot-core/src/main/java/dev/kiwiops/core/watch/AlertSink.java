package dev.kiwiops.core.watch;

/**
 * The port through which alerts leave the core: a chat platform's channel sender, or the console.
 * The outbox calls it one message at a time, in order per destination, and retries with backoff
 * until it returns normally; so an implementation reports any failure by throwing, and must not
 * retry internally.
 */
public interface AlertSink {

  /** The sink id that destinations name: {@code console}, {@code discord}, {@code telegram}. */
  String id();

  /**
   * Delivers one alert to {@code target} (a channel or chat id; empty for the console).
   *
   * @throws Exception when the message could not be delivered; it will be retried later
   */
  void deliver(String target, Alert alert) throws Exception;
}

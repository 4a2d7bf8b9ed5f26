package dev.kiwiops.core.platform;

import java.time.Duration;

/**
 * A chat platform that {@code kiwiops run} hosts (Telegram, Discord): the host starts it, asks it
 * for its health, and stops it on shutdown. The adapter owns its connection, its threads and its
 * rate limits; the core sees it only through this port, the {@code Dispatcher} it calls and the
 * {@code AlertSink} it offers.
 *
 * <p>Threading: {@link #start()} and {@link #stop(Duration)} are called once each, by the host;
 * several platforms start side by side, each {@code start} on a thread of its own, so a platform's
 * start must not rely on another's. {@link #health()} may be called at any time from any thread
 * (the HTTP health check).
 */
public interface ChatPlatform {

  /** The platform's id, as alert destinations and identities name it: {@code telegram}. */
  String id();

  /**
   * Connects and starts taking commands. Returns once the platform is connected or has failed.
   *
   * @throws PlatformStartException when the platform cannot start (bad token, unreachable API); its
   *     message is one sentence for the operator and never contains the token
   */
  void start() throws PlatformStartException;

  /**
   * Stops taking new commands, lets commands already running finish within {@code grace}, and
   * closes the connection. A command that arrives after this began is answered "shutting down,
   * nothing was sent" where the platform allows an answer.
   */
  void stop(Duration grace);

  /** Whether the platform is connected now, and if not, since when and why. */
  PlatformHealth health();
}

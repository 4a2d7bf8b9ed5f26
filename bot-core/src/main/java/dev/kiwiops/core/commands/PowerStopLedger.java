package dev.kiwiops.core.commands;

import dev.kiwiops.core.Identity;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which servers a permitted user stopped or killed through the bot, so the watcher does
 * not raise a {@code down} alert for them. Cleared when the server is seen running again.
 */
public final class PowerStopLedger {
  private final Map<String, Stop> stops = new ConcurrentHashMap<>();
  private final Clock clock;

  public PowerStopLedger(Clock clock) {
    this.clock = clock;
  }

  public void stoppedThroughBot(String server, Identity by) {
    stops.put(server, new Stop(by, clock.instant()));
  }

  public Optional<Stop> stopOf(String server) {
    return Optional.ofNullable(stops.get(server));
  }

  public void clear(String server) {
    stops.remove(server);
  }

  /** Who stopped a server through the bot, and when. */
  public record Stop(Identity by, Instant at) {}
}

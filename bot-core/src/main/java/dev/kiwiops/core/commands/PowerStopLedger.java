package dev.kiwiops.core.commands;

import dev.kiwiops.core.Identity;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which servers a permitted user stopped or killed through the bot, so the watcher does
 * not raise a {@code down} alert for them. Cleared when the server is seen running again.
 *
 * <p>Stops are kept in {@link StopRecords} (the store in production), so that they survive a
 * restart of the bot, and read from memory (the watcher asks for every server on every cycle).
 * Failing records never fail a power command: a stop that cannot be recorded is still remembered
 * until the bot restarts, and one that cannot be cleared is cleared again the next time the server
 * is seen running.
 */
public final class PowerStopLedger {
  private static final Logger LOG = LoggerFactory.getLogger(PowerStopLedger.class);

  private final Map<String, Stop> stops = new ConcurrentHashMap<>();
  private final StopRecords records;
  private final Clock clock;

  /**
   * A ledger holding the stops recorded by earlier runs.
   *
   * @throws StopRecordsException if the records cannot be read
   */
  public PowerStopLedger(StopRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
    stops.putAll(records.all());
  }

  public synchronized void stoppedThroughBot(String server, Identity by) {
    Stop stop = new Stop(by, clock.instant());
    stops.put(server, stop);
    try {
      records.put(server, stop);
    } catch (RuntimeException e) {
      LOG.warn(
          "power: could not record that {} stopped {}; after a restart the watcher may report it"
              + " down: {}",
          by,
          server,
          e.toString());
    }
  }

  public Optional<Stop> stopOf(String server) {
    return Optional.ofNullable(stops.get(server));
  }

  public synchronized void clear(String server) {
    if (!stops.containsKey(server)) {
      return;
    }
    try {
      records.remove(server);
    } catch (RuntimeException e) {
      LOG.warn("power: could not forget the stop of {}; will try again: {}", server, e.toString());
      return;
    }
    stops.remove(server);
  }

  /** Who stopped a server through the bot, and when. */
  public record Stop(Identity by, Instant at) {}
}

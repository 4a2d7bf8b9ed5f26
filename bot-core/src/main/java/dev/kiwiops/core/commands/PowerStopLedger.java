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
 * not raise a {@code down} alert for them. Cleared when the server is seen running again. A stop or
 * kill whose outcome is unknown (no answer came) counts as done: the server may be off because of
 * it; one that KiwiVM refused or failed is taken back.
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

  /**
   * Takes back a stop recorded for a request that KiwiVM refused or failed: the stop recorded
   * before it comes back, or none. A stop whose outcome is unknown is never taken back: the server
   * may be off because of it.
   */
  public synchronized void undo(String server, Optional<Stop> before) {
    if (before.isPresent()) {
      stops.put(server, before.get());
      try {
        records.put(server, before.get());
      } catch (RuntimeException e) {
        LOG.warn("power: could not restore the earlier stop of {}: {}", server, e.toString());
      }
    } else {
      clear(server);
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

package dev.kiwiops.core.commands;

import java.util.Map;

/**
 * Where the {@link PowerStopLedger} keeps its stops so that they outlive a restart of the bot (a
 * table of the store in production, {@link InMemoryStopRecords} in tests). Implementations are
 * thread-safe and report failures as {@link StopRecordsException}.
 */
public interface StopRecords {
  /** Every recorded stop, by server name. */
  Map<String, PowerStopLedger.Stop> all();

  /** Records the stop of {@code server}, replacing an earlier one. */
  void put(String server, PowerStopLedger.Stop stop);

  /** Forgets the stop of {@code server}; nothing happens if there is none. */
  void remove(String server);
}

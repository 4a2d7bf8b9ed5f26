package dev.kiwiops.core.commands;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stop records kept in memory: for tests (a new ledger on the same records is a restart). */
public final class InMemoryStopRecords implements StopRecords {
  private final Map<String, PowerStopLedger.Stop> stops = new ConcurrentHashMap<>();

  @Override
  public Map<String, PowerStopLedger.Stop> all() {
    return Map.copyOf(stops);
  }

  @Override
  public void put(String server, PowerStopLedger.Stop stop) {
    stops.put(server, stop);
  }

  @Override
  public void remove(String server) {
    stops.remove(server);
  }
}

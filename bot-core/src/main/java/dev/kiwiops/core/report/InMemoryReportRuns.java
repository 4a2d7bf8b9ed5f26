package dev.kiwiops.core.report;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ReportRuns} in memory, for tests and a process without a store. */
public final class InMemoryReportRuns implements ReportRuns {
  private final Map<String, String> runs = new ConcurrentHashMap<>();

  @Override
  public boolean claim(String period, String destination, Instant at) {
    return runs.putIfAbsent(period + "|" + destination, "claimed") == null;
  }

  @Override
  public void sent(String period, String destination, Instant at) {
    runs.put(period + "|" + destination, "sent");
  }

  @Override
  public void failed(String period, String destination, String error) {
    runs.put(period + "|" + destination, "failed: " + error);
  }

  /** {@code claimed}, {@code sent} or {@code failed: …}; null when never claimed. */
  public String state(String period, String destination) {
    return runs.get(period + "|" + destination);
  }
}

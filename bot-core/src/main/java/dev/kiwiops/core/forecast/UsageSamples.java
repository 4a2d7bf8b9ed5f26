package dev.kiwiops.core.forecast;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the forecasts' settled samples are kept across restarts and failovers (the store's {@code
 * usage_samples} table in production), so that a forecast is known again at once rather than after
 * hours of new samples. Best effort: a failure is reported by an exception and the forecasts go on
 * in memory.
 */
public interface UsageSamples {
  /** One kept reading of a counter. */
  record Row(String counter, String server, Optional<Instant> period, Instant at, long value) {}

  /** Keeps {@code row}. */
  void add(Row row);

  /** Every row at or after {@code since}, oldest first. */
  List<Row> since(Instant since);

  /** Forgets the rows before {@code before}. */
  void deleteBefore(Instant before);

  /** Keeps nothing (tests, and a watcher without a store). */
  UsageSamples NONE =
      new UsageSamples() {
        @Override
        public void add(Row row) {}

        @Override
        public List<Row> since(Instant since) {
          return List.of();
        }

        @Override
        public void deleteBefore(Instant before) {}
      };
}

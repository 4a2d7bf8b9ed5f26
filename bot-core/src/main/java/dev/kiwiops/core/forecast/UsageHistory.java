package dev.kiwiops.core.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The recent readings of one counter per server, in memory, for {@link LinearForecast}: at most one
 * sample per {@code spacing} (a closer reading replaces the newest one, so the newest value is
 * always current), only those of the current period, and none older than {@code keep}. A reading of
 * another period (the transfer counter's next reset moved) or a lower value (the counter was reset)
 * starts the series over. Thread-safe.
 *
 * <p>Only the newest sample may still be replaced; the others are settled. {@link #record} returns
 * the samples it settled, for {@link UsageSamples} to keep: replaying those in order ({@link
 * #record} again, after {@link #clear}) rebuilds the history, but for its newest sample, after a
 * restart.
 */
public final class UsageHistory {
  private final Duration spacing;
  private final Duration keep;
  private final Map<String, Series> series = new HashMap<>();

  /**
   * @param spacing the least time between two kept samples
   * @param keep how long a sample is kept (the forecast window is enough)
   */
  public UsageHistory(Duration spacing, Duration keep) {
    this.spacing = Objects.requireNonNull(spacing, "spacing");
    this.keep = Objects.requireNonNull(keep, "keep");
  }

  private static final class Series {
    private final Object period;
    private final Deque<LinearForecast.Sample> samples = new ArrayDeque<>();

    Series(Object period) {
      this.period = period;
    }
  }

  /**
   * Records a reading of {@code server}'s counter.
   *
   * @param period what identifies the counter's current period (the next reset instant), or null
   *     when the counter has none
   * @return the samples this reading settled, oldest first: the newest one when it is kept rather
   *     than replaced, or, when the counter went down (a reset), the last reading before it (so
   *     that a replay sees the reset too); and this reading when it starts a series
   */
  public synchronized List<LinearForecast.Sample> record(
      String server, Instant at, long value, Object period) {
    Series s = series.get(server);
    if (s == null || !Objects.equals(s.period, period)) {
      s = new Series(period);
      series.put(server, s);
    }
    LinearForecast.Sample sample = new LinearForecast.Sample(at, value);
    LinearForecast.Sample newest = s.samples.peekLast();
    if (newest != null && at.isBefore(newest.at())) {
      return List.of(); // a late answer: the history only moves forward
    }
    List<LinearForecast.Sample> settled = new ArrayList<>(2);
    if (newest != null && value < newest.value()) {
      settled.add(newest);
      s.samples.clear();
    }
    if (s.samples.isEmpty()) {
      // The first sample of a series is never replaced; a later one only once a newer one is kept.
      settled.add(sample);
    }
    if (s.samples.size() >= 2) {
      LinearForecast.Sample last = s.samples.pollLast();
      LinearForecast.Sample before = s.samples.peekLast();
      if (Duration.between(before.at(), at).compareTo(spacing) >= 0
          && Duration.between(before.at(), last.at()).compareTo(spacing) >= 0) {
        s.samples.addLast(last);
        settled.add(last);
      }
    }
    s.samples.addLast(sample);
    Instant oldest = at.minus(keep);
    while (s.samples.size() > 1 && s.samples.peekFirst().at().isBefore(oldest)) {
      s.samples.pollFirst();
    }
    return settled;
  }

  /** Forgets every server's samples (before a replay of the kept ones). */
  public synchronized void clear() {
    series.clear();
  }

  /** The kept samples of {@code server}, oldest first (empty when none). */
  public synchronized List<LinearForecast.Sample> samples(String server) {
    Series s = series.get(server);
    return s == null ? List.of() : List.copyOf(s.samples);
  }

  /** Forgets servers that left the fleet. */
  public synchronized void retain(Set<String> servers) {
    series.keySet().retainAll(servers);
  }
}

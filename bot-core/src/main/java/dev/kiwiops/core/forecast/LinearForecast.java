package dev.kiwiops.core.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Projects a counter that grows during a period (the month's transfer, abuse points) to a later
 * instant: a least-squares line through the recent samples. Pure: the same samples give the same
 * answer.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>A counter that fell between two samples was reset: only the samples after the latest fall
 *       count (transfer counters reset monthly; the caller also drops samples of an earlier
 *       period).
 *   <li>Only samples within {@link Settings#window()} of the newest one count, so the rate follows
 *       the recent behaviour rather than the whole month's.
 *   <li>At least {@link Settings#minSamples()} samples spanning at least {@link Settings#minSpan()}
 *       are needed; fewer answer {@link Insufficient}, and the caller can tell nothing.
 *   <li>The projection starts from the newest sample's actual value (not the fitted line's), and a
 *       falling or flat fit projects no growth.
 * </ul>
 */
public final class LinearForecast {
  private LinearForecast() {}

  /** One reading of the counter. */
  public record Sample(Instant at, long value) {
    public Sample {
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * How much history a projection needs and looks at.
   *
   * @param minSamples the fewest samples to fit a line through (at least 2)
   * @param minSpan the shortest time the samples must span
   * @param window how far back from the newest sample samples are used
   */
  public record Settings(int minSamples, Duration minSpan, Duration window) {
    /** 4 samples over at least 6 hours, looking at the last 3 days. */
    public static final Settings DEFAULT = new Settings(4, Duration.ofHours(6), Duration.ofDays(3));

    public Settings {
      if (minSamples < 2) {
        throw new IllegalArgumentException("a forecast needs at least 2 samples");
      }
      Objects.requireNonNull(minSpan, "minSpan");
      Objects.requireNonNull(window, "window");
      if (window.compareTo(minSpan) < 0) {
        throw new IllegalArgumentException("the forecast window is shorter than its minimum span");
      }
    }
  }

  /** What a projection found. */
  public sealed interface Result permits Projection, Insufficient {}

  /** Too little history to project: {@code reason} says what is missing, for people. */
  public record Insufficient(String reason) implements Result {}

  /**
   * The counter projected to {@code until}.
   *
   * @param current the newest sample's value
   * @param at the newest sample's time
   * @param perDay the fitted growth per day (0 when the fit is flat or falling)
   * @param projected the value expected at {@code until}
   * @param reachesLimitAt when the counter reaches {@code limit} at this rate: the newest sample's
   *     time if it already has, empty if not before {@code until}
   * @param samples how many samples the fit used
   */
  public record Projection(
      long current,
      Instant at,
      long limit,
      Instant until,
      double perDay,
      long projected,
      Optional<Instant> reachesLimitAt,
      int samples)
      implements Result {

    /** The projected value at an earlier or later instant than {@code until}. */
    public long valueAt(Instant when) {
      double seconds = Math.max(0, Duration.between(at, when).toMillis() / 1000.0);
      return saturated(current + perDay / 86_400.0 * seconds);
    }
  }

  /**
   * Projects {@code samples} (in any order) to {@code until}, and when the counter reaches {@code
   * limit} (a limit of 0 or less is never reached).
   */
  public static Result project(List<Sample> samples, long limit, Instant until, Settings settings) {
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(java.util.Comparator.comparing(Sample::at));
    int start = 0;
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).value() < sorted.get(i - 1).value()) {
        start = i;
      }
    }
    List<Sample> period = sorted.subList(start, sorted.size());
    if (period.isEmpty()) {
      return new Insufficient("no samples yet");
    }
    Sample newest = period.get(period.size() - 1);
    Instant from = newest.at().minus(settings.window());
    List<Sample> used = period.stream().filter(s -> !s.at().isBefore(from)).toList();
    Duration span = Duration.between(used.get(0).at(), newest.at());
    if (used.size() < settings.minSamples() || span.compareTo(settings.minSpan()) < 0) {
      return new Insufficient(
          used.size()
              + (used.size() == 1 ? " sample" : " samples")
              + " over "
              + dev.kiwiops.core.format.Units.span(span)
              + " since the counter last reset; a forecast needs "
              + settings.minSamples()
              + " over "
              + dev.kiwiops.core.format.Units.span(settings.minSpan()));
    }
    double perSecond = Math.max(0, slope(used));
    double perDay = perSecond * 86_400;
    double ahead = Math.max(0, Duration.between(newest.at(), until).toMillis() / 1000.0);
    long projected = saturated(newest.value() + perSecond * ahead);
    Optional<Instant> reaches = Optional.empty();
    if (limit > 0) {
      if (newest.value() >= limit) {
        reaches = Optional.of(newest.at());
      } else if (perSecond > 0) {
        double seconds = (limit - newest.value()) / perSecond;
        if (seconds <= ahead) {
          reaches = Optional.of(newest.at().plusMillis((long) Math.ceil(seconds * 1000)));
        }
      }
    }
    return new Projection(
        newest.value(), newest.at(), limit, until, perDay, projected, reaches, used.size());
  }

  /** The least-squares slope in value per second; times relative to the first sample. */
  static double slope(List<Sample> samples) {
    Instant t0 = samples.get(0).at();
    long v0 = samples.get(0).value();
    int n = samples.size();
    double sumX = 0;
    double sumY = 0;
    for (Sample s : samples) {
      sumX += Duration.between(t0, s.at()).toMillis() / 1000.0;
      sumY += (double) (s.value() - v0);
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double num = 0;
    double den = 0;
    for (Sample s : samples) {
      double x = Duration.between(t0, s.at()).toMillis() / 1000.0 - meanX;
      double y = (double) (s.value() - v0) - meanY;
      num += x * y;
      den += x * x;
    }
    return den == 0 ? 0 : num / den;
  }

  private static long saturated(double value) {
    if (value >= Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    return Math.round(value);
  }
}

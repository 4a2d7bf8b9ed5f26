package dev.kiwiops.core.watch;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the watcher polls and alerts ({@code alerts.*} in the config).
 *
 * @param interval time between two cycles; each cycle makes one {@code getServiceInfo} per server
 * @param expensiveEvery every how many cycles the expensive calls are due ({@code
 *     getLiveServiceInfo}, {@code getRateLimitStatus}, and {@code getPolicyViolations} while a
 *     violation is open); 1 = every cycle. The first cycle is always one of them.
 * @param remind how often an unacknowledged critical alert is repeated
 * @param bandwidthThresholds percentages of the monthly transfer quota that raise a {@code
 *     bandwidth} alert each, ascending
 * @param rateLimitCaps the points of the two rate-limit windows; an alert is raised below 10 %
 * @param jitter a random extra delay of up to this much before each cycle, so replicas and restarts
 *     do not poll in lockstep
 * @param serverTimeout how long one server's polling may take before it is abandoned for this cycle
 * @param severities per-kind severity overrides (others keep {@link AlertKind#defaultSeverity()})
 * @param forecast how the monthly transfer is forecast ({@code bandwidth-forecast})
 */
public record WatcherSettings(
    Duration interval,
    int expensiveEvery,
    Duration remind,
    List<Integer> bandwidthThresholds,
    RateLimitCaps rateLimitCaps,
    Duration jitter,
    Duration serverTimeout,
    Map<AlertKind, Severity> severities,
    Forecast forecast) {

  public WatcherSettings {
    Objects.requireNonNull(forecast, "forecast");
    requirePositive(interval, "interval");
    requirePositive(remind, "remind");
    requirePositive(serverTimeout, "serverTimeout");
    Objects.requireNonNull(jitter, "jitter");
    if (jitter.isNegative()) {
      throw new IllegalArgumentException("alerts jitter must not be negative");
    }
    if (expensiveEvery < 1) {
      throw new IllegalArgumentException("alerts expensive-every must be at least 1");
    }
    bandwidthThresholds = bandwidthThresholds.stream().sorted().distinct().toList();
    for (int t : bandwidthThresholds) {
      if (t <= 0 || t > 1000) {
        throw new IllegalArgumentException("bandwidth thresholds are percentages above 0");
      }
    }
    Objects.requireNonNull(rateLimitCaps, "rateLimitCaps");
    severities = Map.copyOf(severities);
  }

  /** 60 s interval, expensive calls every 5th cycle, reminders every 15 min, 80/90/100 %. */
  public static WatcherSettings defaults() {
    return new WatcherSettings(
        Duration.ofSeconds(60),
        5,
        Duration.ofMinutes(15),
        List.of(80, 90, 100),
        RateLimitCaps.DEFAULT,
        Duration.ofSeconds(5),
        Duration.ofSeconds(45),
        Map.of(),
        Forecast.DEFAULT);
  }

  public WatcherSettings withInterval(Duration value) {
    return new WatcherSettings(
        value,
        expensiveEvery,
        remind,
        bandwidthThresholds,
        rateLimitCaps,
        jitter,
        serverTimeout,
        severities,
        forecast);
  }

  public WatcherSettings withExpensiveEvery(int value) {
    return new WatcherSettings(
        interval,
        value,
        remind,
        bandwidthThresholds,
        rateLimitCaps,
        jitter,
        serverTimeout,
        severities,
        forecast);
  }

  public WatcherSettings withRemind(Duration value) {
    return new WatcherSettings(
        interval,
        expensiveEvery,
        value,
        bandwidthThresholds,
        rateLimitCaps,
        jitter,
        serverTimeout,
        severities,
        forecast);
  }

  public WatcherSettings withBandwidthThresholds(List<Integer> value) {
    return new WatcherSettings(
        interval,
        expensiveEvery,
        remind,
        value,
        rateLimitCaps,
        jitter,
        serverTimeout,
        severities,
        forecast);
  }

  public WatcherSettings withRateLimitCaps(RateLimitCaps value) {
    return new WatcherSettings(
        interval,
        expensiveEvery,
        remind,
        bandwidthThresholds,
        value,
        jitter,
        serverTimeout,
        severities,
        forecast);
  }

  public WatcherSettings withJitter(Duration value) {
    return new WatcherSettings(
        interval,
        expensiveEvery,
        remind,
        bandwidthThresholds,
        rateLimitCaps,
        value,
        serverTimeout,
        severities,
        forecast);
  }

  public WatcherSettings withServerTimeout(Duration value) {
    return new WatcherSettings(
        interval,
        expensiveEvery,
        remind,
        bandwidthThresholds,
        rateLimitCaps,
        jitter,
        value,
        severities,
        forecast);
  }

  public WatcherSettings withSeverity(AlertKind kind, Severity severity) {
    Map<AlertKind, Severity> copy = new EnumMap<>(AlertKind.class);
    copy.putAll(severities);
    copy.put(kind, severity);
    return new WatcherSettings(
        interval,
        expensiveEvery,
        remind,
        bandwidthThresholds,
        rateLimitCaps,
        jitter,
        serverTimeout,
        copy,
        forecast);
  }

  public WatcherSettings withForecast(Forecast value) {
    return new WatcherSettings(
        interval,
        expensiveEvery,
        remind,
        bandwidthThresholds,
        rateLimitCaps,
        jitter,
        serverTimeout,
        severities,
        value);
  }

  /** The severity of {@code kind}, overridden or default. */
  public Severity severityOf(AlertKind kind) {
    return severities.getOrDefault(kind, kind.defaultSeverity());
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("alerts " + name + " must be positive");
    }
  }

  /**
   * The rate-limit windows' capacities in points (undocumented upstream; about 1000 per 15 min and
   * 20000 per 24 h judging by {@code getRateLimitStatus} answers).
   */
  public record RateLimitCaps(long points15Min, long points24H) {
    public static final RateLimitCaps DEFAULT = new RateLimitCaps(1000, 20000);

    public RateLimitCaps {
      if (points15Min <= 0 || points24H <= 0) {
        throw new IllegalArgumentException("rate-limit caps must be positive");
      }
    }
  }

  /**
   * The transfer forecast ({@code alerts.bandwidth-forecast}): {@code bandwidth-forecast} is raised
   * when, at the current rate, the quota is reached at least {@code days} before the counter
   * resets.
   *
   * @param days how many days before the reset the projected crossing must be to raise (0: never
   *     raise; reports still show the forecast)
   * @param fit how much history a projection needs and uses
   */
  public record Forecast(int days, dev.kiwiops.core.forecast.LinearForecast.Settings fit) {
    /** 3 days ahead; at least 4 samples over 6 hours, the rate of the last 3 days. */
    public static final Forecast DEFAULT =
        new Forecast(3, dev.kiwiops.core.forecast.LinearForecast.Settings.DEFAULT);

    public Forecast {
      if (days < 0 || days > 31) {
        throw new IllegalArgumentException("bandwidth-forecast days are 0 to 31");
      }
      Objects.requireNonNull(fit, "fit");
    }
  }
}

package dev.kiwiops.core.forecast;

import dev.kiwiops.core.kiwivm.ServiceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The fleet's transfer and abuse-point forecasts: the watcher records each {@code getServiceInfo}
 * answer here ({@link #record}), and the {@code bandwidth-forecast} rule and the reports ask for
 * projections. Transfer is projected to the counter's next reset with the location's multiplier
 * applied to both the samples and the quota (the multiplier of the newest answer, so a migration
 * rescales the whole month consistently); abuse points to {@link #ABUSE_HORIZON} ahead against
 * their maximum. Thread-safe.
 */
public final class Forecasts {
  /** How far ahead abuse points are projected (they have no period of their own). */
  public static final Duration ABUSE_HORIZON = Duration.ofDays(30);

  private final LinearForecast.Settings settings;
  private final UsageHistory transfer;
  private final UsageHistory abuse;

  public Forecasts(LinearForecast.Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Duration spacing = settings.minSpan().dividedBy(Math.max(1, settings.minSamples() * 2L));
    if (spacing.compareTo(Duration.ofMinutes(10)) > 0) {
      spacing = Duration.ofMinutes(10);
    }
    this.transfer = new UsageHistory(spacing, settings.window());
    this.abuse = new UsageHistory(spacing, settings.window());
  }

  public LinearForecast.Settings settings() {
    return settings;
  }

  /** Records what {@code getServiceInfo} said about {@code server} at {@code at}. */
  public void record(String server, Instant at, ServiceInfo info) {
    transfer.record(server, at, info.dataCounterBytes(), info.dataNextReset());
    if (info.maxAbusePoints() > 0) {
      abuse.record(server, at, info.totalAbusePoints(), null);
    }
  }

  /**
   * The month's transfer of {@code server} projected to {@code info}'s next reset, multiplier
   * applied; {@link LinearForecast.Insufficient} without a quota or reset date or with too little
   * history.
   */
  public LinearForecast.Result transfer(String server, ServiceInfo info) {
    if (info.dataNextReset() == null || info.scaledMonthlyData() <= 0) {
      return new LinearForecast.Insufficient("KiwiVM reports no transfer quota or reset date");
    }
    double multiplier = info.monthlyDataMultiplier();
    List<LinearForecast.Sample> scaled =
        transfer.samples(server).stream()
            .map(s -> new LinearForecast.Sample(s.at(), Math.round(s.value() * multiplier)))
            .toList();
    return LinearForecast.project(scaled, info.scaledMonthlyData(), info.dataNextReset(), settings);
  }

  /** The abuse points of {@code server} projected {@link #ABUSE_HORIZON} past {@code now}. */
  public LinearForecast.Result abusePoints(String server, ServiceInfo info, Instant now) {
    if (info.maxAbusePoints() <= 0) {
      return new LinearForecast.Insufficient("KiwiVM reports no maximum of abuse points");
    }
    return LinearForecast.project(
        abuse.samples(server), info.maxAbusePoints(), now.plus(ABUSE_HORIZON), settings);
  }

  /** Forgets servers that left the fleet. */
  public void retain(Set<String> servers) {
    transfer.retain(servers);
    abuse.retain(servers);
  }
}

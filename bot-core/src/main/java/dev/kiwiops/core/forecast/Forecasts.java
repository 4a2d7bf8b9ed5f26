package dev.kiwiops.core.forecast;

import dev.kiwiops.core.kiwivm.ServiceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  static final String TRANSFER = "transfer";
  static final String ABUSE = "abuse";
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(Forecasts.class);

  private final LinearForecast.Settings settings;
  private final UsageHistory transfer;
  private final UsageHistory abuse;
  private volatile UsageSamples kept = UsageSamples.NONE;
  private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.MIN);
  private volatile boolean failing;

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

  /** Keeps the settled samples in {@code samples} from now on; {@link #restore} reads them back. */
  public void keepIn(UsageSamples samples) {
    this.kept = Objects.requireNonNull(samples, "samples");
  }

  /**
   * Replaces the history with the kept samples of the forecast window before {@code now} (a start,
   * or a new leader's term), so that forecasts are known at once. A store that cannot be read
   * leaves the history empty: the forecasts then wait for new samples. Without a store ({@link
   * #keepIn} never called) the history in memory stays as it is.
   */
  public void restore(Instant now) {
    if (kept == UsageSamples.NONE) {
      return; // nothing kept elsewhere: the history in memory is all there is
    }
    transfer.clear();
    abuse.clear();
    List<UsageSamples.Row> rows;
    try {
      rows = kept.since(now.minus(settings.window()));
    } catch (RuntimeException e) {
      LOG.warn(
          "forecasts: the kept usage samples cannot be read ({}); starting without",
          e.getMessage());
      return;
    }
    for (UsageSamples.Row row : rows) {
      if (row.counter().equals(TRANSFER)) {
        transfer.record(row.server(), row.at(), row.value(), row.period().orElse(null));
      } else if (row.counter().equals(ABUSE)) {
        abuse.record(row.server(), row.at(), row.value(), null);
      }
    }
  }

  /** Records what {@code getServiceInfo} said about {@code server} at {@code at}. */
  public void record(String server, Instant at, ServiceInfo info) {
    Optional<Instant> reset = Optional.ofNullable(info.dataNextReset());
    for (LinearForecast.Sample settled :
        transfer.record(server, at, info.dataCounterBytes(), info.dataNextReset())) {
      keep(new UsageSamples.Row(TRANSFER, server, reset, settled.at(), settled.value()));
    }
    if (info.maxAbusePoints() > 0) {
      for (LinearForecast.Sample settled :
          abuse.record(server, at, info.totalAbusePoints(), null)) {
        keep(new UsageSamples.Row(ABUSE, server, Optional.empty(), settled.at(), settled.value()));
      }
    }
    Instant due = nextPrune.get();
    if (!at.isBefore(due) && nextPrune.compareAndSet(due, at.plus(PRUNE_EVERY))) {
      try {
        kept.deleteBefore(at.minus(settings.window()));
      } catch (RuntimeException e) {
        LOG.debug("forecasts: old usage samples not deleted: {}", e.getMessage());
      }
    }
  }

  /** Keeps one settled sample; only the first failure of a streak is logged. */
  private void keep(UsageSamples.Row row) {
    try {
      kept.add(row);
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn(
            "forecasts: usage samples cannot be kept ({}); a restart will wait for new ones",
            e.getMessage());
      }
      failing = true;
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

package dev.kiwiops.core.watch;

import dev.kiwiops.core.forecast.Forecasts;
import dev.kiwiops.core.forecast.LinearForecast;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code bandwidth-forecast}: at the current rate, the month's transfer (multiplier applied)
 * reaches the quota at least {@code days} before the counter resets. One incident per server and
 * period (the subject is the reset date), so a new month is a new incident.
 *
 * <p>It cannot tell (and changes nothing) until the {@link Forecasts} hold enough samples of the
 * current period: an open incident stays open, unannounced, until the forecast is known again
 * (after a restart at once, from the kept samples; without a store, after new ones). Once raised,
 * the incident stays until the projection at {@code days} before the reset falls below 95 % of the
 * quota (a margin, so a rate hovering at the line does not flap); after a reset it ends as soon as
 * the new period's forecast is known.
 */
final class BandwidthForecastRule implements AlertRule {
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

  private final Forecasts forecasts;
  private final int days;

  /** The period (reset date) each server's incident is raised for, as this rule last saw it. */
  private final Map<String, String> flagged = new ConcurrentHashMap<>();

  /** Each server's current period (reset date), for the resolution's wording. */
  private final Map<String, String> periods = new ConcurrentHashMap<>();

  /**
   * @param days how many days before the reset the quota must be reached to raise (0: never)
   */
  BandwidthForecastRule(Forecasts forecasts, int days) {
    this.forecasts = forecasts;
    this.days = days;
  }

  @Override
  public AlertKind kind() {
    return AlertKind.BANDWIDTH_FORECAST;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    if (o.info().isEmpty()) {
      return Optional.empty();
    }
    ServiceInfo info = o.info().get();
    String server = o.server().name();
    forecasts.record(server, o.now(), info);
    if (info.dataNextReset() != null) {
      periods.put(server, period(info.dataNextReset()));
    }
    if (days <= 0) {
      return Optional.of(List.of());
    }
    LinearForecast.Result result = forecasts.transfer(server, info);
    if (!(result instanceof LinearForecast.Projection p)) {
      return Optional.empty();
    }
    Instant reset = info.dataNextReset();
    Instant deadline = reset.minus(Duration.ofDays(days));
    boolean crosses = p.reachesLimitAt().isPresent() && !p.reachesLimitAt().get().isAfter(deadline);
    String period = period(reset);
    boolean stays =
        period.equals(flagged.get(server))
            && (double) p.valueAt(deadline) >= 0.95 * (double) p.limit();
    if (!crosses && !stays) {
      flagged.remove(server);
      return Optional.of(List.of());
    }
    flagged.put(server, period);
    return Optional.of(List.of(finding(server, info, p, reset)));
  }

  private Finding finding(
      String server, ServiceInfo info, LinearForecast.Projection p, Instant reset) {
    Instant when = p.reachesLimitAt().orElse(reset);
    long before = Duration.between(when, reset).toDays();
    String quota = Units.bytes(p.limit());
    String rate = Units.bytes(Math.round(p.perDay())) + "/day";
    boolean reached = p.current() >= p.limit();
    String head =
        reached
            ? server + " has reached its " + quota + " quota, " + before + " days before the reset"
            : p.reachesLimitAt().isPresent()
                ? server
                    + " will reach its "
                    + quota
                    + " quota around "
                    + day(when)
                    + ", "
                    + before
                    + (before == 1 ? " day" : " days")
                    + " before the reset, at the current rate of "
                    + rate
                : server
                    + " is projected at "
                    + Units.bytes(p.projected())
                    + " of its "
                    + quota
                    + " quota by the reset, at the current rate of "
                    + rate;
    String multiplier =
        info.monthlyDataMultiplier() == 1.0
            ? ""
            : " (multiplier " + info.monthlyDataMultiplier() + " applied)";
    String body =
        head
            + ". "
            + Units.bytes(p.current())
            + " used so far"
            + multiplier
            + "; the counter resets on "
            + day(reset)
            + " ("
            + Units.utc(reset)
            + ").";
    return Finding.of(
        new IncidentKey(kind(), server, period(reset)),
        server
            + ": transfer quota "
            + (reached ? "reached" : "forecast to run out")
            + " before the reset",
        body);
  }

  /** The period's name in incident keys: the reset's date (UTC). */
  static String period(Instant reset) {
    return LocalDate.ofInstant(reset, ZoneOffset.UTC).toString();
  }

  static String day(Instant at) {
    return DAY.format(at.atZone(ZoneOffset.UTC));
  }

  @Override
  public String resolvedText(Incident incident) {
    String current = periods.get(incident.key().server());
    if (current != null && !current.equals(incident.key().subject())) {
      return "The transfer counter was reset for a new month.";
    }
    return "At the current rate the transfer no longer reaches the quota before the reset.";
  }
}

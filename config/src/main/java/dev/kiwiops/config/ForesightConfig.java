package dev.kiwiops.config;

import dev.kiwiops.core.forecast.LinearForecast;
import dev.kiwiops.core.report.ReportRoute;
import dev.kiwiops.core.report.ReportSchedule;
import dev.kiwiops.core.report.ReportSettings;
import dev.kiwiops.core.watch.Destination;
import dev.kiwiops.core.watch.WatcherSettings;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the sections of issue 15 ("Foresight"): {@code alerts.bandwidth-forecast} and {@code
 * reports}. Each problem is reported at its line like every other section's.
 */
final class ForesightConfig {
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  private ForesightConfig() {}

  /**
   * {@code alerts.bandwidth-forecast: { days: 3, window: 3d, min-span: 6h }}: raise when the quota
   * is reached at least {@code days} before the reset, from the rate over {@code window}, once the
   * samples span {@code min-span}.
   */
  static WatcherSettings.Forecast forecast(ConfigNode node) {
    WatcherSettings.Forecast defaults = WatcherSettings.Forecast.DEFAULT;
    ConfigNode.Mapping f = node.mapping(Set.of("days", "window", "min-span"));
    int days = defaults.days();
    Duration window = defaults.fit().window();
    Duration minSpan = defaults.fit().minSpan();
    if (f.has("days")) {
      days = f.get("days").integer(0, 31).map(Long::intValue).orElse(days);
    }
    if (f.has("window")) {
      ConfigNode w = f.get("window");
      Duration value = w.duration().orElse(window);
      if (value.compareTo(Duration.ofHours(1)) < 0 || value.compareTo(Duration.ofDays(31)) > 0) {
        w.problem("between 1h and 31d");
      } else {
        window = value;
      }
    }
    if (f.has("min-span")) {
      ConfigNode m = f.get("min-span");
      Duration value = m.duration().orElse(minSpan);
      if (value.compareTo(Duration.ofMinutes(30)) < 0) {
        m.problem("at least 30m, or a few minutes of traffic would decide the month");
      } else {
        minSpan = value;
      }
    }
    if (window.compareTo(minSpan) < 0) {
      f.get(f.has("window") ? "window" : "min-span")
          .problem("the window must be at least as long as min-span");
      return defaults;
    }
    return new WatcherSettings.Forecast(
        days, new LinearForecast.Settings(defaults.fit().minSamples(), minSpan, window));
  }

  /**
   * {@code reports:}: {@code daily} and/or {@code weekly} ({@code at: "08:00"}, {@code zone}, a
   * weekly {@code day}), {@code snapshot-max-age}, {@code purge-warning} and {@code routes}
   * (servers, tags, discord-channel, telegram-chat).
   */
  static ReportSettings reports(ConfigNode node, Set<String> serverNames, Set<String> allTags) {
    ConfigNode.Mapping r =
        node.mapping(Set.of("daily", "weekly", "snapshot-max-age", "purge-warning", "routes"));
    List<ReportSchedule> schedules = new ArrayList<>();
    r.find("daily").flatMap(n -> schedule(n, false)).ifPresent(schedules::add);
    r.find("weekly").flatMap(n -> schedule(n, true)).ifPresent(schedules::add);
    Duration maxAge = ReportSettings.DEFAULT_SNAPSHOT_MAX_AGE;
    if (r.has("snapshot-max-age")) {
      maxAge = positive(r.get("snapshot-max-age"), maxAge);
    }
    Duration purge = ReportSettings.DEFAULT_PURGE_WARNING;
    if (r.has("purge-warning")) {
      purge = positive(r.get("purge-warning"), purge);
    }
    List<ReportRoute> routes = new ArrayList<>();
    if (r.has("routes")) {
      for (ConfigNode item : r.get("routes").list()) {
        route(item, serverNames, allTags).ifPresent(routes::add);
      }
    }
    if (!schedules.isEmpty() && !r.has("routes")) {
      node.problem("routes is required with daily or weekly (where do the reports go?)");
    }
    return new ReportSettings(schedules, routes, maxAge, purge);
  }

  private static Duration positive(ConfigNode node, Duration fallback) {
    Optional<Duration> d = node.duration();
    if (d.isPresent() && (d.get().isNegative() || d.get().isZero())) {
      node.problem("must be positive");
      return fallback;
    }
    return d.orElse(fallback);
  }

  private static Optional<ReportSchedule> schedule(ConfigNode node, boolean weekly) {
    ConfigNode.Mapping m =
        node.mapping(weekly ? Set.of("at", "zone", "day") : Set.of("at", "zone"));
    Optional<LocalTime> at = Optional.empty();
    if (m.has("at")) {
      ConfigNode a = m.get("at");
      Optional<String> text = a.string();
      if (text.isPresent()) {
        if (TIME.matcher(text.get().strip()).matches()) {
          at = Optional.of(LocalTime.parse(text.get().strip()));
        } else {
          a.problem(
              a.shown(text.get()) + " is not a time of day (HH:MM, 24 hours, like \"08:00\")");
        }
      }
    } else {
      node.problem("at is required (HH:MM)");
    }
    ZoneId zone = ZoneOffset.UTC;
    if (m.has("zone")) {
      ConfigNode z = m.get("zone");
      Optional<String> text = z.string();
      if (text.isPresent()) {
        try {
          zone = ZoneId.of(text.get().strip());
        } catch (java.time.DateTimeException e) {
          z.problem(
              z.shown(text.get())
                  + " is not a time zone (like UTC, Europe/Berlin, America/New_York)");
          return Optional.empty();
        }
      }
    }
    Optional<DayOfWeek> day = Optional.empty();
    if (weekly) {
      if (m.has("day")) {
        ConfigNode d = m.get("day");
        Optional<String> text = d.string();
        if (text.isPresent()) {
          try {
            day = Optional.of(DayOfWeek.valueOf(text.get().strip().toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            d.problem(d.shown(text.get()) + " is not a weekday (monday … sunday)");
          }
        }
      } else {
        node.problem("day is required (monday … sunday)");
      }
    }
    if (at.isEmpty() || (weekly && day.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(
        weekly
            ? ReportSchedule.weekly(day.get(), at.get(), zone)
            : ReportSchedule.daily(at.get(), zone));
  }

  private static Optional<ReportRoute> route(
      ConfigNode item, Set<String> serverNames, Set<String> allTags) {
    ConfigNode.Mapping r =
        item.mapping(Set.of("servers", "tags", "discord-channel", "telegram-chat"));
    Set<String> servers =
        r.has("servers") ? new LinkedHashSet<>(r.get("servers").strings()) : Set.of();
    for (String s : servers) {
      if (!serverNames.contains(s)) {
        r.get("servers").problem("unknown server " + item.shown(s));
      }
    }
    Set<String> tags = r.has("tags") ? new LinkedHashSet<>(r.get("tags").strings()) : Set.of();
    for (String t : tags) {
      if (!allTags.contains(t)) {
        r.get("tags").problem("no server has the tag " + item.shown(t));
      }
    }
    List<Destination> to = new ArrayList<>();
    r.find("discord-channel")
        .flatMap(ConfigNode::string)
        .ifPresent(c -> to.add(new Destination("discord", c)));
    r.find("telegram-chat")
        .flatMap(ConfigNode::string)
        .ifPresent(c -> to.add(new Destination("telegram", c)));
    if (to.isEmpty()) {
      item.problem("give a discord-channel or a telegram-chat");
      return Optional.empty();
    }
    return Optional.of(new ReportRoute(servers, tags, to));
  }
}

package dev.kiwiops.config;

import dev.kiwiops.core.forecast.LinearForecast;
import dev.kiwiops.core.watch.WatcherSettings;
import java.time.Duration;
import java.util.Set;

/**
 * Reads the sections of issue 15 ("Foresight"): {@code alerts.bandwidth-forecast} and {@code
 * reports}. Each problem is reported at its line like every other section's.
 */
final class ForesightConfig {
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
}

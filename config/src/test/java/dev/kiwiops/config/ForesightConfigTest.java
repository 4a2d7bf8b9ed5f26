package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.watch.WatcherSettings;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code alerts.bandwidth-forecast} and {@code reports}: values, defaults, FILE:LINE problems. */
class ForesightConfigTest {
  private static final String SERVERS =
      "servers:\n  web1: { veid: 1, api-key: k, tags: [prod] }\n  db1: { veid: 2, api-key: k }\n";

  static KiwiopsConfig read(String yaml) throws ConfigException {
    return new ConfigLoader(name -> null).read("kiwiops.yml", new StringReader(SERVERS + yaml));
  }

  static String problemsOf(String yaml) {
    try {
      read(yaml);
      throw new AssertionError("expected problems");
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }

  @Test
  void forecastDefaultsAndValues() throws ConfigException {
    assertThat(read("").alerts().forecast()).isEqualTo(WatcherSettings.Forecast.DEFAULT);
    WatcherSettings.Forecast f =
        read("alerts:\n  bandwidth-forecast: { days: 5, window: 2d, min-span: 12h }\n")
            .alerts()
            .forecast();
    assertThat(f.days()).isEqualTo(5);
    assertThat(f.fit().window()).isEqualTo(Duration.ofDays(2));
    assertThat(f.fit().minSpan()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void forecastProblemsNameTheirLine() {
    assertThat(
            problemsOf(
                "alerts:\n  bandwidth-forecast:\n    days: 40\n    window: 10m\n    speed: 1\n"))
        .contains("kiwiops.yml:6: alerts.bandwidth-forecast.days: 40 is out of range (0 to 31)")
        .contains("kiwiops.yml:7: alerts.bandwidth-forecast.window: between 1h and 31d")
        .contains("kiwiops.yml:8: alerts.bandwidth-forecast: unknown key 'speed'");
    assertThat(problemsOf("alerts:\n  bandwidth-forecast: { window: 2h, min-span: 3h }\n"))
        .contains("kiwiops.yml:5: alerts.bandwidth-forecast.window: the window must be at least");
  }

  @Test
  void reportsAreRead() throws ConfigException {
    KiwiopsConfig config =
        read(
            "reports:\n"
                + "  daily: { at: \"08:00\", zone: Europe/Berlin }\n"
                + "  weekly: { at: \"09:30\", day: Monday }\n"
                + "  snapshot-max-age: 14d\n"
                + "  routes: [ { tags: [prod], telegram-chat: \"-100\" } ]\n");
    var reports = config.reports();
    assertThat(reports.schedules())
        .extracting(dev.kiwiops.core.report.ReportSchedule::describe)
        .containsExactly("daily at 08:00 Europe/Berlin", "weekly on monday at 09:30 Z");
    assertThat(reports.snapshotMaxAge()).isEqualTo(Duration.ofDays(14));
    assertThat(reports.purgeWarning()).isEqualTo(Duration.ofDays(3));
    assertThat(reports.routes().get(0).tags()).containsExactly("prod");
    assertThat(read("").reports().schedules()).isEmpty();
  }

  @Test
  void reportProblemsNameTheirLine() {
    String problems =
        problemsOf(
            "reports:\n"
                + "  daily: { at: \"8am\", zone: Mars/Olympus }\n"
                + "  weekly: { at: \"09:00\", day: someday }\n"
                + "  purge-warning: 0s\n"
                + "  routes:\n"
                + "    - { servers: [web9], tags: [nope] }\n");
    assertThat(problems)
        .contains("kiwiops.yml:5: reports.daily.at: '8am' is not a time of day")
        .contains("kiwiops.yml:5: reports.daily.zone: 'Mars/Olympus' is not a time zone")
        .contains("kiwiops.yml:6: reports.weekly.day: 'someday' is not a weekday")
        .contains("kiwiops.yml:7: reports.purge-warning: must be positive")
        .contains("kiwiops.yml:9: reports.routes[].servers: unknown server 'web9'")
        .contains("kiwiops.yml:9: reports.routes[].tags: no server has the tag 'nope'")
        .contains("kiwiops.yml:9: reports.routes[]: give a discord-channel or a telegram-chat");
    assertThat(problemsOf("reports:\n  daily: { at: \"08:00\" }\n"))
        .contains("kiwiops.yml:5: reports: routes is required with daily or weekly");
  }
}

package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code ha:} section: PostgreSQL only, and a heartbeat that keeps the takeover bound. */
class HaConfigTest {
  private static final String SERVERS = "servers:\n  web1: { veid: 1, api-key: k }\n";
  private static final String POSTGRES = "store: { url: \"jdbc:postgresql://db:5432/kiwiops\" }\n";

  private static KiwiopsConfig read(String yaml) throws ConfigException {
    return new ConfigLoader(k -> null).read("kiwiops.yml", new StringReader(yaml));
  }

  private static String problemsOf(String yaml) {
    try {
      read(yaml);
      throw new AssertionError("expected problems");
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }

  @Test
  void offByDefault() throws ConfigException {
    KiwiopsConfig config = read(SERVERS);

    assertThat(config.ha().enabled()).isFalse();
    assertThat(config.ha().heartbeat()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void onWithAPostgresStore() throws ConfigException {
    KiwiopsConfig config = read(SERVERS + POSTGRES + "ha: { enabled: true, heartbeat: 3s }\n");

    assertThat(config.ha().enabled()).isTrue();
    assertThat(config.ha().heartbeat()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void refusedOnSqliteWithItsLine() {
    assertThat(problemsOf(SERVERS + "ha:\n  enabled: true\n"))
        .isEqualTo(
            "kiwiops.yml:4: ha.enabled: needs a PostgreSQL store (store.url: jdbc:postgresql:…):"
                + " replicas share their state and their leader lock through it, which one SQLite"
                + " file cannot do across hosts");
  }

  @Test
  void aHeartbeatTooSlowForTheAlertIntervalIsRefused() {
    assertThat(
            problemsOf(
                SERVERS
                    + POSTGRES
                    + "alerts: { interval: 10s }\n"
                    + "ha: { enabled: true, heartbeat: 5s }\n"))
        .isEqualTo(
            "kiwiops.yml:5: ha.heartbeat: a standby takes up to 7 heartbeats (35 s) to take over,"
                + " more than two alerts.interval (20 s): make ha.heartbeat at most 2857ms");
  }

  @Test
  void aHeartbeatOutOfRangeAndUnknownKeysAreRefused() {
    assertThat(problemsOf(SERVERS + POSTGRES + "ha: { enabled: true, heartbeat: 500ms, x: 1 }\n"))
        .contains("kiwiops.yml:4: ha: unknown key 'x' (expected one of: enabled, heartbeat)")
        .contains("kiwiops.yml:4: ha.heartbeat: between 1s and 1m");
  }
}

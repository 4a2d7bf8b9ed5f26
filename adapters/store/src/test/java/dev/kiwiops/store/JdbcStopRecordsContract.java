package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.commands.PowerStopLedger;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link JdbcStopRecords} must do; one subclass per dialect supplies a
 * fresh, empty database for each test. {@link #open()} opens it anew, as a restarted bot would.
 */
abstract class JdbcStopRecordsContract {
  private static final PowerStopLedger.Stop BY_ADA =
      new PowerStopLedger.Stop(
          Identity.parse("discord:123456789012345678"), Instant.parse("2026-01-01T03:04:05.678Z"));
  private static final PowerStopLedger.Stop BY_BOB =
      new PowerStopLedger.Stop(
          Identity.parse("telegram:42"), Instant.parse("2026-01-02T00:00:00Z"));

  private String url;

  /** The JDBC URL of an empty database that no other test uses. */
  abstract String freshDatabaseUrl() throws Exception;

  @BeforeEach
  void createDatabase() throws Exception {
    url = freshDatabaseUrl();
  }

  private JdbcStopRecords open() throws SQLException {
    return new JdbcStopRecords(Database.open(url));
  }

  @Test
  void stopsReadBackAsWrittenAfterAReopen() throws SQLException {
    JdbcStopRecords records = open();
    records.put("web1", BY_ADA);
    records.put("db1", BY_BOB);

    assertThat(open().all()).isEqualTo(Map.of("web1", BY_ADA, "db1", BY_BOB));
  }

  @Test
  void aSecondStopOfTheSameServerReplacesTheFirst() throws SQLException {
    JdbcStopRecords records = open();
    records.put("web1", BY_ADA);

    records.put("web1", BY_BOB);

    assertThat(open().all()).isEqualTo(Map.of("web1", BY_BOB));
  }

  @Test
  void removingForgetsOnlyThatServerAndRemovingTwiceIsHarmless() throws SQLException {
    JdbcStopRecords records = open();
    records.put("web1", BY_ADA);
    records.put("db1", BY_BOB);

    records.remove("web1");
    records.remove("web1");
    records.remove("never-stopped");

    assertThat(open().all()).isEqualTo(Map.of("db1", BY_BOB));
  }

  @Test
  void anEmptyDatabaseHasNoStops() throws SQLException {
    assertThat(open().all()).isEmpty();
  }
}

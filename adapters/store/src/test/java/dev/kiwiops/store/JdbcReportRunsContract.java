package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link JdbcReportRuns} must do: two {@link Database} instances on one
 * store stand for two processes (or a process and its restart).
 */
abstract class JdbcReportRunsContract {
  private static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");
  private JdbcReportRuns first;
  private JdbcReportRuns second;

  /** The JDBC URL of an empty database that no other test uses. */
  abstract String freshDatabaseUrl() throws Exception;

  @BeforeEach
  void openTwice() throws Exception {
    String url = freshDatabaseUrl();
    first = new JdbcReportRuns(Database.open(url));
    second = new JdbcReportRuns(Database.open(url));
  }

  @Test
  void aPeriodIsClaimedOncePerDestination() {
    assertThat(first.claim("daily:2026-12-02", "telegram:-100", T0)).isTrue();
    assertThat(second.claim("daily:2026-12-02", "telegram:-100", T0)).isFalse();
    assertThat(first.claim("daily:2026-12-02", "telegram:-100", T0)).isFalse();
    assertThat(second.claim("daily:2026-12-02", "discord:42", T0)).isTrue();
    assertThat(second.claim("daily:2026-12-03", "telegram:-100", T0)).isTrue();
    assertThat(first.state("daily:2026-12-02", "telegram:-100")).isEqualTo("claimed");
  }

  @Test
  void sentAndFailedAreRecorded() {
    first.claim("weekly:2026-12-07", "console", T0);
    first.claim("weekly:2026-12-07", "discord:42", T0);
    second.sent("weekly:2026-12-07", "console", T0.plusSeconds(3));
    second.failed("weekly:2026-12-07", "discord:42", "Discord is down");
    assertThat(first.state("weekly:2026-12-07", "console")).isEqualTo("sent");
    assertThat(first.state("weekly:2026-12-07", "discord:42")).isEqualTo("failed: Discord is down");
    assertThat(first.state("weekly:2026-12-14", "console")).isNull();
  }
}

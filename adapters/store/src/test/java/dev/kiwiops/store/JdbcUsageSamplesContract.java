package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.forecast.UsageSamples.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link JdbcUsageSamples} must do: two {@link Database} instances on
 * one store stand for a process and its restart (or a new leader).
 */
abstract class JdbcUsageSamplesContract {
  private static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");
  private static final Instant RESET = Instant.parse("2026-12-20T00:00:00Z");
  private JdbcUsageSamples first;
  private JdbcUsageSamples second;

  /** The JDBC URL of an empty database that no other test uses. */
  abstract String freshDatabaseUrl() throws Exception;

  @BeforeEach
  void openTwice() throws Exception {
    String url = freshDatabaseUrl();
    first = new JdbcUsageSamples(Database.open(url));
    second = new JdbcUsageSamples(Database.open(url));
  }

  private static Row transfer(String server, Duration after, long value) {
    return new Row("transfer", server, Optional.of(RESET), T0.plus(after), value);
  }

  @Test
  void theRowsComeBackOldestFirstWithTheirPeriodOrNone() {
    first.add(transfer("web1", Duration.ofMinutes(20), 300));
    first.add(new Row("abuse", "db1", Optional.empty(), T0.plus(Duration.ofMinutes(5)), 2));
    first.add(transfer("web1", Duration.ZERO, 100));
    first.add(transfer("web1", Duration.ofMinutes(10), 200));

    assertThat(second.since(T0))
        .containsExactly(
            transfer("web1", Duration.ZERO, 100),
            new Row("abuse", "db1", Optional.empty(), T0.plus(Duration.ofMinutes(5)), 2),
            transfer("web1", Duration.ofMinutes(10), 200),
            transfer("web1", Duration.ofMinutes(20), 300));
    assertThat(second.since(T0.plus(Duration.ofMinutes(10))))
        .extracting(Row::value)
        .containsExactly(200L, 300L);
  }

  @Test
  void oldRowsAreDeleted() {
    first.add(transfer("web1", Duration.ZERO, 100));
    first.add(transfer("web1", Duration.ofDays(3), 900));
    first.add(transfer("web1", Duration.ofDays(4), 1_000_000_000_000L));

    second.deleteBefore(T0.plus(Duration.ofDays(3)));

    assertThat(first.since(Instant.EPOCH))
        .extracting(Row::value)
        .containsExactly(900L, 1_000_000_000_000L);
  }
}

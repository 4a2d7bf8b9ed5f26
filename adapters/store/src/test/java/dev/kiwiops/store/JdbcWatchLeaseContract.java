package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.watch.WatchLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind {@link JdbcWatchLease} must do. Two {@link Database} instances on one
 * store stand for two processes; each test gets a fresh store from its subclass.
 */
abstract class JdbcWatchLeaseContract {
  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(3);

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private WatchLease first;
  private WatchLease second;

  /** The JDBC URL of an empty database that no other test uses. */
  abstract String freshDatabaseUrl() throws Exception;

  @BeforeEach
  void openTwice() throws Exception {
    String url = freshDatabaseUrl();
    Clock clock = new MovableClock(now);
    first = new JdbcWatchLease(Database.open(url), clock);
    second = new JdbcWatchLease(Database.open(url), clock);
  }

  @Test
  void aFreshStoreHasNoWatcherAndTheFirstTakesTheLease() {
    assertThat(first.current()).isEmpty();

    assertThat(first.tryAcquire("p1", TTL)).isTrue();

    assertThat(second.current()).contains(new WatchLease.Held("p1", T0, T0.plus(TTL)));
  }

  @Test
  void aSecondHolderIsRefusedWhileTheLeaseIsHeld() {
    assertThat(first.tryAcquire("p1", TTL)).isTrue();

    assertThat(second.tryAcquire("p2", TTL)).isFalse();
    assertThat(second.current().orElseThrow().holder()).isEqualTo("p1");
  }

  @Test
  void afterReleaseTheSecondTakesIt() {
    first.tryAcquire("p1", TTL);
    first.release("p1");

    assertThat(second.current()).isEmpty();
    assertThat(second.tryAcquire("p2", TTL)).isTrue();
    assertThat(first.current().orElseThrow().holder()).isEqualTo("p2");
  }

  @Test
  void releaseByAnotherHolderChangesNothing() {
    first.tryAcquire("p1", TTL);

    second.release("p2");

    assertThat(second.tryAcquire("p2", TTL)).isFalse();
  }

  @Test
  void anExpiredLeaseCanBeTakenOverAndItsOldHolderLearnsOnRenewal() {
    first.tryAcquire("p1", TTL);
    now.set(T0.plus(TTL).minusMillis(1));
    assertThat(second.tryAcquire("p2", TTL)).isFalse();

    now.set(T0.plus(TTL));
    assertThat(first.current()).isEmpty();
    assertThat(second.tryAcquire("p2", TTL)).isTrue();

    assertThat(first.renew("p1", TTL)).isFalse();
    assertThat(first.current().orElseThrow())
        .isEqualTo(new WatchLease.Held("p2", T0.plus(TTL), T0.plus(TTL).plus(TTL)));
  }

  @Test
  void renewalKeepsTheLeaseBeyondItsFirstTtl() {
    first.tryAcquire("p1", TTL);
    now.set(T0.plus(Duration.ofMinutes(2)));
    assertThat(first.renew("p1", TTL)).isTrue();

    now.set(T0.plus(Duration.ofMinutes(4)));
    assertThat(second.tryAcquire("p2", TTL)).isFalse();
    assertThat(second.current().orElseThrow().since()).isEqualTo(T0);
  }

  @Test
  void takingItAgainKeepsTheFirstSince() {
    first.tryAcquire("p1", TTL);
    now.set(T0.plusSeconds(30));

    assertThat(first.tryAcquire("p1", TTL)).isTrue();
    assertThat(first.current().orElseThrow())
        .isEqualTo(new WatchLease.Held("p1", T0, T0.plusSeconds(30).plus(TTL)));
  }

  private static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(AtomicReference<Instant> now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}

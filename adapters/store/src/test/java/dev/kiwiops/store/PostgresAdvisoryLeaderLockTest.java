package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leader lock on a real PostgreSQL (the module's {@link SharedPostgres}). */
@DisabledIfSystemProperty(named = "kiwiops.skipPostgres", matches = "true")
@ExtendWith(SharedPostgres.class)
class PostgresAdvisoryLeaderLockTest {
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);
  private String url;
  private long key;

  @BeforeEach
  void database() throws Exception {
    url = SharedPostgres.freshDatabaseUrl("leader");
    // One key per test: advisory locks are per server, not per database.
    key = System.nanoTime();
  }

  @Test
  void oneOfTwoSessionsHoldsTheLockAndTheOtherGetsItOnceItIsClosed() throws Exception {
    try (AdvisoryLeaderLock first = new AdvisoryLeaderLock(url, key, HEARTBEAT);
        AdvisoryLeaderLock second = new AdvisoryLeaderLock(url, key, HEARTBEAT)) {
      assertThat(first.tryAcquire()).isTrue();
      assertThat(second.tryAcquire()).isFalse();
      assertThat(first.stillHeld()).isTrue();
      assertThat(second.stillHeld()).isFalse();

      first.release();

      assertThat(second.tryAcquire()).isTrue();
      assertThat(second.stillHeld()).isTrue();
    }
  }

  @Test
  void checkingTheLockDoesNotStackIt() throws Exception {
    try (AdvisoryLeaderLock first = new AdvisoryLeaderLock(url, key, HEARTBEAT);
        AdvisoryLeaderLock second = new AdvisoryLeaderLock(url, key, HEARTBEAT)) {
      assertThat(first.tryAcquire()).isTrue();
      for (int i = 0; i < 5; i++) {
        assertThat(first.stillHeld()).isTrue();
      }
      assertThatThrownBy(first::tryAcquire).isInstanceOf(IllegalStateException.class);

      assertThat(first.unlockOnce()).isTrue(); // one unlock, the session stays open

      assertThat(second.tryAcquire()).isTrue();
    }
  }

  @Test
  void aLockWhoseSessionWasEndedIsSeenAsLostAndTheOtherTakesIt() throws Exception {
    try (AdvisoryLeaderLock first = new AdvisoryLeaderLock(url, key, HEARTBEAT);
        AdvisoryLeaderLock second = new AdvisoryLeaderLock(url, key, HEARTBEAT)) {
      assertThat(first.tryAcquire()).isTrue();
      terminate(first.backendPid());

      assertThat(first.stillHeld()).isFalse();
      assertThat(first.held()).isFalse();
      assertThat(second.tryAcquire()).isTrue();
      // The first contends again on a new connection, as a standby: refused.
      assertThat(first.tryAcquire()).isFalse();
    }
  }

  @Test
  void theServerIsToldToDropASilentLeaderSession() {
    assertThat(AdvisoryLeaderLock.connectionProperties(Duration.ofSeconds(5)))
        .containsEntry("tcpKeepAlive", "true")
        .containsEntry("socketTimeout", "10")
        .containsEntry(
            "options",
            "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=2"
                + " -c tcp_user_timeout=15000");
  }

  @Test
  void theServerAcceptsTheSessionSettings() throws Exception {
    try (AdvisoryLeaderLock lock = new AdvisoryLeaderLock(url, key, Duration.ofSeconds(4))) {
      assertThat(lock.tryAcquire()).isTrue();
      assertThat(lock.setting("tcp_keepalives_idle")).isEqualTo("4");
      assertThat(lock.setting("tcp_keepalives_count")).isEqualTo("2");
      assertThat(lock.setting("tcp_user_timeout")).isEqualTo("12000");
      assertThat(lock.setting("idle_session_timeout")).isEqualTo("12s");
    }
  }

  @Test
  void aHolderThatFallsSilentLosesTheLockToTheServerAndKnowsItWhenItWakes() throws Exception {
    // A frozen leader process: its host still answers keepalives, but no check comes.
    try (AdvisoryLeaderLock frozen = new AdvisoryLeaderLock(url, key, HEARTBEAT);
        AdvisoryLeaderLock standby = new AdvisoryLeaderLock(url, key, HEARTBEAT)) {
      assertThat(frozen.tryAcquire()).isTrue();
      assertThat(standby.tryAcquire()).isFalse();

      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      boolean taken = false;
      while (!taken && System.nanoTime() < deadline) {
        Thread.sleep(HEARTBEAT.toMillis());
        taken = standby.tryAcquire();
      }

      assertThat(taken).as("the standby takes the silent holder's lock").isTrue();
      assertThat(frozen.stillHeld()).isFalse();
      assertThat(standby.stillHeld()).isTrue();
    }
  }

  @Test
  void aHolderThatChecksEveryHeartbeatKeepsTheLock() throws Exception {
    try (AdvisoryLeaderLock leader = new AdvisoryLeaderLock(url, key, HEARTBEAT);
        AdvisoryLeaderLock standby = new AdvisoryLeaderLock(url, key, HEARTBEAT)) {
      assertThat(leader.tryAcquire()).isTrue();
      // Longer than the silence the server allows (three heartbeats), checked every heartbeat.
      for (int i = 0; i < 6; i++) {
        Thread.sleep(HEARTBEAT.toMillis());
        assertThat(leader.stillHeld()).isTrue();
        assertThat(standby.tryAcquire()).isFalse();
      }
    }
  }

  private void terminate(int pid) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
      s.setInt(1, pid);
      s.execute();
    }
  }
}

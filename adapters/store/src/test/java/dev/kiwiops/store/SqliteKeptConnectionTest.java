package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.audit.AuditUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store keeps one connection per process: it must hold no lock between transactions
 * (other processes write the same file), show its commits to other connections at once, sync what
 * is written durably, recover from a failed operation, notice a deleted file, and checkpoint the
 * WAL when closed.
 */
class SqliteKeptConnectionTest {
  @TempDir Path dir;

  private String url() {
    return "jdbc:sqlite:" + dir.resolve("kiwiops.db");
  }

  private static AuditEntry entry(int second, String decision) {
    return new AuditEntry(
        Instant.ofEpochSecond(1_700_000_000L + second),
        "console:ada",
        "console:tty",
        "power kill",
        Optional.of("web1"),
        "",
        decision,
        "none",
        Duration.ofMillis(3));
  }

  /** Another process's connection, which does not wait for locks. */
  private Connection other() throws SQLException {
    Connection c = DriverManager.getConnection(url());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0");
    }
    return c;
  }

  private long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_entry")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void betweenTransactionsAnotherConnectionGetsTheWriteLockAtOnce() throws Exception {
    try (Database db = Database.open(url())) {
      JdbcAuditTrail trail = new JdbcAuditTrail(db);
      trail.record(entry(1, "allowed"));
      trail.recordDurably(entry(2, "pending"));

      try (Connection other = other();
          Statement s = other.createStatement()) {
        s.execute("BEGIN IMMEDIATE"); // fails with SQLITE_BUSY if the kept connection held a lock
        assertThat(count(other)).isEqualTo(2);
        s.execute("COMMIT");
      }
      trail.record(entry(3, "allowed"));
      assertThat(trail.recent(AuditQuery.everything(10))).hasSize(3);
    }
  }

  @Test
  void aDurableEntryAndEveryEarlierOneAreCommittedWhenItReturns() throws Exception {
    try (Database db = Database.open(url());
        Connection other = other()) {
      JdbcAuditTrail trail = new JdbcAuditTrail(db);
      trail.record(entry(1, "allowed"));
      trail.recordDurably(entry(2, "pending"));

      assertThat(count(other)).isEqualTo(2);
      // The durable write put the kept connection back to synchronous=NORMAL (1) afterwards.
      String plain = db.transaction(c -> pragma(c, "synchronous"));
      String durable = db.durableTransaction(c -> pragma(c, "synchronous"));
      String journal = db.transaction(c -> pragma(c, "journal_mode"));
      assertThat(plain).isEqualTo("1");
      assertThat(durable).isEqualTo("2");
      assertThat(journal).isEqualTo("wal");
    }
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void aFailedWriteIsRolledBackAndTheNextOneWorks() throws Exception {
    try (Database db = Database.open(url())) {
      JdbcAuditTrail trail = new JdbcAuditTrail(db);
      trail.record(entry(1, "allowed"));
      try (Connection other = other();
          Statement s = other.createStatement()) {
        s.execute("ALTER TABLE audit_entry RENAME TO audit_entry_away");
      }

      assertThatThrownBy(() -> trail.recordDurably(entry(2, "pending")))
          .isInstanceOf(AuditUnavailableException.class);

      try (Connection other = other();
          Statement s = other.createStatement()) {
        s.execute("ALTER TABLE audit_entry_away RENAME TO audit_entry");
        s.execute("BEGIN IMMEDIATE"); // the failed transaction left no lock behind
        s.execute("COMMIT");
      }
      trail.record(entry(3, "allowed"));
      assertThat(trail.recent(AuditQuery.everything(10)))
          .extracting(AuditEntry::decision)
          .containsExactly("allowed", "allowed");
    }
  }

  @Test
  void closingCheckpointsTheWal() throws Exception {
    Database db = Database.open(url());
    JdbcAuditTrail trail = new JdbcAuditTrail(db);
    for (int i = 0; i < 50; i++) {
      trail.record(entry(i, "allowed"));
    }
    Path wal = dir.resolve("kiwiops.db-wal");
    assertThat(Files.size(wal)).isPositive();

    db.close();

    assertThat(!Files.exists(wal) || Files.size(wal) == 0).isTrue();
    try (Connection other = other()) {
      assertThat(count(other)).isEqualTo(50);
    }
    // A later operation (reading after a stop) opens a connection again.
    assertThat(trail.recent(AuditQuery.everything(100))).hasSize(50);
    db.close();
  }

  @Test
  void aStoreFileThatWasDeletedIsNoticedAndNotWrittenIntoTheVoid() throws Exception {
    try (Database db = Database.open(url())) {
      JdbcAuditTrail trail = new JdbcAuditTrail(db);
      trail.record(entry(1, "allowed"));
      for (String name : new String[] {"kiwiops.db", "kiwiops.db-wal", "kiwiops.db-shm"}) {
        Files.deleteIfExists(dir.resolve(name));
      }

      // The kept connection still reaches the deleted file; the store opens the path again, finds
      // an empty database there, and says so instead of keeping the entry where nobody reads it.
      assertThatThrownBy(() -> trail.record(entry(2, "allowed")))
          .isInstanceOf(AuditUnavailableException.class);
    }
  }
}

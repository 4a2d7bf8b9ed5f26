package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.audit.AuditEntry;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one SQLite file, played by two {@link Database} instances (each with its own
 * connections and its own in-process lock, as two JVMs have) on two threads released together.
 */
class SqliteSharedFileTest {
  private static final int WRITES = 100;

  @TempDir Path dir;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Runs both tasks at once and returns their results; a task's failure fails the test. */
  private <T> List<T> together(Callable<T> a, Callable<T> b) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : List.of(a, b)) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  private static int count(Database db, String sql) throws SQLException {
    return db.transaction(
        c -> {
          try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  @Test
  void twoProcessesOpeningAFreshFileAtOnceBothStartAndMigrateOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      String url = "jdbc:sqlite:" + dir.resolve("race" + round + "/kiwiops.db");

      List<Database> opened = together(() -> Database.open(url), () -> Database.open(url));

      for (Database db : opened) {
        assertThat(count(db, "SELECT COUNT(*) FROM schema_version"))
            .isEqualTo(Database.MIGRATIONS.size());
        assertThat(count(db, "SELECT COUNT(*) FROM watch_lease")).isEqualTo(1);
        assertThat(count(db, "SELECT COUNT(*) FROM alert_counter")).isEqualTo(2);
      }
    }
  }

  @Test
  void theFileIsInWalMode() throws Exception {
    Database db = Database.open("jdbc:sqlite:" + dir.resolve("kiwiops.db"));

    String mode =
        db.transaction(
            c -> {
              try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
              }
            });
    assertThat(mode).isEqualToIgnoringCase("wal");
  }

  @Test
  void concurrentAuditWritesFromTwoProcessesAllLand() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("kiwiops.db");
    JdbcAuditTrail one = new JdbcAuditTrail(Database.open(url));
    JdbcAuditTrail two = new JdbcAuditTrail(Database.open(url));

    together(() -> write(one, "console:one"), () -> write(two, "console:two"));

    Database reader = Database.open(url);
    assertThat(count(reader, "SELECT COUNT(*) FROM audit_entry WHERE actor = 'console:one'"))
        .isEqualTo(WRITES);
    assertThat(count(reader, "SELECT COUNT(*) FROM audit_entry WHERE actor = 'console:two'"))
        .isEqualTo(WRITES);
  }

  private static Void write(JdbcAuditTrail trail, String actor) {
    for (int i = 0; i < WRITES; i++) {
      trail.record(
          new AuditEntry(
              Instant.parse("2026-01-01T12:00:00Z").plusSeconds(i),
              actor,
              "console",
              "status",
              Optional.of("web1"),
              "",
              "allowed",
              "ok",
              Duration.ZERO,
              ""));
    }
    return null;
  }

  @Test
  void alertNumbersFromTwoProcessesNeverRepeatOrSkip() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("kiwiops.db");
    JdbcAlertStore one = new JdbcAlertStore(Database.open(url));
    JdbcAlertStore two = new JdbcAlertStore(Database.open(url));

    List<List<Long>> numbers = together(() -> number(one), () -> number(two));

    Set<Long> all = new HashSet<>(numbers.get(0));
    all.addAll(numbers.get(1));
    assertThat(all).hasSize(2 * WRITES);
    assertThat(all).allMatch(n -> n >= 1 && n <= 2 * WRITES);
  }

  private static List<Long> number(JdbcAlertStore store) {
    List<Long> result = new ArrayList<>();
    for (int i = 0; i < WRITES; i++) {
      result.add(store.nextAlertNumber());
    }
    return result;
  }

  @Test
  void twoProcessesRacingForTheLeaseGetOneWinner() throws Exception {
    for (int round = 0; round < 5; round++) {
      String url = "jdbc:sqlite:" + dir.resolve("lease" + round + "/kiwiops.db");
      List<Boolean> won =
          together(
              () ->
                  new JdbcWatchLease(Database.open(url), java.time.Clock.systemUTC())
                      .tryAcquire("p1", Duration.ofMinutes(3)),
              () ->
                  new JdbcWatchLease(Database.open(url), java.time.Clock.systemUTC())
                      .tryAcquire("p2", Duration.ofMinutes(3)));

      assertThat(won).containsExactlyInAnyOrder(true, false);
    }
  }
}

package dev.kiwiops.store;

import dev.kiwiops.core.watch.AlertStoreException;
import dev.kiwiops.core.watch.WatchLease;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The watch lease in the {@code watch_lease} table of a {@link Database}. Each operation is one
 * conditional {@code UPDATE} of the single row, so two processes racing for it cannot both win: on
 * SQLite the transactions are serialised by the file's write lock, on PostgreSQL by the row lock.
 */
public final class JdbcWatchLease implements WatchLease {
  private static final String ROW = "watch";

  private final Database database;
  private final Clock clock;

  public JdbcWatchLease(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public boolean tryAcquire(String holder, Duration ttl) {
    long now = clock.millis();
    long until = now + ttl.toMillis();
    return update(
        "UPDATE watch_lease SET acquired_at = CASE WHEN holder = ? THEN acquired_at ELSE ? END,"
            + " holder = ?, expires_at = ? WHERE name = ? AND (holder IS NULL OR holder = ? OR"
            + " expires_at <= ?)",
        s -> {
          s.setString(1, holder);
          s.setLong(2, now);
          s.setString(3, holder);
          s.setLong(4, until);
          s.setString(5, ROW);
          s.setString(6, holder);
          s.setLong(7, now);
        },
        "take");
  }

  @Override
  public boolean renew(String holder, Duration ttl) {
    long until = clock.millis() + ttl.toMillis();
    return update(
        "UPDATE watch_lease SET expires_at = ? WHERE name = ? AND holder = ?",
        s -> {
          s.setLong(1, until);
          s.setString(2, ROW);
          s.setString(3, holder);
        },
        "renew");
  }

  @Override
  public void release(String holder) {
    update(
        "UPDATE watch_lease SET holder = NULL, expires_at = 0 WHERE name = ? AND holder = ?",
        s -> {
          s.setString(1, ROW);
          s.setString(2, holder);
        },
        "release");
  }

  @Override
  public Optional<Held> current() {
    long now = clock.millis();
    return database.transaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT holder, acquired_at, expires_at FROM watch_lease WHERE name = ? AND"
                      + " holder IS NOT NULL AND expires_at > ?")) {
            q.setString(1, ROW);
            q.setLong(2, now);
            try (ResultSet rs = q.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Held>empty();
              }
              return Optional.of(
                  new Held(
                      rs.getString(1),
                      Instant.ofEpochMilli(rs.getLong(2)),
                      Instant.ofEpochMilli(rs.getLong(3))));
            }
          }
        },
        "cannot read the watch lease",
        AlertStoreException::new);
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private boolean update(String sql, Binder binder, String what) {
    return database.transaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate() == 1;
          }
        },
        "cannot " + what + " the watch lease",
        AlertStoreException::new);
  }
}

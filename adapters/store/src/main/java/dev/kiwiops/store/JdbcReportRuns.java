package dev.kiwiops.store;

import dev.kiwiops.core.report.ReportRuns;
import dev.kiwiops.core.watch.AlertStoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;

/**
 * The scheduled reports' claims in the {@code report_runs} table of {@link Database} (migration
 * {@code V006__reports.sql}). A claim is one transaction that inserts the row only when the period
 * and destination have none, so two processes (or a process and its restart) cannot both win: on
 * SQLite the transactions are serialised by the file's write lock, on PostgreSQL by the primary
 * key.
 */
public final class JdbcReportRuns implements ReportRuns {
  private final Database database;

  public JdbcReportRuns(Database database) {
    this.database = Objects.requireNonNull(database);
  }

  @Override
  public boolean claim(String period, String destination, Instant at) {
    return run(
        "claim the report " + period,
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT 1 FROM report_runs WHERE period_key = ? AND destination = ?")) {
            q.setString(1, period);
            q.setString(2, destination);
            try (ResultSet rs = q.executeQuery()) {
              if (rs.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO report_runs (period_key, destination, claimed_at) VALUES (?, ?, ?)")) {
            s.setString(1, period);
            s.setString(2, destination);
            s.setLong(3, at.toEpochMilli());
            s.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public void sent(String period, String destination, Instant at) {
    run(
        "record the report " + period,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE report_runs SET sent_at = ?, last_error = NULL WHERE period_key = ? AND"
                      + " destination = ?")) {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, period);
            s.setString(3, destination);
            return s.executeUpdate();
          }
        });
  }

  @Override
  public void failed(String period, String destination, String error) {
    run(
        "record the report " + period,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE report_runs SET last_error = ? WHERE period_key = ? AND destination = ?")) {
            s.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            s.setString(2, period);
            s.setString(3, destination);
            return s.executeUpdate();
          }
        });
  }

  /** {@code claimed}, {@code sent} or {@code failed: …} of a period and destination; for tests. */
  public String state(String period, String destination) {
    return run(
        "read the report " + period,
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT sent_at, last_error FROM report_runs WHERE period_key = ? AND"
                      + " destination = ?")) {
            q.setString(1, period);
            q.setString(2, destination);
            try (ResultSet rs = q.executeQuery()) {
              if (!rs.next()) {
                return null;
              }
              rs.getLong(1);
              boolean sent = !rs.wasNull();
              String error = rs.getString(2);
              return sent ? "sent" : error != null ? "failed: " + error : "claimed";
            }
          }
        });
  }

  private <T> T run(String what, Database.Work<T> work) {
    return database.transaction(work, "cannot " + what, AlertStoreException::new);
  }
}

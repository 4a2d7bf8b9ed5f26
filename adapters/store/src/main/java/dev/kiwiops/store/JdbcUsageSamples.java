package dev.kiwiops.store;

import dev.kiwiops.core.forecast.UsageSamples;
import dev.kiwiops.core.watch.AlertStoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The forecasts' kept samples in the {@code usage_samples} table (migration V008). */
public final class JdbcUsageSamples implements UsageSamples {
  private final Database database;

  public JdbcUsageSamples(Database database) {
    this.database = Objects.requireNonNull(database);
  }

  @Override
  public void add(Row row) {
    run(
        "keep a usage sample",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO usage_samples (counter, server_name, reset_at, sampled_at, sample_value)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, row.counter());
            s.setString(2, row.server());
            if (row.period().isPresent()) {
              s.setLong(3, row.period().get().toEpochMilli());
            } else {
              s.setNull(3, Types.BIGINT);
            }
            s.setLong(4, row.at().toEpochMilli());
            s.setLong(5, row.value());
            return s.executeUpdate();
          }
        });
  }

  @Override
  public List<Row> since(Instant since) {
    return run(
        "read the usage samples",
        c -> {
          List<Row> rows = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT counter, server_name, reset_at, sampled_at, sample_value FROM usage_samples"
                      + " WHERE sampled_at >= ? ORDER BY sampled_at")) {
            q.setLong(1, since.toEpochMilli());
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                long period = rs.getLong(3);
                Optional<Instant> reset =
                    rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(period));
                rows.add(
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        reset,
                        Instant.ofEpochMilli(rs.getLong(4)),
                        rs.getLong(5)));
              }
            }
          }
          return rows;
        });
  }

  @Override
  public void deleteBefore(Instant before) {
    run(
        "delete old usage samples",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM usage_samples WHERE sampled_at < ?")) {
            s.setLong(1, before.toEpochMilli());
            return s.executeUpdate();
          }
        });
  }

  private <T> T run(String what, Database.Work<T> work) {
    return database.transaction(work, "cannot " + what, AlertStoreException::new);
  }
}

package dev.kiwiops.store;

import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.audit.AuditUnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail in the {@code audit_entry} table (migration V001; its {@code person} column
 * V007), on SQLite or PostgreSQL. Entries are stored exactly as given (already masked), to the
 * millisecond, and read newest first. A database failure surfaces as {@link
 * AuditUnavailableException}, never as a silent loss.
 */
public final class JdbcAuditTrail implements AuditTrail {
  private static final String COLUMNS =
      "at_ms, actor, chat, command, server_name, arguments, decision, outcome, duration_ms, detail,"
          + " person";

  private final Database database;

  public JdbcAuditTrail(Database database) {
    this.database = database;
  }

  @Override
  public void record(AuditEntry entry) {
    try {
      database.transaction(
          c -> {
            try (PreparedStatement insert =
                c.prepareStatement(
                    "INSERT INTO audit_entry ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
              insert.setLong(1, entry.at().toEpochMilli());
              StoredText.set(insert, 2, entry.identity());
              StoredText.set(insert, 3, entry.chat());
              StoredText.set(insert, 4, entry.command());
              StoredText.set(insert, 5, entry.server().orElse(null));
              StoredText.set(insert, 6, entry.arguments());
              StoredText.set(insert, 7, entry.decision());
              StoredText.set(insert, 8, entry.outcome());
              insert.setLong(9, entry.duration().toMillis());
              StoredText.set(insert, 10, entry.detail());
              StoredText.set(insert, 11, entry.person().orElse(null));
              insert.executeUpdate();
            }
            return null;
          });
    } catch (SQLException e) {
      throw new AuditUnavailableException("the audit trail cannot be written", e);
    }
  }

  @Override
  public List<AuditEntry> recent(AuditQuery query) {
    List<Object> parameters = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    if (!query.anyServer()) {
      List<String> either = new ArrayList<>();
      if (!query.servers().isEmpty()) {
        either.add(
            "server_name IN ("
                + String.join(", ", java.util.Collections.nCopies(query.servers().size(), "?"))
                + ")");
        parameters.addAll(query.servers());
      }
      if (query.withoutServer()) {
        either.add("server_name IS NULL");
      }
      if (either.isEmpty()) {
        return List.of();
      }
      conditions.add("(" + String.join(" OR ", either) + ")");
    } else if (!query.withoutServer()) {
      conditions.add("server_name IS NOT NULL");
    }
    query
        .identity()
        .ifPresent(
            identity -> {
              conditions.add("actor = ?");
              parameters.add(identity);
            });
    query
        .person()
        .ifPresent(
            person -> {
              conditions.add("person = ?");
              parameters.add(person);
            });
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM audit_entry"
            + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
            + " ORDER BY at_ms DESC, id DESC LIMIT ?";
    parameters.add(query.limit());
    try {
      return database.transaction(
          c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
              for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
              }
              List<AuditEntry> entries = new ArrayList<>();
              try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  entries.add(
                      new AuditEntry(
                          Instant.ofEpochMilli(rs.getLong("at_ms")),
                          rs.getString("actor"),
                          rs.getString("chat"),
                          rs.getString("command"),
                          Optional.ofNullable(rs.getString("server_name")),
                          rs.getString("arguments"),
                          rs.getString("decision"),
                          rs.getString("outcome"),
                          Duration.ofMillis(rs.getLong("duration_ms")),
                          rs.getString("detail"),
                          Optional.ofNullable(rs.getString("person"))));
                }
              }
              return entries;
            }
          });
    } catch (SQLException e) {
      throw new AuditUnavailableException("the audit trail cannot be read", e);
    }
  }
}

package dev.kiwiops.store;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertStateStore;
import dev.kiwiops.core.watch.AlertStoreException;
import dev.kiwiops.core.watch.Delivery;
import dev.kiwiops.core.watch.Destination;
import dev.kiwiops.core.watch.Incident;
import dev.kiwiops.core.watch.IncidentKey;
import dev.kiwiops.core.watch.Outbox;
import dev.kiwiops.core.watch.OutboxMessage;
import dev.kiwiops.core.watch.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The watcher's incident state and outbox in the {@link Database} (tables of {@code
 * V002__alerts.sql}; the references of posted messages, for edits, from {@code
 * V004__alert_messages.sql}). Every state change and the messages it causes are written in one
 * transaction, which is what makes alerts exactly-once across restarts; delivery itself is
 * at-least-once (a crash between a sink's success and {@link #delivered} repeats that one message).
 */
public final class JdbcAlertStore implements AlertStateStore, Outbox {
  private static final String INCIDENT_COLUMNS =
      "alert_id, incident_key, severity, title, body, buttons, opened_at, last_notified_at,"
          + " acknowledged_by, snoozed_until";

  private final Database database;

  public JdbcAlertStore(Database database) {
    this.database = database;
  }

  @Override
  public List<Incident> openIncidents() {
    return run(
        "read the open incidents",
        c -> {
          List<Incident> result = new ArrayList<>();
          try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT "
                          + INCIDENT_COLUMNS
                          + " FROM alert_incident WHERE closed_at IS NULL ORDER BY opened_at");
              ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              result.add(
                  new Incident(
                      rs.getString(1),
                      IncidentKey.parse(rs.getString(2)),
                      Severity.valueOf(rs.getString(3)),
                      rs.getString(4),
                      rs.getString(5),
                      decodeButtons(rs.getString(6)),
                      Instant.ofEpochMilli(rs.getLong(7)),
                      Instant.ofEpochMilli(rs.getLong(8)),
                      Optional.ofNullable(rs.getString(9)),
                      optionalInstant(rs, 10)));
            }
          }
          return result;
        });
  }

  @Override
  public long nextAlertNumber() {
    return run("number an alert", c -> next(c, "alert"));
  }

  @Override
  public void opened(Incident incident, List<OutboxMessage> messages) {
    run(
        "store alert " + incident.alertId(),
        c -> {
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO alert_incident ("
                      + INCIDENT_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            StoredText.set(ins, 1, incident.alertId());
            StoredText.set(ins, 2, incident.key().toString());
            StoredText.set(ins, 3, incident.severity().name());
            StoredText.set(ins, 4, incident.title());
            StoredText.set(ins, 5, incident.body());
            StoredText.set(ins, 6, encodeButtons(incident.buttons()));
            ins.setLong(7, incident.openedAt().toEpochMilli());
            ins.setLong(8, incident.lastNotifiedAt().toEpochMilli());
            StoredText.set(ins, 9, incident.acknowledgedBy().orElse(null));
            setNullable(ins, 10, incident.snoozedUntil().map(Instant::toEpochMilli).orElse(null));
            ins.executeUpdate();
          }
          enqueue(c, messages);
          return null;
        });
  }

  @Override
  public void updated(Incident incident, List<OutboxMessage> messages) {
    run(
        "update alert " + incident.alertId(),
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE alert_incident SET last_notified_at = ?, acknowledged_by = ?,"
                      + " snoozed_until = ?, body = ? WHERE alert_id = ?")) {
            up.setLong(1, incident.lastNotifiedAt().toEpochMilli());
            StoredText.set(up, 2, incident.acknowledgedBy().orElse(null));
            setNullable(up, 3, incident.snoozedUntil().map(Instant::toEpochMilli).orElse(null));
            StoredText.set(up, 4, incident.body());
            StoredText.set(up, 5, incident.alertId());
            up.executeUpdate();
          }
          enqueue(c, messages);
          return null;
        });
  }

  @Override
  public void closed(Incident incident, Instant at, List<OutboxMessage> messages) {
    run(
        "close alert " + incident.alertId(),
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE alert_incident SET closed_at = ? WHERE alert_id = ? AND closed_at IS"
                      + " NULL")) {
            up.setLong(1, at.toEpochMilli());
            StoredText.set(up, 2, incident.alertId());
            up.executeUpdate();
          }
          enqueue(c, messages);
          return null;
        });
  }

  @Override
  public List<Delivery> pending() {
    return run(
        "read the alert outbox",
        c -> {
          List<Delivery> result = new ArrayList<>();
          try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT id, destination, alert_id, incident_key, severity, phase,"
                          + " created_at, title, body, attachment_name, attachment_type,"
                          + " attachment_data, buttons, attempts, next_attempt_at, action"
                          + " FROM alert_outbox ORDER BY id");
              ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              Optional<Attachment> attachment =
                  rs.getString(10) == null
                      ? Optional.empty()
                      : Optional.of(
                          new Attachment(
                              rs.getString(10),
                              rs.getString(11),
                              Base64.getDecoder().decode(rs.getString(12))));
              Alert alert =
                  new Alert(
                      rs.getString(3),
                      IncidentKey.parse(rs.getString(4)),
                      Severity.valueOf(rs.getString(5)),
                      Alert.Phase.valueOf(rs.getString(6)),
                      Instant.ofEpochMilli(rs.getLong(7)),
                      rs.getString(8),
                      rs.getString(9),
                      attachment,
                      decodeButtons(rs.getString(13)));
              result.add(
                  new Delivery(
                      rs.getLong(1),
                      Destination.parse(rs.getString(2)),
                      alert,
                      "edit".equals(rs.getString(16)),
                      rs.getInt(14),
                      Instant.ofEpochMilli(rs.getLong(15))));
            }
          }
          return result;
        });
  }

  @Override
  public void delivered(long id) {
    run(
        "mark an alert delivered",
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM alert_outbox WHERE id = ?")) {
            del.setLong(1, id);
            del.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void posted(Delivery delivery, String messageRef) {
    run(
        "keep the message of alert " + delivery.alert().id(),
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM alert_outbox WHERE id = ?")) {
            del.setLong(1, delivery.id());
            del.executeUpdate();
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO alert_message (alert_id, destination, message_ref, posted_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (alert_id, destination, message_ref)"
                      + " DO NOTHING")) {
            StoredText.set(ins, 1, delivery.alert().id());
            StoredText.set(ins, 2, delivery.destination().toString());
            StoredText.set(ins, 3, messageRef);
            ins.setLong(4, delivery.alert().at().toEpochMilli());
            ins.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<String> messageRefs(String alertId, Destination destination) {
    return run(
        "read the messages of alert " + alertId,
        c -> {
          List<String> refs = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT message_ref FROM alert_message WHERE alert_id = ? AND destination = ?"
                      + " ORDER BY posted_at DESC, message_ref DESC LIMIT "
                      + MAX_REFS)) {
            StoredText.set(q, 1, alertId);
            StoredText.set(q, 2, destination.toString());
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                refs.add(0, rs.getString(1));
              }
            }
          }
          return refs;
        });
  }

  @Override
  public void failed(long id, int attempts, Instant nextAttemptAt, String error) {
    run(
        "record a failed alert delivery",
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE alert_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?"
                      + " WHERE id = ?")) {
            up.setInt(1, attempts);
            up.setLong(2, nextAttemptAt.toEpochMilli());
            StoredText.set(up, 3, error);
            up.setLong(4, id);
            up.executeUpdate();
          }
          return null;
        });
  }

  private static void enqueue(Connection c, List<OutboxMessage> messages) throws SQLException {
    for (OutboxMessage m : messages) {
      long id = next(c, "outbox");
      Alert a = m.alert();
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO alert_outbox (id, destination, alert_id, incident_key, severity, phase,"
                  + " created_at, title, body, attachment_name, attachment_type, attachment_data,"
                  + " buttons, attempts, next_attempt_at, action) VALUES"
                  + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
        ins.setLong(1, id);
        StoredText.set(ins, 2, m.destination().toString());
        StoredText.set(ins, 3, a.id());
        StoredText.set(ins, 4, a.key().toString());
        StoredText.set(ins, 5, a.severity().name());
        StoredText.set(ins, 6, a.phase().name());
        ins.setLong(7, a.at().toEpochMilli());
        StoredText.set(ins, 8, a.title());
        StoredText.set(ins, 9, a.body());
        StoredText.set(ins, 10, a.attachment().map(Attachment::fileName).orElse(null));
        StoredText.set(ins, 11, a.attachment().map(Attachment::mediaType).orElse(null));
        StoredText.set(
            ins,
            12,
            a.attachment().map(x -> Base64.getEncoder().encodeToString(x.data())).orElse(null));
        StoredText.set(ins, 13, encodeButtons(a.buttons()));
        ins.setLong(14, a.at().toEpochMilli());
        ins.setString(15, m.edit() ? "edit" : "post");
        ins.executeUpdate();
      }
    }
  }

  private static long next(Connection c, String counter) throws SQLException {
    try (PreparedStatement up =
        c.prepareStatement("UPDATE alert_counter SET value = value + 1 WHERE name = ?")) {
      StoredText.set(up, 1, counter);
      up.executeUpdate();
    }
    try (PreparedStatement q =
        c.prepareStatement("SELECT value FROM alert_counter WHERE name = ?")) {
      q.setString(1, counter);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("alert counter " + counter + " is missing");
        }
        return rs.getLong(1);
      }
    }
  }

  /** One button per line: {@code STYLE<tab>label<tab>token}; the token names its intent. */
  static String encodeButtons(List<Button> buttons) {
    StringBuilder out = new StringBuilder();
    for (Button b : buttons) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(b.style().name())
          .append('\t')
          .append(flat(b.label()))
          .append('\t')
          .append(b.token());
    }
    return out.toString();
  }

  /**
   * The stored buttons; a line that holds no button token (written before buttons carried one, as a
   * command line) is read as the typed command it named when that is {@code abuse resolve SERVER
   * RECORD}, the only extra button alerts had, and is otherwise dropped.
   */
  static List<Button> decodeButtons(String text) {
    List<Button> buttons = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return buttons;
    }
    for (String line : text.split("\n")) {
      String[] parts = line.split("\t", 3);
      if (parts.length != 3) {
        continue;
      }
      Button.Style style = Button.Style.valueOf(parts[0]);
      Optional<ButtonToken> token = ButtonToken.decode(parts[2]).or(() -> legacy(parts[2]));
      token.ifPresent(t -> buttons.add(Button.of(parts[1], t, style)));
    }
    return buttons;
  }

  private static Optional<ButtonToken> legacy(String command) {
    String[] words = command.split(" ");
    if (words.length == 4 && words[0].equals("abuse") && words[1].equals("resolve")) {
      try {
        return Optional.of(ButtonToken.resolve(words[2], Long.parseLong(words[3])));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String flat(String s) {
    return s.replace('\t', ' ').replace('\n', ' ');
  }

  private static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
  }

  private static void setNullable(PreparedStatement s, int index, Long value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value);
    }
  }

  private <T> T run(String what, Database.Work<T> work) {
    return database.transaction(work, "could not " + what, AlertStoreException::new);
  }
}

package dev.kiwiops.store;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.commands.StopRecords;
import dev.kiwiops.core.commands.StopRecordsException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The servers stopped through the bot, in the {@link Database} (table {@code power_stop} of {@code
 * V003__power_stops.sql}), so that the watcher stays quiet about them after a restart.
 */
public final class JdbcStopRecords implements StopRecords {
  private final Database database;

  public JdbcStopRecords(Database database) {
    this.database = database;
  }

  @Override
  public Map<String, PowerStopLedger.Stop> all() {
    return run(
        "read the servers stopped through the bot",
        c -> {
          Map<String, PowerStopLedger.Stop> result = new HashMap<>();
          try (PreparedStatement q =
                  c.prepareStatement("SELECT server_name, stopped_by, stopped_at FROM power_stop");
              ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              result.put(
                  rs.getString(1),
                  new PowerStopLedger.Stop(
                      Identity.parse(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3))));
            }
          }
          return result;
        });
  }

  @Override
  public void put(String server, PowerStopLedger.Stop stop) {
    run(
        "record the stop of " + server,
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "INSERT INTO power_stop (server_name, stopped_by, stopped_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (server_name) DO UPDATE SET stopped_by ="
                      + " excluded.stopped_by, stopped_at = excluded.stopped_at")) {
            up.setString(1, server);
            up.setString(2, stop.by().toString());
            up.setLong(3, stop.at().toEpochMilli());
            up.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void remove(String server) {
    run(
        "forget the stop of " + server,
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM power_stop WHERE server_name = ?")) {
            del.setString(1, server);
            del.executeUpdate();
          }
          return null;
        });
  }

  private <T> T run(String what, Database.Work<T> work) {
    return database.transaction(work, "could not " + what, StopRecordsException::new);
  }
}

package dev.kiwiops.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Text parameters as both dialects can store them. PostgreSQL refuses U+0000 in text, so a write
 * carrying one (chat input in the audit trail, KiwiVM text in an alert) would fail and its entry be
 * lost; SQLite would take it. Both store U+FFFD instead, so they behave the same.
 */
final class StoredText {
  private StoredText() {}

  static void set(PreparedStatement s, int index, String value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value.replace('\u0000', '\uFFFD'));
    }
  }
}

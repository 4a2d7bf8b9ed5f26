package dev.kiwiops.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail on the default store: a real SQLite file. */
class SqliteAuditTrailTest extends JdbcAuditTrailContract {
  @TempDir Path dir;

  @Override
  String freshDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("data/kiwiops.db");
  }
}

package dev.kiwiops.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The stop records on the default store: a real SQLite file. */
class SqliteStopRecordsTest extends JdbcStopRecordsContract {
  @TempDir Path dir;

  @Override
  String freshDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("data/kiwiops.db");
  }
}

package dev.kiwiops.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Kept usage samples on the default store: a real SQLite file opened by two Database instances. */
class SqliteUsageSamplesTest extends JdbcUsageSamplesContract {
  @TempDir Path dir;

  @Override
  String freshDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("data/kiwiops.db");
  }
}

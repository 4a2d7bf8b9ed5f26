package dev.kiwiops.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The alert store on the default store: a real SQLite file. */
class SqliteAlertStoreTest extends JdbcAlertStoreContract {
  @TempDir Path dir;

  @Override
  String freshDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("data/kiwiops.db");
  }
}

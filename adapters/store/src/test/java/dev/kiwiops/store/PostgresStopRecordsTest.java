package dev.kiwiops.store;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stop records on a real PostgreSQL (the module's {@link SharedPostgres}); each test gets its
 * own fresh database. {@code -Dkiwiops.skipPostgres=true} skips it.
 */
@DisabledIfSystemProperty(named = "kiwiops.skipPostgres", matches = "true")
@ExtendWith(SharedPostgres.class)
class PostgresStopRecordsTest extends JdbcStopRecordsContract {
  @Override
  String freshDatabaseUrl() throws Exception {
    return SharedPostgres.freshDatabaseUrl("stops");
  }
}

package dev.kiwiops.store;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/** The watch lease on a real PostgreSQL (the module's {@link SharedPostgres}). */
@DisabledIfSystemProperty(named = "kiwiops.skipPostgres", matches = "true")
@ExtendWith(SharedPostgres.class)
class PostgresWatchLeaseTest extends JdbcWatchLeaseContract {
  @Override
  String freshDatabaseUrl() throws Exception {
    return SharedPostgres.freshDatabaseUrl("lease");
  }
}

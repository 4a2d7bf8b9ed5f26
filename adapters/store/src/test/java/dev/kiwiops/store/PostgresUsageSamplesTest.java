package dev.kiwiops.store;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kept usage samples on a real PostgreSQL (the module's {@link SharedPostgres}). */
@DisabledIfSystemProperty(named = "kiwiops.skipPostgres", matches = "true")
@ExtendWith(SharedPostgres.class)
class PostgresUsageSamplesTest extends JdbcUsageSamplesContract {
  @Override
  String freshDatabaseUrl() throws Exception {
    return SharedPostgres.freshDatabaseUrl("samples");
  }
}

package dev.kiwiops.store;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/** Report claims on a real PostgreSQL (the module's {@link SharedPostgres}). */
@DisabledIfSystemProperty(named = "kiwiops.skipPostgres", matches = "true")
@ExtendWith(SharedPostgres.class)
class PostgresReportRunsTest extends JdbcReportRunsContract {
  @Override
  String freshDatabaseUrl() throws Exception {
    return SharedPostgres.freshDatabaseUrl("reports");
  }
}

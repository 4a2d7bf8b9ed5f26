package dev.kiwiops.store;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail on a real PostgreSQL (the module's {@link SharedPostgres}); each test gets its
 * own fresh database. Part of every {@code verify}; {@code -Dkiwiops.skipPostgres=true} skips it
 * (for machines where the bundled binaries cannot run).
 */
@DisabledIfSystemProperty(named = "kiwiops.skipPostgres", matches = "true")
@ExtendWith(SharedPostgres.class)
class PostgresAuditTrailTest extends JdbcAuditTrailContract {
  @Override
  String freshDatabaseUrl() throws Exception {
    return SharedPostgres.freshDatabaseUrl("audit");
  }
}

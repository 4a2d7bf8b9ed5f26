package dev.kiwiops.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The audit trail on a real PostgreSQL, started from Maven artifacts for this class; each test gets
 * its own fresh database. Part of every {@code verify}; {@code -Dkiwiops.skipPostgres=true} skips
 * it (for machines where the bundled binaries cannot run).
 */
@org.junit.jupiter.api.condition.DisabledIfSystemProperty(
    named = "kiwiops.skipPostgres",
    matches = "true")
class PostgresAuditTrailTest extends JdbcAuditTrailContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  String freshDatabaseUrl() throws Exception {
    String name = "audit" + DATABASES.incrementAndGet();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }
}

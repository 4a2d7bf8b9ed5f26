package dev.kiwiops.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL, started from Maven artifacts by the first test class that needs it and
 * stopped when the test run ends, shared by every PostgreSQL test class of this module; each caller
 * of {@link #freshDatabaseUrl} gets a new, empty database of its own.
 */
final class SharedPostgres implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedPostgres.class);
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static volatile EmbeddedPostgres postgres;

  @Override
  public void beforeAll(ExtensionContext context) {
    // The root store closes the server (it is AutoCloseable) at the end of the whole run.
    postgres =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent("postgres", k -> start(), EmbeddedPostgres.class);
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC URL of a new, empty database named after {@code prefix}. */
  static String freshDatabaseUrl(String prefix) throws SQLException {
    EmbeddedPostgres server = postgres;
    if (server == null) {
      throw new IllegalStateException("register SharedPostgres on the test class");
    }
    String name = prefix + DATABASES.incrementAndGet();
    try (Connection admin = server.getPostgresDatabase().getConnection();
        Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return server.getJdbcUrl("postgres", name);
  }
}

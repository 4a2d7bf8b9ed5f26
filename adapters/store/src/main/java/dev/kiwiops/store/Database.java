package dev.kiwiops.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JDBC database named by {@code store.url}: an embedded SQLite file ({@code jdbc:sqlite:PATH}) by
 * default, or PostgreSQL ({@code jdbc:postgresql://…}). Opening it applies the pending schema
 * migrations of {@link #MIGRATIONS}, in order, each once.
 *
 * <p>SQLite serialises writers, so every operation here holds one lock; PostgreSQL gets a fresh
 * connection per operation and needs no such lock. Several processes may share one SQLite file: it
 * runs in WAL mode, every transaction begins {@code IMMEDIATE} (it takes the write lock at its
 * start, so a transaction that reads and then writes never fails half-way with {@code
 * SQLITE_BUSY}), and a process that finds the file locked waits up to {@link #BUSY_TIMEOUT} for it.
 * Migrations run under that lock on SQLite and under an advisory lock on PostgreSQL, so two
 * processes opening a fresh store at once apply each migration once.
 *
 * <p>On SQLite this process keeps one connection open and uses it under that lock (opening a
 * connection per operation, and closing the last one, which checkpoints the WAL, cost about 6 ms of
 * file work per audited command). Between transactions it holds no lock, so other processes share
 * the file as before. A connection that failed, or whose file was deleted or replaced, is closed
 * and the next operation opens a new one. Commits run with {@code synchronous=NORMAL}: a committed
 * transaction survives a crash of this process (it is in the WAL file), while an operating-system
 * crash or power loss may lose the last ones (SQLite syncs the WAL at checkpoints). {@link
 * #durableTransaction} commits with {@code synchronous=FULL}: the WAL is synced before it returns,
 * and with it every earlier commit. PostgreSQL commits are durable when they return (its default
 * {@code synchronous_commit=on}).
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /**
   * Migration scripts under {@code dev/kiwiops/store/migrations/}, applied in this order. Append
   * only; never edit one that has shipped. Statements are separated by {@code ;} at line ends.
   * {@code ${AUTO_ID}} stands for an auto-numbered primary key column type in the dialect at hand.
   */
  static final List<String> MIGRATIONS =
      List.of(
          "V001__audit.sql",
          "V002__alerts.sql",
          "V003__power_stops.sql",
          "V004__alert_messages.sql",
          "V005__watch_lease.sql",
          "V006__reports.sql",
          "V007__people.sql",
          "V008__usage_samples.sql");

  /** SQLite's primary result code for "another connection holds the lock". */
  private static final int SQLITE_BUSY = 5;

  /** How long a SQLite transaction waits for another process's write lock before it fails. */
  static final java.time.Duration BUSY_TIMEOUT = java.time.Duration.ofSeconds(10);

  /** PostgreSQL advisory lock key held while migrating (any constant unique to kiwiops). */
  private static final long MIGRATION_LOCK = 0x6b6977696f7073L;

  /** The SQL dialects we speak. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  private final String url;
  private final Properties properties;
  private final Dialect dialect;
  private final Object sqliteLock = new Object();

  /**
   * SQLite only: this process's connection, opened on first use, used under {@link #sqliteLock}.
   */
  private Connection kept;

  /** SQLite only: the store file (null for a URL that names none) and its identity when opened. */
  private Path file;

  private Object keptFileKey;

  private Database(String url, Properties properties, Dialect dialect) {
    this.url = url;
    this.properties = properties;
    this.dialect = dialect;
  }

  /** Opens (creating if needed) the database at {@code url} and migrates it. */
  public static Database open(String url) throws SQLException {
    return open(url, new Properties());
  }

  /** Opens with connection properties (user, password for PostgreSQL). */
  public static Database open(String url, Properties properties) throws SQLException {
    Dialect dialect;
    if (url.startsWith("jdbc:sqlite:")) {
      dialect = Dialect.SQLITE;
      createParentFolder(url.substring("jdbc:sqlite:".length()));
    } else if (url.startsWith("jdbc:postgresql:")) {
      dialect = Dialect.POSTGRESQL;
    } else {
      throw new SQLException("store.url must start with jdbc:sqlite: or jdbc:postgresql:");
    }
    Properties connection = new Properties();
    connection.putAll(properties);
    if (dialect == Dialect.SQLITE) {
      connection.putIfAbsent("journal_mode", "WAL");
      connection.putIfAbsent("busy_timeout", String.valueOf(BUSY_TIMEOUT.toMillis()));
      connection.putIfAbsent("transaction_mode", "IMMEDIATE");
      connection.putIfAbsent("synchronous", "NORMAL");
    }
    Database db = new Database(url, connection, dialect);
    if (dialect == Dialect.SQLITE) {
      db.file = storeFile(url.substring("jdbc:sqlite:".length()));
    }
    if (dialect == Dialect.SQLITE) {
      migrateWhenFree(db);
    } else {
      db.migrate();
    }
    return db;
  }

  /**
   * Migrates a SQLite store, waiting out another process that is opening the same new file: turning
   * a new file into WAL mode answers {@code SQLITE_BUSY} at once, without the busy timeout, while
   * another connection does the same. Opening and migrating are idempotent, so a busy open is tried
   * again until the busy timeout has passed.
   */
  private static void migrateWhenFree(Database db) throws SQLException {
    long deadline = System.nanoTime() + BUSY_TIMEOUT.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        db.migrate();
        return;
      } catch (SQLException e) {
        if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(Math.min(200, 10L * attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Work done with one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T transaction(Work<T> work) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      synchronized (sqliteLock) {
        return inKeptConnection(work, false);
      }
    }
    return inTransaction(work);
  }

  /**
   * {@link #transaction}, for a store port whose failures are its own unchecked exception: a
   * failure becomes {@code failure} of "{@code failing}: the driver's message" and the cause.
   */
  public <T> T transaction(
      Work<T> work,
      String failing,
      BiFunction<String, SQLException, ? extends RuntimeException> failure) {
    try {
      return transaction(work);
    } catch (SQLException e) {
      throw failure.apply(failing + ": " + e.getMessage(), e);
    }
  }

  /**
   * Like {@link #transaction}, but when it returns the commit is on disk, not only in the operating
   * system's cache: on SQLite the WAL is synced ({@code synchronous=FULL}) for this commit, which
   * also makes every earlier commit durable. For what must be kept before something irreversible
   * happens (the audit entry of a destructive request).
   */
  public <T> T durableTransaction(Work<T> work) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      synchronized (sqliteLock) {
        return inKeptConnection(work, true);
      }
    }
    return inTransaction(work);
  }

  /**
   * SQLite: {@code work} in an explicit {@code BEGIN IMMEDIATE} … {@code COMMIT} on the kept
   * connection, which stays in auto-commit mode between transactions so that it holds no lock (the
   * driver's own transactions would begin the next one, and take the write lock, at commit).
   */
  private <T> T inKeptConnection(Work<T> work, boolean durable) throws SQLException {
    Connection c = kept;
    if (c != null && !Objects.equals(keptFileKey, fileKey())) {
      // The file was deleted or replaced: the kept connection would write where nobody reads.
      forget(c, new SQLException("the store file changed"));
      c = null;
    }
    if (c == null) {
      Object key = fileKey();
      c = DriverManager.getConnection(url, properties);
      kept = c;
      keptFileKey = key == null ? fileKey() : key;
    }
    boolean began = false;
    try (Statement s = c.createStatement()) {
      if (durable) {
        s.execute("PRAGMA synchronous = FULL");
      }
      try {
        s.execute("BEGIN IMMEDIATE");
        began = true;
        T result = work.apply(c);
        s.execute("COMMIT");
        began = false;
        return result;
      } finally {
        if (began) {
          s.execute("ROLLBACK");
        }
        if (durable) {
          s.execute("PRAGMA synchronous = NORMAL");
        }
      }
    } catch (SQLException | RuntimeException e) {
      forget(c, e);
      throw e;
    }
  }

  /** The identity (device and inode) of the store file now; null if missing or not a file. */
  private Object fileKey() {
    if (file == null) {
      return null;
    }
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** The file of a {@code jdbc:sqlite:} URL's path, or null for memory and {@code file:} URIs. */
  private static Path storeFile(String path) {
    int query = path.indexOf('?');
    String name = query >= 0 ? path.substring(0, query) : path;
    if (name.isEmpty() || name.equals(":memory:") || name.startsWith("file:")) {
      return null;
    }
    return Path.of(name).toAbsolutePath();
  }

  /** Closes a connection that failed, so that the next operation starts on a fresh one. */
  private void forget(Connection c, Exception cause) {
    kept = null;
    try {
      c.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Closes this process's SQLite connection (the last one to close checkpoints the WAL into the
   * database file). An operation after it opens a connection again (reading the store after a stop
   * stays possible). Nothing to do on PostgreSQL.
   */
  @Override
  public void close() {
    synchronized (sqliteLock) {
      Connection c = kept;
      kept = null;
      if (c != null) {
        try {
          c.close();
        } catch (SQLException e) {
          LOG.warn("store: closing the connection failed: {}", e.getMessage());
        }
      }
    }
  }

  private <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, properties)) {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private void migrate() throws SQLException {
    transaction(
        c -> {
          lockForMigration(c);
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name"
                    + " VARCHAR(200) NOT NULL)");
          }
          return null;
        });
    for (int i = 0; i < MIGRATIONS.size(); i++) {
      int version = i + 1;
      String name = MIGRATIONS.get(i);
      transaction(
          c -> {
            lockForMigration(c);
            try (PreparedStatement q =
                c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
              q.setInt(1, version);
              try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                  return null;
                }
              }
            }
            try (Statement s = c.createStatement()) {
              for (String sql : statements(inDialect(load(name), dialect))) {
                s.execute(sql);
              }
            }
            try (PreparedStatement ins =
                c.prepareStatement("INSERT INTO schema_version (version, name) VALUES (?, ?)")) {
              ins.setInt(1, version);
              ins.setString(2, name);
              ins.executeUpdate();
            }
            LOG.info("store: applied migration {}", name);
            return null;
          });
    }
  }

  /**
   * Keeps other processes from migrating until this transaction ends: on SQLite the {@code
   * IMMEDIATE} transaction already holds the write lock; PostgreSQL takes an advisory lock.
   */
  private void lockForMigration(Connection c) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        s.setLong(1, MIGRATION_LOCK);
        s.execute();
      }
    }
  }

  static List<String> statements(String script) {
    StringBuilder current = new StringBuilder();
    java.util.ArrayList<String> result = new java.util.ArrayList<>();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        result.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      result.add(current.toString().strip());
    }
    return result;
  }

  /** Replaces the dialect placeholders of a migration script. */
  static String inDialect(String script, Dialect dialect) {
    return script.replace(
        "${AUTO_ID}",
        dialect == Dialect.SQLITE
            ? "INTEGER PRIMARY KEY AUTOINCREMENT"
            : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
  }

  private static String load(String name) {
    String path = "migrations/" + name;
    try (InputStream in = Database.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing migration " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes a new SQLite store private before SQLite opens it: missing folders are created 0700 and a
   * missing file is created empty with mode 0600, without following a link planted at its name.
   * SQLite gives its -wal and -shm files the database file's mode. An existing file or folder is
   * left as it is (it may be shared on purpose).
   */
  private static void createParentFolder(String path) throws SQLException {
    int query = path.indexOf('?');
    String file = query >= 0 ? path.substring(0, query) : path;
    if (file.isEmpty() || file.equals(":memory:") || file.startsWith("file:")) {
      return;
    }
    Path target = Path.of(file).toAbsolutePath();
    Path parent = target.getParent();
    try {
      if (parent != null && !Files.isDirectory(parent)) {
        createPrivately(parent, true);
      }
      if (Files.isSymbolicLink(target) && !Files.exists(target)) {
        throw new SQLException(
            "the store "
                + file
                + " is a link to a missing file; kiwiops does not create through it");
      }
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        try {
          createPrivately(target, false);
        } catch (FileAlreadyExistsException race) {
          // another process created it first: it made it private, and it is ours to open
        }
      }
    } catch (IOException e) {
      throw new SQLException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  private static void createPrivately(Path path, boolean folder) throws IOException {
    FileAttribute<?> mode =
        PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString(folder ? "rwx------" : "rw-------"));
    try {
      if (folder) {
        Files.createDirectories(path, mode);
      } else {
        Files.createFile(path, mode);
      }
    } catch (UnsupportedOperationException notPosix) {
      if (folder) {
        Files.createDirectories(path);
      } else {
        Files.createFile(path);
      }
    }
  }
}

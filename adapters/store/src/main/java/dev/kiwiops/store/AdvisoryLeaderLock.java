package dev.kiwiops.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader lock of a group of kiwiops replicas on one PostgreSQL database: a session-level
 * advisory lock held on a connection of its own (never one of the store's, never through a pooler,
 * which would hand the session to someone else).
 *
 * <p>Advisory locks stack: a session that takes one twice must release it twice. So the lock is
 * taken once ({@link #tryAcquire()}) and afterwards only checked ({@link #stillHeld()}) on the same
 * connection, by asking {@code pg_locks} whether this session holds it.
 *
 * <p>A half-open connection must end fast on both sides. The client side has {@code tcpKeepAlive}
 * and a socket timeout, and every check runs with a query timeout. The server side gets, through
 * the connection's {@code options}, keepalives and {@code tcp_user_timeout} for this one session:
 * PostgreSQL ends the session of a frozen or cut-off leader, which releases the lock for the
 * standby, within {@link #serverGiveUp(Duration)}. Keepalives are answered by the kernel, so they
 * do not end the session of a leader whose process froze on a live host (stopped, swapping, a
 * runaway pause): once the lock is taken, the session also gets {@code idle_session_timeout}
 * (PostgreSQL 14 and later), and PostgreSQL ends it when no check came for that long.
 *
 * <p>Not thread-safe: one thread (the leadership loop) uses it.
 */
public final class AdvisoryLeaderLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLeaderLock.class);

  /** The advisory lock key of kiwiops leadership (any constant unique to kiwiops). */
  public static final long DEFAULT_KEY = 0x6b69776c656164L;

  private final String url;
  private final Properties properties;
  private final long key;
  private final Duration heartbeat;
  private Connection connection;
  private boolean held;

  /**
   * @param url the store's {@code jdbc:postgresql:} URL
   * @param key the advisory lock key
   * @param heartbeat how often the holder checks the lock; timeouts are derived from it
   */
  public AdvisoryLeaderLock(String url, long key, Duration heartbeat) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("the leader lock needs a PostgreSQL store");
    }
    this.url = url;
    this.key = key;
    this.heartbeat = Objects.requireNonNull(heartbeat);
    this.properties = connectionProperties(heartbeat);
  }

  /** How long PostgreSQL takes at most to end the session of a leader that went silent. */
  public static Duration serverGiveUp(Duration heartbeat) {
    return heartbeat.multipliedBy(3);
  }

  static Properties connectionProperties(Duration heartbeat) {
    long seconds = Math.max(1, heartbeat.toSeconds());
    Properties p = new Properties();
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("connectTimeout", String.valueOf(Math.max(1, seconds * 2)));
    p.setProperty("socketTimeout", String.valueOf(Math.max(2, seconds * 2)));
    p.setProperty("ApplicationName", "kiwiops leader lock");
    // Server side, for this session only: probe an idle client after one heartbeat, every
    // heartbeat, and give up on unacknowledged data after three.
    p.setProperty(
        "options",
        "-c tcp_keepalives_idle="
            + seconds
            + " -c tcp_keepalives_interval="
            + seconds
            + " -c tcp_keepalives_count=2"
            + " -c tcp_user_timeout="
            + serverGiveUp(heartbeat).toMillis());
    return p;
  }

  /**
   * Tries once to take the lock, on a new connection if there is none. True if this session holds
   * it now. Never called again while it is held (the lock would stack).
   *
   * @throws SQLException if the database cannot be reached (the connection is closed)
   */
  public boolean tryAcquire() throws SQLException {
    if (held) {
      throw new IllegalStateException("the leader lock is already held; check it with stillHeld");
    }
    try {
      if (connection == null || connection.isClosed()) {
        connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(true);
      }
      try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        s.setQueryTimeout(queryTimeoutSeconds());
        s.setLong(1, key);
        try (ResultSet rs = s.executeQuery()) {
          held = rs.next() && rs.getBoolean(1);
        }
      }
      if (held) {
        endSessionWhenSilent();
      }
      return held;
    } catch (SQLException | RuntimeException e) {
      drop();
      throw e;
    }
  }

  /**
   * Tells PostgreSQL to end this session (and so release the lock) when the holder has sent no
   * check for {@link #serverGiveUp(Duration)}. A server without the setting (before 14) keeps the
   * lock of a frozen process until its host stops answering keepalives: said once, not fatal.
   */
  private void endSessionWhenSilent() {
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(queryTimeoutSeconds());
      s.execute("SET idle_session_timeout = " + serverGiveUp(heartbeat).toMillis());
    } catch (SQLException e) {
      LOG.warn(
          "leader lock: PostgreSQL cannot end a silent leader's session (idle_session_timeout"
              + " needs PostgreSQL 14): a frozen leader process keeps the lock until its host"
              + " stops answering ({})",
          e.getMessage());
    }
  }

  /**
   * Whether this session still holds the lock, asked on the same connection (never by taking it
   * again). False, with the connection closed, when the answer is no or does not come in time.
   */
  public boolean stillHeld() {
    if (!held || connection == null) {
      return false;
    }
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND pid = pg_backend_pid() AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
      s.setQueryTimeout(queryTimeoutSeconds());
      s.setLong(1, key >>> 32);
      s.setLong(2, key & 0xffffffffL);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          return true;
        }
      }
      LOG.warn("leader lock: this session no longer holds the lock");
    } catch (SQLException | RuntimeException e) {
      LOG.warn("leader lock: the lock connection failed: {}", e.getMessage());
    }
    drop();
    return false;
  }

  /** Whether the lock is held, as last seen (no database round trip). */
  public boolean held() {
    return held;
  }

  /** The PostgreSQL process id of the lock's session (tests end it to cut the connection). */
  public int backendPid() throws SQLException {
    if (connection == null) {
      throw new SQLException("no lock connection");
    }
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_backend_pid()");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Releases the lock once, keeping the connection (tests: one unlock must free it). */
  boolean unlockOnce() throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      s.setLong(1, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** A run-time setting of the lock's session, as the server sees it (tests). */
  String setting(String name) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT current_setting(?)")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private int queryTimeoutSeconds() {
    return (int) Math.max(1, heartbeat.toSeconds());
  }

  /** As {@link #release()}. */
  @Override
  public void close() {
    release();
  }

  /**
   * Gives the lock up (unlocking it if the session still answers) and closes the connection; {@link
   * #tryAcquire()} may take it again later.
   */
  public void release() {
    if (held && connection != null) {
      try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        s.setQueryTimeout(queryTimeoutSeconds());
        s.setLong(1, key);
        s.execute();
      } catch (SQLException | RuntimeException e) {
        LOG.debug("leader lock: unlock failed, closing the session releases it", e);
      }
    }
    drop();
  }

  /** Forgets the lock and closes the connection, which releases a lock PostgreSQL still holds. */
  private void drop() {
    held = false;
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException | RuntimeException e) {
        LOG.debug("leader lock: closing the connection failed", e);
      }
    }
  }
}

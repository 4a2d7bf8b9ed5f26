package dev.kiwiops.config;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.access.Person;
import dev.kiwiops.core.access.Role;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.report.ReportSettings;
import dev.kiwiops.core.watch.WatcherSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration (README, "Configuration"; config/kiwiops.example.yml). Secrets are
 * already resolved from the environment or files and wrapped in {@link Secret}. {@code people}
 * links the identities of one person across platforms (README, "People").
 */
public record KiwiopsConfig(
    URI apiUrl,
    Duration timeout,
    List<FleetServer> servers,
    List<Role> roles,
    List<Binding> access,
    List<Person> people,
    Duration confirmTtl,
    Duration approvalTtl,
    Set<String> approval,
    Set<String> alsoConfirm,
    Optional<Discord> discord,
    Optional<Telegram> telegram,
    Alerts alerts,
    String storeUrl,
    Http http,
    Logging logging,
    Duration shutdownGrace,
    ReportSettings reports,
    Ha ha) {

  public static final URI DEFAULT_API_URL = URI.create("https://api.64clouds.com/v1/");

  /** How long {@code run} waits at shutdown for commands and alert deliveries (20 s). */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

  /**
   * The Discord bot: its token, the guilds whose slash commands it registers, and where the REST
   * API and the gateway are (empty: Discord's own; tests point them at local fake servers).
   */
  public record Discord(
      Secret token, List<String> guilds, Optional<URI> apiUrl, Optional<URI> gatewayUrl) {}

  /** The Telegram bot: its token and the Bot API server (self-hosted servers and tests). */
  public record Telegram(Secret token, URI apiUrl) {}

  /**
   * The HTTP server of {@code /healthz}, {@code /readyz} and {@code /metrics}.
   *
   * @param port the TCP port; 0 turns the server off
   * @param bind the address to listen on; 127.0.0.1 by default, so metrics are not exposed by
   *     accident ({@code 0.0.0.0} in a container whose port is published)
   */
  public record Http(int port, String bind) {
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_BIND = "127.0.0.1";

    public static Http defaults() {
      return new Http(DEFAULT_PORT, DEFAULT_BIND);
    }

    public static Http off() {
      return new Http(0, DEFAULT_BIND);
    }

    public boolean enabled() {
      return port > 0;
    }
  }

  /** How log lines are written to standard error. */
  public record Logging(Format format) {
    /** {@code text} for people, {@code json} (one object per line) for log shippers. */
    public enum Format {
      TEXT,
      JSON
    }

    public static Logging defaults() {
      return new Logging(Format.TEXT);
    }
  }

  /**
   * High availability ({@code ha:}): replicas on one PostgreSQL store, one of them the leader (it
   * holds an advisory lock) that runs the watcher, the outbox delivery and the chat platforms.
   *
   * @param enabled whether this process is one of several replicas
   * @param heartbeat how often the leader checks its lock and a standby tries to take it
   */
  public record Ha(boolean enabled, Duration heartbeat) {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    public static Ha off() {
      return new Ha(false, DEFAULT_HEARTBEAT);
    }
  }

  /**
   * The watcher's settings and alert routes.
   *
   * @param forecast {@code alerts.bandwidth-forecast}
   */
  public record Alerts(
      boolean enabled,
      Duration interval,
      Duration remind,
      List<Integer> bandwidthThresholds,
      List<Route> routes,
      WatcherSettings.Forecast forecast) {

    /** Alerts with the default transfer forecast. */
    public Alerts(
        boolean enabled,
        Duration interval,
        Duration remind,
        List<Integer> bandwidthThresholds,
        List<Route> routes) {
      this(
          enabled, interval, remind, bandwidthThresholds, routes, WatcherSettings.Forecast.DEFAULT);
    }
  }

  /**
   * Sends alerts of some kinds about some servers (by name or tag) to chat destinations. Empty
   * kinds, servers and tags mean all.
   */
  public record Route(
      Set<String> kinds,
      Set<String> servers,
      Set<String> tags,
      Optional<String> discordChannel,
      Optional<String> telegramChat) {}
}

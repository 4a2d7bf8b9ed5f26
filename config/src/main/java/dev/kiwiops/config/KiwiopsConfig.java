package dev.kiwiops.config;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.access.Role;
import dev.kiwiops.core.fleet.FleetServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validated configuration (README, "Configuration"; config/kiwiops.example.yml). Secrets are
 * already resolved from the environment or files and wrapped in {@link Secret}.
 */
public record KiwiopsConfig(
    URI apiUrl,
    Duration timeout,
    List<FleetServer> servers,
    List<Role> roles,
    List<Binding> access,
    Duration confirmTtl,
    Duration approvalTtl,
    Set<String> approval,
    Set<String> alsoConfirm,
    Optional<Discord> discord,
    Optional<Telegram> telegram,
    Alerts alerts,
    String storeUrl,
    int httpPort) {

  public static final URI DEFAULT_API_URL = URI.create("https://api.64clouds.com/v1/");

  /** The Discord bot: its token and the guilds whose slash commands it registers. */
  public record Discord(Secret token, List<String> guilds) {}

  /** The Telegram bot: its token and the Bot API server (self-hosted servers and tests). */
  public record Telegram(Secret token, URI apiUrl) {}

  /** The watcher's settings and alert routes. */
  public record Alerts(
      boolean enabled,
      Duration interval,
      Duration remind,
      List<Integer> bandwidthThresholds,
      List<Route> routes) {}

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

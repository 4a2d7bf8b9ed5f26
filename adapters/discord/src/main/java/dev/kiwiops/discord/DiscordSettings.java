package dev.kiwiops.discord;

import dev.kiwiops.core.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the Discord adapter needs from the configuration.
 *
 * @param token the bot token (never logged or shown)
 * @param guilds guild (server) ids where slash commands are registered at once; empty registers
 *     them globally (Discord may take up to an hour to show global commands)
 * @param apiUrl the REST base, ending in {@code /api/v10/}: Discord's own or a REST proxy
 * @param gatewayUrl the gateway WebSocket: Discord's own or a gateway proxy
 * @param workers threads that run commands (never JDA's gateway thread)
 * @param queue commands that may wait for a worker before new ones are refused as busy
 * @param startTimeout how long {@code start} waits for the gateway to be ready
 */
public record DiscordSettings(
    Secret token,
    List<String> guilds,
    String apiUrl,
    String gatewayUrl,
    int workers,
    int queue,
    Duration startTimeout) {

  /** Discord's REST API, version 10. */
  public static final String DEFAULT_API_URL = "https://discord.com/api/v10/";

  /** Discord's gateway. */
  public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";

  public DiscordSettings {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("discord.token is empty");
    }
    guilds = List.copyOf(guilds);
    for (String guild : guilds) {
      if (!guild.matches("[0-9]{1,20}")) {
        throw new IllegalArgumentException(
            "discord.guilds: '" + guild + "' is not a guild id (digits, from developer mode)");
      }
    }
    apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    requireScheme("discord.api-url", apiUrl, "http", "https");
    requireScheme("discord.gateway-url", gatewayUrl, "ws", "wss");
    if (workers < 1 || queue < 1) {
      throw new IllegalArgumentException("discord workers and queue must be at least 1");
    }
    Objects.requireNonNull(startTimeout, "startTimeout");
  }

  /** Discord's own endpoints, four workers, a queue of 64 and a 60-second start. */
  public static DiscordSettings of(Secret token, List<String> guilds) {
    return new DiscordSettings(
        token, guilds, DEFAULT_API_URL, DEFAULT_GATEWAY_URL, 4, 64, Duration.ofSeconds(60));
  }

  /** The same settings with other endpoints (a proxy, or a local fake in tests). */
  public DiscordSettings withEndpoints(String api, String gateway) {
    return new DiscordSettings(token, guilds, api, gateway, workers, queue, startTimeout);
  }

  /** The same settings with another start timeout. */
  public DiscordSettings withStartTimeout(Duration timeout) {
    return new DiscordSettings(token, guilds, apiUrl, gatewayUrl, workers, queue, timeout);
  }

  private static void requireScheme(String key, String url, String... schemes) {
    String scheme;
    try {
      scheme = URI.create(url).getScheme();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": not a URL");
    }
    if (scheme == null || !List.of(schemes).contains(scheme)) {
      throw new IllegalArgumentException(
          key + ": must start with " + String.join(":// or ", schemes) + "://");
    }
  }
}

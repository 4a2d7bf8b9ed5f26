package dev.kiwiops.telegram;

import dev.kiwiops.core.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the Telegram adapter needs from the configuration.
 *
 * @param token the bot token from BotFather ({@code telegram.token})
 * @param apiUrl the Bot API server ({@code telegram.api-url}): Telegram's own by default, a
 *     self-hosted Bot API server, or a test server; scheme, host and port only
 * @param botUsername the bot's username without {@code @}, or empty to ask Telegram ({@code getMe})
 *     at start; commands addressed to another bot ({@code /help@otherbot}) are ignored
 * @param pollTimeout how long one {@code getUpdates} long poll waits for news (1 to 50 s)
 */
public record TelegramSettings(Secret token, URI apiUrl, String botUsername, Duration pollTimeout) {
  public static final URI TELEGRAM_API = URI.create("https://api.telegram.org");
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(50);

  public TelegramSettings {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(botUsername, "botUsername");
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("telegram.token is empty");
    }
    String scheme = apiUrl.getScheme() == null ? "" : apiUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || apiUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "telegram.api-url must be an http(s) URL such as https://api.telegram.org");
    }
    String path = apiUrl.getPath() == null ? "" : apiUrl.getPath();
    if (!path.isEmpty() && !path.equals("/")) {
      throw new IllegalArgumentException(
          "telegram.api-url takes a scheme, host and port only, without a path");
    }
    botUsername = botUsername.startsWith("@") ? botUsername.substring(1) : botUsername;
    if (pollTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || pollTimeout.compareTo(Duration.ofSeconds(50)) > 0) {
      throw new IllegalArgumentException("the Telegram poll timeout must be 1 to 50 seconds");
    }
  }

  /** Telegram's own API, the username asked at start, 50 s long polls. */
  public static TelegramSettings of(Secret token) {
    return new TelegramSettings(token, TELEGRAM_API, "", DEFAULT_POLL_TIMEOUT);
  }

  public TelegramSettings withApiUrl(URI value) {
    return new TelegramSettings(token, value, botUsername, pollTimeout);
  }

  public TelegramSettings withBotUsername(String value) {
    return new TelegramSettings(token, apiUrl, value, pollTimeout);
  }

  public TelegramSettings withPollTimeout(Duration value) {
    return new TelegramSettings(token, apiUrl, botUsername, value);
  }

  int port() {
    if (apiUrl.getPort() > 0) {
      return apiUrl.getPort();
    }
    return apiUrl.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}

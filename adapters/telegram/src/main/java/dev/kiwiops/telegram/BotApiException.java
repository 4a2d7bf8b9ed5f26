package dev.kiwiops.telegram;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A Bot API call that failed: Telegram's error code and description (0 and a cleaned cause for a
 * network failure), and its {@code retry_after} on a 429. The message never holds the token.
 */
final class BotApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final int code;
  private final String description;
  private final Duration retryAfter;

  BotApiException(String method, int code, String description, Duration retryAfter) {
    super(method + " failed: " + (code == 0 ? "" : code + " ") + description);
    this.method = method;
    this.code = code;
    this.description = description;
    this.retryAfter = retryAfter;
  }

  String method() {
    return method;
  }

  /** Telegram's error code, or 0 when no answer came (network). */
  int code() {
    return code;
  }

  String description() {
    return description;
  }

  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  boolean isNetwork() {
    return code == 0;
  }

  boolean isForbidden() {
    return code == 403;
  }

  boolean isTooManyRequests() {
    return code == 429;
  }

  /** Telegram's answer to an edit that changes nothing: not a failure for us. */
  boolean isNotModified() {
    return code == 400 && description.toLowerCase(Locale.ROOT).contains("message is not modified");
  }
}

package dev.kiwiops.core.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * A chat platform's health as the health check reports it.
 *
 * @param up whether the platform is connected and taking commands
 * @param detail one sentence for an operator (never a token): {@code "connected"}, {@code "another
 *     process polls this bot token (409 Conflict)"}
 * @param since when the platform entered this state
 */
public record PlatformHealth(boolean up, String detail, Instant since) {
  public PlatformHealth {
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(since, "since");
  }

  public static PlatformHealth up(Instant since) {
    return new PlatformHealth(true, "connected", since);
  }

  public static PlatformHealth down(String detail, Instant since) {
    return new PlatformHealth(false, detail, since);
  }
}

package dev.kiwiops.core.watch;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of alert the watcher raises (README, "Alerts"), by the names used in config and chat.
 */
public enum AlertKind {
  NULLROUTE("nullroute", Severity.CRITICAL),
  POLICY_VIOLATION("policy-violation", Severity.CRITICAL),
  SUSPENDED("suspended", Severity.CRITICAL),
  ABUSE_POINTS("abuse-points", Severity.WARNING),
  THROTTLED("throttled", Severity.WARNING),
  BANDWIDTH("bandwidth", Severity.WARNING),
  BANDWIDTH_FORECAST("bandwidth-forecast", Severity.WARNING),
  DOWN("down", Severity.CRITICAL),
  API_AUTH("api-auth", Severity.CRITICAL),
  RATE_LIMIT("rate-limit", Severity.WARNING);

  private final String id;
  private final Severity defaultSeverity;

  AlertKind(String id, Severity defaultSeverity) {
    this.id = id;
    this.defaultSeverity = defaultSeverity;
  }

  /** The name in config and messages: {@code policy-violation}. */
  public String id() {
    return id;
  }

  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** The kind named {@code text} (case-insensitive), if any. */
  public static Optional<AlertKind> parse(String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    for (AlertKind kind : values()) {
      if (kind.id.equals(lower)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}

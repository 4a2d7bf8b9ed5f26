package dev.kiwiops.core.watch;

import dev.kiwiops.core.kiwivm.RateLimitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code rate-limit}: the points left in a rate-limit window fell below 10 % of its cap. */
final class RateLimitRule implements AlertRule {
  private final WatcherSettings.RateLimitCaps caps;

  RateLimitRule(WatcherSettings.RateLimitCaps caps) {
    this.caps = caps;
  }

  @Override
  public AlertKind kind() {
    return AlertKind.RATE_LIMIT;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    if (o.rateLimit().isEmpty()) {
      return Optional.empty();
    }
    RateLimitStatus status = o.rateLimit().get();
    String server = o.server().name();
    List<Finding> findings = new ArrayList<>();
    check(
        findings, server, "15min", "15-minute", status.remainingPoints15Min(), caps.points15Min());
    check(findings, server, "24h", "24-hour", status.remainingPoints24H(), caps.points24H());
    return Optional.of(findings);
  }

  private void check(
      List<Finding> findings, String server, String subject, String label, long left, long cap) {
    if (left * 10 < cap) {
      findings.add(
          Finding.of(
              new IncidentKey(kind(), server, subject),
              server + ": " + label + " API rate limit nearly used up",
              left
                  + " of about "
                  + cap
                  + " points left in the "
                  + label
                  + " window. Commands and the watcher may be refused until it recovers."));
    }
  }

  @Override
  public String resolvedText(Incident incident) {
    return "The " + incident.key().subject() + " rate-limit window has recovered.";
  }
}

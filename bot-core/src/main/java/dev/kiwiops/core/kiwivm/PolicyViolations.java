package dev.kiwiops.core.kiwivm;

import java.time.Instant;
import java.util.List;

/** {@code getPolicyViolations}: active violations, each with the time the VPS gets suspended. */
public record PolicyViolations(
    long totalAbusePoints, long maxAbusePoints, List<Violation> violations) {
  public PolicyViolations {
    violations = List.copyOf(violations);
  }

  /** One violation; {@code soft} ones can be resolved through the API. */
  public record Violation(
      long recordId,
      Instant createdAt,
      Instant suspendAt,
      String flag,
      boolean soft,
      long abusePoints,
      String evidence) {}
}

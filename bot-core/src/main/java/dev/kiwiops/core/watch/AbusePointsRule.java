package dev.kiwiops.core.watch;

import dev.kiwiops.core.kiwivm.ServiceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code abuse-points}: the total crossed 50 % or 80 % of the maximum; raised once per threshold.
 * When the points fall back below a threshold the incident ends silently, so a later crossing is
 * announced again.
 */
final class AbusePointsRule implements AlertRule {
  private static final int[] THRESHOLDS = {50, 80};

  @Override
  public AlertKind kind() {
    return AlertKind.ABUSE_POINTS;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    if (o.info().isEmpty()) {
      return Optional.empty();
    }
    ServiceInfo info = o.info().get();
    List<Finding> findings = new ArrayList<>();
    if (info.maxAbusePoints() <= 0) {
      // No maximum in this answer: no share can be told, and closing now would repeat the alert.
      return Optional.empty();
    }
    String server = o.server().name();
    for (int threshold : THRESHOLDS) {
      if (info.totalAbusePoints() * 100 >= (long) threshold * info.maxAbusePoints()) {
        findings.add(
            Finding.of(
                new IncidentKey(kind(), server, threshold + "%"),
                server + ": abuse points above " + threshold + "%",
                info.totalAbusePoints()
                    + " of "
                    + info.maxAbusePoints()
                    + " abuse points; the server is suspended when the maximum is reached."));
      }
    }
    return Optional.of(findings);
  }

  @Override
  public boolean announcesResolution() {
    return false;
  }
}

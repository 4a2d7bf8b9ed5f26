package dev.kiwiops.core.watch;

import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code throttled}: CPU or disk I/O throttling reported by live info, one incident each. */
final class ThrottledRule implements AlertRule {

  @Override
  public AlertKind kind() {
    return AlertKind.THROTTLED;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    if (o.live().isEmpty()) {
      return Optional.empty();
    }
    LiveServiceInfo live = o.live().get();
    String server = o.server().name();
    List<Finding> findings = new ArrayList<>();
    if (live.cpuThrottled()) {
      findings.add(
          Finding.of(
              new IncidentKey(kind(), server, "cpu"),
              server + ": CPU throttled",
              "KiwiVM is throttling the CPU of " + server + " for sustained high usage."));
    }
    if (live.diskThrottled()) {
      findings.add(
          Finding.of(
              new IncidentKey(kind(), server, "disk"),
              server + ": disk I/O throttled",
              "KiwiVM is throttling the disk I/O of " + server + " for sustained high usage."));
    }
    return Optional.of(findings);
  }

  @Override
  public String resolvedText(Incident incident) {
    return (incident.key().subject().equals("cpu") ? "CPU" : "Disk I/O") + " throttling has ended.";
  }
}

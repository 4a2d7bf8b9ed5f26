package dev.kiwiops.core.watch;

import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bandwidth}: transfer used this month crossed a configured share of the quota, with the
 * location's multiplier applied to both. Ends when the counter resets below the threshold.
 */
final class BandwidthRule implements AlertRule {
  private final List<Integer> thresholds;

  BandwidthRule(List<Integer> thresholds) {
    this.thresholds = List.copyOf(thresholds);
  }

  @Override
  public AlertKind kind() {
    return AlertKind.BANDWIDTH;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    if (o.info().isEmpty()) {
      return Optional.empty();
    }
    ServiceInfo info = o.info().get();
    long quota = info.scaledMonthlyData();
    List<Finding> findings = new ArrayList<>();
    if (quota <= 0) {
      // No quota in this answer: nothing can be told, and an open incident was not reset.
      return Optional.empty();
    }
    long used = info.scaledDataCounter();
    String server = o.server().name();
    for (int threshold : thresholds) {
      // used / quota >= threshold %, without overflow for byte counts near 2^63 / 100.
      if ((double) used * 100 >= (double) threshold * quota) {
        String reset =
            info.dataNextReset() == null
                ? ""
                : " The counter resets "
                    + Units.relative(info.dataNextReset(), o.now())
                    + " ("
                    + Units.utc(info.dataNextReset())
                    + ").";
        String multiplier =
            info.monthlyDataMultiplier() == 1.0
                ? ""
                : " (multiplier " + info.monthlyDataMultiplier() + " applied)";
        findings.add(
            Finding.of(
                new IncidentKey(kind(), server, threshold + "%"),
                server + ": " + threshold + "% of the monthly transfer used",
                Units.bytes(used)
                    + " of "
                    + Units.bytes(quota)
                    + " used ("
                    + Units.percent((double) used / quota)
                    + ")"
                    + multiplier
                    + "."
                    + reset
                    + (threshold >= 100
                        ? " Over quota, the provider may cut the network speed."
                        : "")));
      }
    }
    return Optional.of(findings);
  }

  @Override
  public String resolvedText(Incident incident) {
    return "The transfer counter is below " + incident.key().subject() + " again (reset).";
  }
}

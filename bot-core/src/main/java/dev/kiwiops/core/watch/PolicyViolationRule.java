package dev.kiwiops.core.watch;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code policy-violation}: one incident per violation record, with the suspension deadline. The
 * cheap {@code policy_violation} flag of service info tells that none is open; the list itself
 * comes from {@code getPolicyViolations}, fetched only when the flag is set.
 */
final class PolicyViolationRule implements AlertRule {
  private static final int EVIDENCE_INLINE = 600;

  @Override
  public AlertKind kind() {
    return AlertKind.POLICY_VIOLATION;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    if (o.info().isEmpty()) {
      return Optional.empty();
    }
    if (o.violations().isEmpty()) {
      // Without the list, only "none at all" can be told from the flag.
      return o.info().get().policyViolation() ? Optional.empty() : Optional.of(List.of());
    }
    String server = o.server().name();
    List<Finding> findings = new ArrayList<>();
    for (PolicyViolations.Violation v : o.violations().get().violations()) {
      StringBuilder body = new StringBuilder();
      if (v.suspendAt() != null) {
        Duration left = Duration.between(o.now(), v.suspendAt());
        body.append(
                left.isNegative() || left.isZero()
                    ? "Suspension was due " + countdown(left.negated()) + " ago"
                    : "The server will be suspended in " + countdown(left))
            .append(" (")
            .append(Units.utc(v.suspendAt()))
            .append(").");
      } else {
        body.append("No suspension deadline given.");
      }
      body.append("\nAbuse points: ").append(v.abusePoints());
      body.append(
          v.soft()
              ? ". Soft violation: it can be resolved from here."
              : ". Hard violation: contact the provider.");
      String evidence = v.evidence() == null ? "" : v.evidence().strip();
      Optional<Attachment> attachment = Optional.empty();
      if (evidence.length() > EVIDENCE_INLINE) {
        attachment =
            Optional.of(
                Attachment.text(
                    "violation-" + server + "-" + v.recordId() + ".txt", evidence + "\n"));
      } else if (!evidence.isEmpty()) {
        body.append("\nEvidence: ").append(evidence);
      }
      // Fleet names are bounded by the configuration, so the token always fits a button.
      List<Button> buttons =
          v.soft() && FleetServer.NAME.matcher(server).matches() && v.recordId() >= 0
              ? List.of(
                  Button.of(
                      "Resolve", ButtonToken.resolve(server, v.recordId()), Button.Style.DANGER))
              : List.of();
      String flag = v.flag() == null || v.flag().isBlank() ? "" : " (" + v.flag() + ")";
      findings.add(
          new Finding(
              new IncidentKey(kind(), server, String.valueOf(v.recordId())),
              server + ": policy violation #" + v.recordId() + flag,
              body.toString(),
              attachment,
              buttons));
    }
    return Optional.of(findings);
  }

  /** A deadline to the minute, truncated: {@code 1 d 11 h}, {@code 35 h 59 min}, {@code 4 min}. */
  static String countdown(Duration d) {
    long minutes = d.toMinutes();
    if (minutes >= 72 * 60) {
      return (minutes / 1440) + " d " + (minutes % 1440) / 60 + " h";
    } else if (minutes >= 60) {
      return (minutes / 60) + " h " + (minutes % 60) + " min";
    }
    return Math.max(minutes, 0) + " min";
  }

  @Override
  public String resolvedText(Incident incident) {
    return "Policy violation #" + incident.key().subject() + " is no longer listed.";
  }
}

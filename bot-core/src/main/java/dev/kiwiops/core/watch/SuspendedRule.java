package dev.kiwiops.core.watch;

import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.reply.Attachment;
import java.util.List;
import java.util.Optional;

/**
 * {@code suspended}: the server is suspended. Details come from {@code getSuspensionDetails}, which
 * the watcher fetches only when the flag is set and no incident is open yet.
 */
final class SuspendedRule implements AlertRule {
  private static final int EVIDENCE_INLINE = 600;

  @Override
  public AlertKind kind() {
    return AlertKind.SUSPENDED;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    if (o.info().isEmpty()) {
      return Optional.empty();
    }
    if (!o.info().get().suspended()) {
      return Optional.of(List.of());
    }
    if (o.suspension().isEmpty() && !o.suspensionAsked()) {
      // Still suspended, and the details were fetched when the incident opened: keep its text.
      return Optional.empty();
    }
    String server = o.server().name();
    StringBuilder body = new StringBuilder();
    StringBuilder evidence = new StringBuilder();
    if (o.suspension().isEmpty()) {
      body.append("Suspension details could not be fetched; try abuse suspensions ")
          .append(server)
          .append('.');
    } else {
      SuspensionDetails d = o.suspension().get();
      body.append("Abuse points: ")
          .append(d.totalAbusePoints())
          .append(" of ")
          .append(d.maxAbusePoints())
          .append(". Suspensions so far: ")
          .append(d.suspensionCount())
          .append('.');
      for (SuspensionDetails.Suspension s : d.suspensions()) {
        body.append("\nRecord ")
            .append(s.recordId())
            .append(s.flag() == null || s.flag().isBlank() ? "" : " (" + s.flag() + ")")
            .append(s.soft() ? ": soft, can be lifted with abuse unsuspend" : ": hard")
            .append(", ")
            .append(s.abusePoints())
            .append(" points.");
        if (s.evidence() != null && !s.evidence().isBlank()) {
          evidence
              .append("Record ")
              .append(s.recordId())
              .append(" evidence ")
              .append(s.evidenceRecordId())
              .append(":\n")
              .append(s.evidence().strip())
              .append("\n\n");
        }
      }
    }
    Optional<Attachment> attachment = Optional.empty();
    if (evidence.length() > EVIDENCE_INLINE) {
      attachment =
          Optional.of(Attachment.text("suspension-" + server + ".txt", evidence.toString()));
    } else if (evidence.length() > 0) {
      body.append("\n").append(evidence.toString().strip());
    }
    return Optional.of(
        List.of(
            new Finding(
                new IncidentKey(kind(), server, ""),
                server + " is suspended",
                body.toString(),
                attachment,
                List.of())));
  }

  @Override
  public String resolvedText(Incident incident) {
    return incident.key().server() + " is no longer suspended.";
  }
}

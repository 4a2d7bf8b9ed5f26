package dev.kiwiops.core.watch;

import dev.kiwiops.core.reply.Button;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One open incident, as persisted: its short alert id ({@code A12}), what it is about, what its
 * alert said, when it was last announced, and who acknowledged or snoozed it.
 *
 * @param lastNotifiedAt when the alert or its latest reminder was queued for delivery
 * @param acknowledgedBy the identity that acknowledged it ({@code telegram:5}); stops reminders
 * @param snoozedUntil no reminder before this instant
 */
public record Incident(
    String alertId,
    IncidentKey key,
    Severity severity,
    String title,
    String body,
    List<Button> buttons,
    Instant openedAt,
    Instant lastNotifiedAt,
    Optional<String> acknowledgedBy,
    Optional<Instant> snoozedUntil) {

  public Incident {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    buttons = List.copyOf(buttons);
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(lastNotifiedAt, "lastNotifiedAt");
    Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
    Objects.requireNonNull(snoozedUntil, "snoozedUntil");
  }

  public boolean isAcknowledged() {
    return acknowledgedBy.isPresent();
  }

  /**
   * The same incident described as it is now (a deadline countdown, a "since" time), so that
   * reminders repeat current facts rather than those of the moment it was raised.
   */
  public Incident describedAs(String currentBody) {
    return new Incident(
        alertId,
        key,
        severity,
        title,
        currentBody,
        buttons,
        openedAt,
        lastNotifiedAt,
        acknowledgedBy,
        snoozedUntil);
  }

  public Incident notifiedAt(Instant at) {
    return new Incident(
        alertId, key, severity, title, body, buttons, openedAt, at, acknowledgedBy, snoozedUntil);
  }

  public Incident acknowledged(String by) {
    return new Incident(
        alertId,
        key,
        severity,
        title,
        body,
        buttons,
        openedAt,
        lastNotifiedAt,
        Optional.of(by),
        snoozedUntil);
  }

  public Incident snoozed(Instant until) {
    return new Incident(
        alertId,
        key,
        severity,
        title,
        body,
        buttons,
        openedAt,
        lastNotifiedAt,
        acknowledgedBy,
        Optional.of(until));
  }
}

package dev.kiwiops.core.watch;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message about an incident, as queued in the outbox and handed to every routed {@link
 * AlertSink}: the first announcement, a reminder, or the resolution, posted with {@link
 * AlertSink#deliver}; or what an earlier message of the incident reads once it was acknowledged,
 * snoozed or resolved, applied with {@link AlertSink#update}. It is a plain value so that the
 * outbox can persist it and deliver exactly this text after a restart.
 *
 * @param id the incident's short alert id ({@code A12}) that {@code alerts ack} takes
 * @param buttons extra actions beyond ack and snooze (a soft violation's "Resolve")
 */
public record Alert(
    String id,
    IncidentKey key,
    Severity severity,
    Phase phase,
    Instant at,
    String title,
    String body,
    Optional<Attachment> attachment,
    List<Button> buttons) {

  /**
   * Where in its incident's life a message is sent. {@code ACKNOWLEDGED} and {@code SNOOZED} only
   * ever edit earlier messages; {@code RESOLVED} is both posted and used to edit them.
   */
  public enum Phase {
    RAISED,
    REMINDER,
    RESOLVED,
    ACKNOWLEDGED,
    SNOOZED;

    /** Whether a message in this phase offers actions (ack, snooze, resolve a violation). */
    public boolean hasButtons() {
      return this == RAISED || this == REMINDER;
    }
  }

  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(attachment, "attachment");
    buttons = List.copyOf(buttons);
  }

  /**
   * The platform-neutral message: a tagged title, the body, the attachment, and, while the incident
   * is open and nobody has acted on this message, buttons to acknowledge and snooze it. A click
   * runs the matching command as the clicking user, so access control and confirmations apply to
   * each click.
   */
  public Reply toReply() {
    String tag =
        switch (phase) {
          case RAISED -> severity == Severity.CRITICAL ? "[CRITICAL]" : "[WARNING]";
          case REMINDER -> "[REMINDER]";
          case RESOLVED -> "[RESOLVED]";
          case ACKNOWLEDGED -> "[ACKNOWLEDGED]";
          case SNOOZED -> "[SNOOZED]";
        };
    Tone tone =
        switch (phase) {
          case RESOLVED -> Tone.SUCCESS;
          case ACKNOWLEDGED, SNOOZED -> Tone.INFO;
          default -> severity == Severity.CRITICAL ? Tone.ERROR : Tone.WARNING;
        };
    Reply.Builder reply = Reply.builder().title(tag + " " + id + " " + title).tone(tone);
    if (!body.isEmpty()) {
      reply.text(body);
    }
    attachment.ifPresent(reply::attach);
    if (phase.hasButtons()) {
      buttons.forEach(reply::button);
      reply.button(Button.of("Ack", ButtonToken.ack(id), Button.Style.PRIMARY));
      reply.button(Button.of("Snooze 1h", ButtonToken.snooze(id, "1h"), Button.Style.SECONDARY));
    }
    return reply.build();
  }
}

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
 * AlertSink}: the first announcement, a reminder, or the resolution. It is a plain value so that
 * the outbox can persist it and deliver exactly this text after a restart.
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

  /** Where in its incident's life a message is sent. */
  public enum Phase {
    RAISED,
    REMINDER,
    RESOLVED
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
   * The platform-neutral message: a tagged title, the body, the attachment, and buttons to
   * acknowledge and snooze while the incident is open. A click runs the matching command as the
   * clicking user, so access control and confirmations apply to each click.
   */
  public Reply toReply() {
    String tag =
        switch (phase) {
          case RAISED -> severity == Severity.CRITICAL ? "[CRITICAL]" : "[WARNING]";
          case REMINDER -> "[REMINDER]";
          case RESOLVED -> "[RESOLVED]";
        };
    Tone tone =
        phase == Phase.RESOLVED
            ? Tone.SUCCESS
            : severity == Severity.CRITICAL ? Tone.ERROR : Tone.WARNING;
    Reply.Builder reply = Reply.builder().title(tag + " " + id + " " + title).tone(tone);
    if (!body.isEmpty()) {
      reply.text(body);
    }
    attachment.ifPresent(reply::attach);
    if (phase != Phase.RESOLVED) {
      buttons.forEach(reply::button);
      reply.button(Button.of("Ack", ButtonToken.ack(id), Button.Style.PRIMARY));
      reply.button(Button.of("Snooze 1h", ButtonToken.snooze(id, "1h"), Button.Style.SECONDARY));
    }
    return reply.build();
  }
}

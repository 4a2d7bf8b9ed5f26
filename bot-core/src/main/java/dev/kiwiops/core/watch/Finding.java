package dev.kiwiops.core.watch;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Button;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a rule sees right now on one server: the incident it belongs to and what the alert
 * should say if it is new.
 *
 * @param buttons extra actions offered with the alert (besides ack and snooze), run as the clicker
 */
public record Finding(
    IncidentKey key,
    String title,
    String body,
    Optional<Attachment> attachment,
    List<Button> buttons) {
  public Finding {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(attachment, "attachment");
    buttons = List.copyOf(buttons);
  }

  public static Finding of(IncidentKey key, String title, String body) {
    return new Finding(key, title, body, Optional.empty(), List.of());
  }
}

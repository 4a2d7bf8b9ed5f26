package dev.kiwiops.console;

import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;
import java.util.Optional;

/**
 * Prints alerts in the terminal chat, as they arrive, like any other message: attachments (attack
 * logs) are written to the console's attachment folder. Destination {@code console}.
 *
 * <p>A terminal cannot change what it printed, so posted alerts have no reference ({@link #deliver}
 * answers empty) and the outbox never asks to edit them; {@link #update}, if called, prints one
 * line saying what the earlier message would now read.
 */
public final class ConsoleAlertSink implements AlertSink {
  private final ConsoleOutput output;

  public ConsoleAlertSink(ConsoleOutput output) {
    this.output = output;
  }

  @Override
  public String id() {
    return "console";
  }

  @Override
  public Optional<String> deliver(String target, Alert alert) {
    output.print(alert.toReply());
    return Optional.empty();
  }

  /** Prints a scheduled report; its chart goes to the attachment folder like any attachment. */
  @Override
  public Optional<String> post(String target, Reply reply) {
    output.print(reply);
    return Optional.empty();
  }

  @Override
  public void update(String target, String messageRef, Alert alert) {
    output.print(Reply.text("(update) " + alert.toReply().title()));
  }
}

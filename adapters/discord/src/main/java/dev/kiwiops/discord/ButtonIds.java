package dev.kiwiops.discord;

import dev.kiwiops.core.reply.Button;
import java.util.Locale;

/**
 * The one place that maps the core's buttons to Discord custom ids and back. Today a button carries
 * the command a click runs ({@code confirm <token>}, {@code alerts ack A3}); the custom id is that
 * text, and a click is handled exactly like typing it, so the core checks the clicker's identity
 * and permission again.
 */
final class ButtonIds {
  private ButtonIds() {}

  /** The custom id for a button; empty when it has nothing to run. */
  static String of(Button button) {
    return button.command().strip();
  }

  /** The command line a click runs. */
  static String lineOf(String customId) {
    return customId;
  }

  /**
   * Whether the click answers a prompt (confirm, cancel, approve): its outcome then replaces the
   * prompt, which loses its buttons; other clicks (alert ack, snooze) answer beside the message.
   */
  static boolean answersPrompt(String customId) {
    String first = customId.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return first.equals("confirm") || first.equals("cancel") || first.equals("approve");
  }
}

package dev.kiwiops.discord;

import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import java.util.Set;

/**
 * The one place that maps the core's buttons to Discord custom ids and back. A custom id is the
 * button's token as it is (at most 64 ASCII bytes, within Discord's 100 characters); a click hands
 * it back to {@code Dispatcher.click}, which checks the clicker's identity and permission again.
 */
final class ButtonIds {
  private static final Set<Button.Intent> PROMPT_ANSWERS =
      Set.of(Button.Intent.CONFIRM, Button.Intent.CANCEL, Button.Intent.APPROVE);

  private ButtonIds() {}

  /** The custom id for a button. */
  static String of(Button button) {
    return button.token();
  }

  /**
   * Whether the click answers a prompt (confirm, cancel, approve): its outcome then replaces the
   * prompt, which loses its buttons; other clicks (alert ack, snooze) answer beside the message.
   */
  static boolean answersPrompt(String customId) {
    return ButtonToken.decode(customId).map(t -> PROMPT_ANSWERS.contains(t.intent())).orElse(false);
  }
}

package dev.kiwiops.discord;

import dev.kiwiops.core.reply.Button;

/**
 * The one place that maps the core's buttons to Discord custom ids and back: the custom id is the
 * core's opaque button token, unchanged (at most 64 ASCII bytes, within Discord's 100 characters),
 * and a click hands it back to {@code Dispatcher.click}, which checks the clicker's identity and
 * permission again. The adapter's own buttons (opening the form for a secret) carry a prefix that
 * no core token has.
 */
final class ButtonIds {
  /** The adapter's "enter the secret" button: the prefix, then the question's code. */
  static final String SECRET_PREFIX = "kiwiops/secret/";

  private ButtonIds() {}

  /** The custom id for a core button. */
  static String of(Button button) {
    return button.token();
  }

  /** The custom id of the button that opens the form answering the question {@code code}. */
  static String secret(String code) {
    return SECRET_PREFIX + code;
  }

  /** Whether the click opens a secret form. */
  static boolean isSecret(String customId) {
    return customId.startsWith(SECRET_PREFIX);
  }

  /** The question's code of a secret form button or form. */
  static String secretCode(String customId) {
    return customId.substring(SECRET_PREFIX.length());
  }
}

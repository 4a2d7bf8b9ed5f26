package dev.kiwiops.telegram;

import java.util.regex.Pattern;

/**
 * Removes the bot token from any text that may quote a Bot API URL (library exceptions, OkHttp
 * messages) before it reaches a log, an error or a health report.
 */
final class Redactor {
  private static final Pattern ANY_TOKEN = Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{20,}");
  static final String MASK = "<bot token>";

  private final String token;

  Redactor(String token) {
    this.token = token;
  }

  String clean(String text) {
    if (text == null) {
      return "";
    }
    String out = token.isEmpty() ? text : text.replace(token, MASK);
    return ANY_TOKEN.matcher(out).replaceAll(MASK);
  }

  /** The exception's class and cleaned message, one line: never its stack or URL. */
  String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + clean(message));
  }
}

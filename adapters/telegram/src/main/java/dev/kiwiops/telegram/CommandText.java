package dev.kiwiops.telegram;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a chat message as a command line: {@code /word args…}, or {@code /word@bot args…} where
 * only commands addressed to this bot are taken. In a direct chat with the bot a line without the
 * slash is a command too, as in the console. Telegram's command names cannot hold a dash, so the
 * menu shows {@code panel_log} for {@code panel-log}; {@code aliases} maps them back.
 */
final class CommandText {
  private CommandText() {}

  static Optional<String> parse(
      String text, String botUsername, boolean direct, Map<String, String> aliases) {
    if (text == null) {
      return Optional.empty();
    }
    String line = text.strip();
    if (line.isEmpty()) {
      return Optional.empty();
    }
    if (!line.startsWith("/")) {
      return direct ? Optional.of(line) : Optional.empty();
    }
    int end = 0;
    while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
      end++;
    }
    String head = line.substring(1, end);
    String rest = line.substring(end);
    int at = head.indexOf('@');
    if (at >= 0) {
      String addressee = head.substring(at + 1);
      if (!addressee.equalsIgnoreCase(botUsername)) {
        return Optional.empty();
      }
      head = head.substring(0, at);
    }
    if (head.isEmpty()) {
      return Optional.empty();
    }
    String word = head.toLowerCase(Locale.ROOT);
    return Optional.of(aliases.getOrDefault(word, head) + rest);
  }
}

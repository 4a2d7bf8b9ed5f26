package dev.kiwiops.core.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a chat line into words: white space separates, double or single quotes group, a leading
 * {@code /} is dropped, and a Telegram {@code /cmd@botname} suffix is removed.
 */
public final class Tokenizer {
  private Tokenizer() {}

  public static List<String> split(String line) throws UsageException {
    String text = line.strip();
    if (text.startsWith("/")) {
      text = text.substring(1);
    }
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(current.toString());
          current.setLength(0);
          inWord = false;
        }
      } else {
        current.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new UsageException("Unclosed quote.");
    }
    if (inWord) {
      words.add(current.toString());
    }
    if (!words.isEmpty()) {
      String first = words.get(0);
      int at = first.indexOf('@');
      if (at > 0) {
        words.set(0, first.substring(0, at));
      }
    }
    return words;
  }
}

package dev.kiwiops.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a chat line into words: white space separates, double or single quotes group, a leading
 * {@code /} is dropped, and a Telegram {@code /cmd@botname} suffix is removed from an unquoted
 * first word. Inside quotes a backslash escapes a backslash or either quote ({@code "p'w\"d"} is
 * {@code p'w"d}); any other backslash, and every backslash outside quotes, is kept as typed. {@link
 * #quote(String)} is the inverse: {@code split(quote(x))} is {@code [x]} for every string.
 */
public final class Tokenizer {
  /** Words that need no quotes: nothing the tokenizer would read specially anywhere on a line. */
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.:,+=-]+");

  private Tokenizer() {}

  public static List<String> split(String line) throws UsageException {
    String text = line.strip();
    if (text.startsWith("/")) {
      text = text.substring(1);
    }
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inWord = false;
    boolean firstWordQuoted = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\' && i + 1 < text.length() && isEscapable(text.charAt(i + 1))) {
          current.append(text.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
        firstWordQuoted |= words.isEmpty();
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
    if (!words.isEmpty() && !firstWordQuoted) {
      String first = words.get(0);
      int at = first.indexOf('@');
      if (at > 0) {
        words.set(0, first.substring(0, at));
      }
    }
    return words;
  }

  /**
   * One word as it can be typed so that {@link #split} reads it back unchanged: as it is when that
   * is safe, otherwise in double quotes with backslashes and double quotes escaped.
   */
  public static String quote(String word) {
    if (BARE.matcher(word).matches()) {
      return word;
    }
    StringBuilder quoted = new StringBuilder(word.length() + 2).append('"');
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '\\' || c == '"') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.append('"').toString();
  }

  private static boolean isEscapable(char c) {
    return c == '\\' || c == '"' || c == '\'';
  }
}

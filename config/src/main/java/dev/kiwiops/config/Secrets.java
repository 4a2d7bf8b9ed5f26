package dev.kiwiops.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises values that look like credentials, so that configuration problems never quote one: a
 * KiwiVM API key ({@code private_…}), a Telegram bot token ({@code 123456:AA…}), a Discord token or
 * any other long run of letters and digits mixed together.
 */
final class Secrets {
  /**
   * Substituted values shorter than this (a veid, a port) are masked where quoted, not searched.
   */
  static final int MIN_MASKED = 4;

  private static final int EXCERPT = 60;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-.:+=]{20,}");
  private static final Pattern KIWIVM_KEY = Pattern.compile("private_[A-Za-z0-9]{6,}");

  private Secrets() {}

  static boolean looksLikeSecret(String value) {
    if (KIWIVM_KEY.matcher(value).find()) {
      return true;
    }
    Matcher m = TOKEN.matcher(value);
    while (m.find()) {
      if (tokenLike(m.group())) {
        return true;
      }
    }
    return false;
  }

  /** Replaces each key- or token-shaped run in {@code text} with {@code (hidden)}. */
  static String maskTokens(String text) {
    String masked = KIWIVM_KEY.matcher(text).replaceAll("(hidden)");
    Matcher m = TOKEN.matcher(masked);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, tokenLike(m.group()) ? "(hidden)" : Matcher.quoteReplacement(m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A value cut to a readable length. */
  static String excerpt(String value) {
    return value.length() <= EXCERPT ? value : value.substring(0, EXCERPT) + "…";
  }

  /** Letters and digits mixed: a key; a word, a dotted host name or a number alone is not. */
  private static boolean tokenLike(String run) {
    int letters = 0;
    int digits = 0;
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      if (Character.isDigit(c)) {
        digits++;
      } else if (Character.isLetter(c)) {
        letters++;
      }
    }
    return letters >= 4 && digits >= 4;
  }
}

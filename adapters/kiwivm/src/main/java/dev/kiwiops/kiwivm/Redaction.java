package dev.kiwiops.kiwivm;

import dev.kiwiops.core.Secret;

/** Masks secrets out of text that leaves the client (result details, log lines). */
final class Redaction {
  private static final String MASK = "******";

  private Redaction() {}

  static String redact(String text, Secret... secrets) {
    if (text == null) {
      return "";
    }
    String result = text;
    for (Secret secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret.reveal(), MASK);
      }
    }
    return result;
  }
}

package dev.kiwiops.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random passwords, tokens and checksums in the formats KiwiVM uses. */
final class RandomTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private RandomTokens() {}

  static String password() {
    return alphanumeric(12);
  }

  static String alphanumeric(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return out.toString();
  }

  /** 40 hex digits, like a backup token or the tail of a snapshot file name. */
  static String hex40() {
    return hex(20);
  }

  /** 32 hex digits, like an md5. */
  static String hex32() {
    return hex(16);
  }

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}

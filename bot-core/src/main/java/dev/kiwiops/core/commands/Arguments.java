package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.UsageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syntax checks for command arguments, run while parsing and so before anything is sent upstream.
 * Each method returns the normalised value or throws a {@link UsageException} whose message is one
 * short sentence naming the bad value. Checks that need KiwiVM data (the IP belongs to the server,
 * the template exists) are {@link Preconditions}, run just before the write.
 */
final class Arguments {
  private static final Pattern HOST_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern OS_TEMPLATE = Pattern.compile("[a-z0-9][a-z0-9._+-]{1,99}");
  private static final Pattern ISO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}\\.iso");
  private static final Pattern SNAPSHOT =
      Pattern.compile("snapshot-[A-Za-z0-9][A-Za-z0-9_.-]{0,240}\\.tar\\.gz");
  private static final Pattern LOCATION = Pattern.compile("[A-Z0-9][A-Z0-9_]{1,39}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,200}");
  private static final Pattern BACKUP_TOKEN = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,4})([mhdw])");
  private static final Pattern KEY_TYPE =
      Pattern.compile("(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9@.-]+)");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,}={0,3}");

  private Arguments() {}

  /** Fails unless exactly {@code n} arguments are left. */
  static void count(List<String> rest, int min, int max, String what) throws UsageException {
    if (rest.size() < min) {
      throw new UsageException("Missing " + what + ".");
    }
    if (rest.size() > max) {
      throw new UsageException(
          "Unexpected '" + String.join(" ", rest.subList(max, rest.size())) + "'.");
    }
  }

  /**
   * A dotted-quad IPv4 address without leading zeros: {@code 203.0.113.7}. ASCII digits only:
   * {@link Character#isDigit} and {@link Integer#parseInt} also take other scripts' digits, which
   * would pass the check and then reach KiwiVM as typed.
   */
  static boolean isIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || (part.length() > 1 && part.charAt(0) == '0')
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** An IPv6 address in any RFC 4291 text form (with {@code ::}, or a trailing IPv4). */
  static boolean isIpv6(String text) {
    if (text.isEmpty() || text.length() > 45 || text.indexOf(':') < 0) {
      return false;
    }
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String body = text;
    int groupsNeeded = 8;
    int lastColon = text.lastIndexOf(':');
    String tail = text.substring(lastColon + 1);
    if (tail.contains(".")) {
      if (!isIpv4(tail)) {
        return false;
      }
      body = text.substring(0, lastColon + 1) + "0:0";
    }
    List<String> groups = new ArrayList<>();
    if (doubleColon >= 0) {
      String head = body.substring(0, body.indexOf("::"));
      String rear = body.substring(body.indexOf("::") + 2);
      List<String> h = head.isEmpty() ? List.of() : List.of(head.split(":", -1));
      List<String> r = rear.isEmpty() ? List.of() : List.of(rear.split(":", -1));
      if (h.size() + r.size() > groupsNeeded - 1) {
        return false;
      }
      groups.addAll(h);
      groups.addAll(r);
    } else {
      groups.addAll(List.of(body.split(":", -1)));
      if (groups.size() != groupsNeeded) {
        return false;
      }
    }
    for (String group : groups) {
      if (group.isEmpty() || group.length() > 4 || !group.matches("[0-9A-Fa-f]+")) {
        return false;
      }
    }
    return true;
  }

  static String ip(String text) throws UsageException {
    if (isIpv4(text) || isIpv6(text)) {
      return text;
    }
    throw new UsageException("'" + text + "' is not an IP address.");
  }

  static String ipv4(String text) throws UsageException {
    if (isIpv4(text)) {
      return text;
    }
    throw new UsageException("'" + text + "' is not an IPv4 address.");
  }

  /** An IPv6 address, or a subnet with a prefix length ({@code 2001:db8::/64}). */
  static String ipv6(String text) throws UsageException {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    boolean prefixOk = true;
    if (slash >= 0) {
      String prefix = text.substring(slash + 1);
      prefixOk =
          prefix.matches("\\d{1,3}")
              && Integer.parseInt(prefix) >= 1
              && Integer.parseInt(prefix) <= 128;
    }
    if (prefixOk && isIpv6(address)) {
      return text;
    }
    throw new UsageException("'" + text + "' is not an IPv6 address.");
  }

  /** A host name of RFC 1123 labels, at most 253 characters; a trailing dot is dropped. */
  static String hostname(String text) throws UsageException {
    String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    boolean ok = !name.isEmpty() && name.length() <= 253;
    if (ok) {
      for (String label : name.split("\\.", -1)) {
        if (!HOST_LABEL.matcher(label).matches()) {
          ok = false;
          break;
        }
      }
    }
    if (!ok) {
      throw new UsageException(
          "'" + text + "' is not a valid host name (letters, digits, hyphens, dots).");
    }
    return name.toLowerCase(Locale.ROOT);
  }

  static String osTemplate(String text) throws UsageException {
    if (OS_TEMPLATE.matcher(text).matches()) {
      return text;
    }
    throw new UsageException(
        "'" + text + "' is not an OS template name (like debian-12-x86_64); see `os list`.");
  }

  static String iso(String text) throws UsageException {
    if (ISO.matcher(text).matches() && !text.contains("..")) {
      return text;
    }
    throw new UsageException(
        "'" + text + "' is not an ISO name (like debian-12.iso); see `iso list`.");
  }

  static String snapshotFile(String text) throws UsageException {
    if (SNAPSHOT.matcher(text).matches() && !text.contains("..")) {
      return text;
    }
    throw new UsageException(
        "'" + text + "' is not a snapshot file name (snapshot-….tar.gz); see `snapshot list`.");
  }

  static String location(String text) throws UsageException {
    String upper = text.toUpperCase(Locale.ROOT);
    if (LOCATION.matcher(upper).matches()) {
      return upper;
    }
    throw new UsageException(
        "'" + text + "' is not a location id (like USCA_2); see `migrate locations`.");
  }

  /** A positive record id (suspension, violation). */
  static long recordId(String text) throws UsageException {
    return positive(text, "record id");
  }

  static long positive(String text, String what) throws UsageException {
    if (text.matches("\\d{1,18}")) {
      long value = Long.parseLong(text);
      if (value > 0) {
        return value;
      }
    }
    throw new UsageException("'" + text + "' is not a valid " + what + " (a positive number).");
  }

  static int port(String text) throws UsageException {
    if (text.matches("\\d{1,5}")) {
      int value = Integer.parseInt(text);
      if (value >= 1 && value <= 65535) {
        return value;
      }
    }
    throw new UsageException("'" + text + "' is not a port (1–65535).");
  }

  static boolean onOff(String text) throws UsageException {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new UsageException("Say on or off, not '" + text + "'.");
    };
  }

  /** {@code 30m}, {@code 6h}, {@code 7d}, {@code 2w}: a positive duration up to {@code max}. */
  static Duration duration(String text, Duration max) throws UsageException {
    Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
          };
      if (!d.isZero() && d.compareTo(max) <= 0) {
        return d;
      }
      throw new UsageException("'" + text + "' is out of range (up to " + max.toDays() + " days).");
    }
    throw new UsageException("'" + text + "' is not a duration (like 6h, 24h, 7d).");
  }

  /** An export token of {@code snapshot export}: letters and digits. */
  static String token(String text) throws UsageException {
    if (TOKEN.matcher(text).matches()) {
      return text;
    }
    throw new UsageException("That is not a transfer token (letters and digits).");
  }

  static String backupToken(String text) throws UsageException {
    if (BACKUP_TOKEN.matcher(text).matches()) {
      return text.toLowerCase(Locale.ROOT);
    }
    throw new UsageException(
        "'" + text + "' is not a backup token (40 hex characters); see `backup list`.");
  }

  /**
   * Public SSH keys, quoted one per argument or typed in a row: every word that is a key type
   * ({@code ssh-ed25519}, {@code ssh-rsa}, …) starts a new key, then its base64 body, then an
   * optional comment.
   */
  static List<String> sshKeys(List<String> words) throws UsageException {
    List<String> tokens = new ArrayList<>();
    for (String word : words) {
      tokens.addAll(List.of(word.strip().split("\\s+")));
    }
    List<List<String>> keys = new ArrayList<>();
    for (String token : tokens) {
      if (token.isEmpty()) {
        continue;
      }
      if (KEY_TYPE.matcher(token).matches()) {
        keys.add(new ArrayList<>(List.of(token)));
      } else if (keys.isEmpty()) {
        throw new UsageException(
            "'" + shorten(token) + "' does not start a public key (ssh-ed25519 AAAA… comment).");
      } else {
        keys.get(keys.size() - 1).add(token);
      }
    }
    if (keys.isEmpty()) {
      throw new UsageException("Give at least one public key (ssh-ed25519 AAAA… comment).");
    }
    List<String> result = new ArrayList<>();
    for (List<String> key : keys) {
      if (key.size() < 2 || !BASE64.matcher(key.get(1)).matches()) {
        throw new UsageException("The " + key.get(0) + " key has no valid base64 body.");
      }
      result.add(String.join(" ", key));
    }
    return result;
  }

  static String shorten(String text) {
    return text.length() <= 24 ? text : text.substring(0, 21) + "…";
  }
}

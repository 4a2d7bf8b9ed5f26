package dev.kiwiops.core.reply;

import dev.kiwiops.core.fleet.FleetServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one encoding of button tokens: an intent letter, a colon, and the intent's fields separated
 * by colons.
 *
 * <ul>
 *   <li>{@code c:TOKEN} confirm, {@code x:TOKEN} cancel, {@code p:TOKEN} approve, where {@code
 *       TOKEN} is the confirmation book's random token (never the typed code)
 *   <li>{@code a:A12} acknowledge alert A12, {@code s:A12:1h} snooze it for an hour
 *   <li>{@code r:web1:77} resolve policy violation record 77 of server web1
 * </ul>
 *
 * Every field has a strict shape (server names as the configuration allows them, at most 32
 * characters), so every token is printable ASCII of at most {@link #MAX_BYTES} bytes, and decoding
 * anything else, such as a forged or truncated token, finds nothing.
 */
public record ButtonToken(Button.Intent intent, List<String> fields) {
  /** Telegram's {@code callback_data} limit; Discord allows 100 characters. */
  public static final int MAX_BYTES = 64;

  private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_-]{1,43}");
  private static final Pattern ALERT_ID = Pattern.compile("A[0-9]{1,19}");
  private static final Pattern DURATION = Pattern.compile("[1-9][0-9]{0,5}[mhdw]");

  private static final Pattern RECORD = Pattern.compile("[0-9]{1,19}");

  public ButtonToken {
    Objects.requireNonNull(intent, "intent");
    fields = List.copyOf(fields);
    if (!valid(intent, fields)) {
      throw new IllegalArgumentException("malformed " + intent + " token fields");
    }
  }

  public static ButtonToken confirm(String opaque) {
    return new ButtonToken(Button.Intent.CONFIRM, List.of(opaque));
  }

  public static ButtonToken cancel(String opaque) {
    return new ButtonToken(Button.Intent.CANCEL, List.of(opaque));
  }

  public static ButtonToken approve(String opaque) {
    return new ButtonToken(Button.Intent.APPROVE, List.of(opaque));
  }

  public static ButtonToken ack(String alertId) {
    return new ButtonToken(Button.Intent.ACK, List.of(alertId));
  }

  /** {@code duration} as {@code alerts snooze} takes it: {@code 30m}, {@code 1h}, {@code 2d}. */
  public static ButtonToken snooze(String alertId, String duration) {
    return new ButtonToken(Button.Intent.SNOOZE, List.of(alertId, duration));
  }

  public static ButtonToken resolve(String server, long record) {
    return new ButtonToken(Button.Intent.RESOLVE, List.of(server, Long.toString(record)));
  }

  /** The token as adapters carry it. */
  public String encode() {
    return letter(intent) + ":" + String.join(":", fields);
  }

  /** The token this text encodes, or nothing when it is not one (any length, any content). */
  public static Optional<ButtonToken> decode(String text) {
    if (text == null
        || text.length() < 3
        || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES
        || text.charAt(1) != ':') {
      return Optional.empty();
    }
    Button.Intent intent =
        switch (text.charAt(0)) {
          case 'c' -> Button.Intent.CONFIRM;
          case 'x' -> Button.Intent.CANCEL;
          case 'p' -> Button.Intent.APPROVE;
          case 'a' -> Button.Intent.ACK;
          case 's' -> Button.Intent.SNOOZE;
          case 'r' -> Button.Intent.RESOLVE;
          default -> null;
        };
    if (intent == null) {
      return Optional.empty();
    }
    List<String> fields = List.of(text.substring(2).split(":", -1));
    return valid(intent, fields) ? Optional.of(new ButtonToken(intent, fields)) : Optional.empty();
  }

  /**
   * For ack, snooze and resolve, the words of the command a user could type to the same effect (a
   * click runs exactly that command as the clicker); nothing for confirm, cancel and approve, whose
   * random token is never shown as text.
   */
  public Optional<List<String>> commandWords() {
    return switch (intent) {
      case CONFIRM, CANCEL, APPROVE -> Optional.empty();
      case ACK -> Optional.of(List.of("alerts", "ack", fields.get(0)));
      case SNOOZE -> Optional.of(List.of("alerts", "snooze", fields.get(0), fields.get(1)));
      case RESOLVE -> Optional.of(List.of("abuse", "resolve", fields.get(0), fields.get(1)));
    };
  }

  private static char letter(Button.Intent intent) {
    return switch (intent) {
      case CONFIRM -> 'c';
      case CANCEL -> 'x';
      case APPROVE -> 'p';
      case ACK -> 'a';
      case SNOOZE -> 's';
      case RESOLVE -> 'r';
    };
  }

  private static boolean valid(Button.Intent intent, List<String> fields) {
    return switch (intent) {
      case CONFIRM, CANCEL, APPROVE -> fields.size() == 1 && matches(OPAQUE, fields.get(0));
      case ACK -> fields.size() == 1 && matches(ALERT_ID, fields.get(0));
      case SNOOZE ->
          fields.size() == 2
              && matches(ALERT_ID, fields.get(0))
              && matches(DURATION, fields.get(1));
      case RESOLVE ->
          fields.size() == 2
              && matches(FleetServer.NAME, fields.get(0))
              && matches(RECORD, fields.get(1));
    };
  }

  private static boolean matches(Pattern pattern, String field) {
    return field != null && pattern.matcher(field).matches();
  }
}

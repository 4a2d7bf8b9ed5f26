package dev.kiwiops.core.reply;

import java.util.Objects;

/**
 * A button under a reply: what it says, what clicking it means, and an opaque token that the
 * adapter hands back to {@code Dispatcher.click} unchanged. The token is printable ASCII of at most
 * {@link ButtonToken#MAX_BYTES} bytes, so it fits Telegram's {@code callback_data} (64 bytes) and
 * Discord's custom id (100 characters) as it is; its encoding is {@link ButtonToken}'s alone.
 *
 * <p>A click runs as the clicking user, through the same access checks, confirmations and audit as
 * typing: a confirmation token names server-side state and is never trusted data.
 */
public record Button(String label, Intent intent, String token, Style style) {
  public Button {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(style, "style");
    ButtonToken decoded =
        ButtonToken.decode(token)
            .orElseThrow(() -> new IllegalArgumentException("not a button token: " + token));
    if (decoded.intent() != intent) {
      throw new IllegalArgumentException("token " + token + " is not for " + intent);
    }
  }

  /** A button for a decoded token (its intent is the token's). */
  public static Button of(String label, ButtonToken token, Style style) {
    return new Button(label, token.intent(), token.encode(), style);
  }

  /** What a click asks for; adapters may draw or place buttons by it, never parse the token. */
  public enum Intent {
    /** Confirm a pending destructive action. */
    CONFIRM,
    /** Cancel a pending confirmation, or withdraw (or reject) a request awaiting approval. */
    CANCEL,
    /** Approve someone else's confirmed request (four-eyes). */
    APPROVE,
    /** Acknowledge an alert: its reminders stop. */
    ACK,
    /** Hold back an alert's reminders for a while. */
    SNOOZE,
    /** Resolve a soft policy violation (asks for confirmation like the typed command). */
    RESOLVE
  }

  /** How the platform should draw it. */
  public enum Style {
    PRIMARY,
    SECONDARY,
    DANGER
  }
}

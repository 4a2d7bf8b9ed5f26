package dev.kiwiops.core.reply;

import java.util.Objects;

/**
 * A button under a reply. Clicking it runs {@code command} as the clicking user, exactly as if they
 * had typed it (so every click goes through the same access checks); for confirmations the command
 * carries an opaque server-side token, never trusted data.
 */
public record Button(String label, String command, Style style) {
  public Button {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(style, "style");
  }

  /** How the platform should draw it. */
  public enum Style {
    PRIMARY,
    SECONDARY,
    DANGER
  }
}

package dev.kiwiops.core;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An immutable platform identity, never a display name: {@code discord:<user id>}, {@code
 * discord-role:<role id>}, {@code telegram:<user id>}, {@code console:<name>}.
 */
public record Identity(String kind, String id) {
  private static final Pattern KIND = Pattern.compile("[a-z][a-z-]*");

  public Identity {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (!KIND.matcher(kind).matches() || id.isBlank() || id.contains(" ")) {
      throw new IllegalArgumentException("not an identity: " + kind + ":" + id);
    }
  }

  /** Parses {@code kind:id}; throws {@link IllegalArgumentException} on anything else. */
  public static Identity parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("an identity looks like kind:id, e.g. telegram:123456");
    }
    return new Identity(
        text.substring(0, colon).toLowerCase(Locale.ROOT), text.substring(colon + 1));
  }

  public static Identity console(String name) {
    return new Identity("console", name);
  }

  @Override
  public String toString() {
    return kind + ":" + id;
  }
}

package dev.kiwiops.core.access;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One permission pattern of a role or of a confirmation rule: an exact permission ({@code
 * snapshot.list}), a whole group ({@code power.*} matches {@code power.kill} but not {@code power}
 * itself), or {@code *} for everything. Anything else is refused when the pattern is built, so a
 * typo in the configuration never silently grants or withholds a permission.
 */
public record PermissionPattern(String text) {
  private static final Pattern SYNTAX =
      Pattern.compile("\\*|[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*(\\.\\*)?");

  public PermissionPattern {
    Objects.requireNonNull(text, "text");
    if (!SYNTAX.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a permission pattern; use a permission such as power.kill, a group"
              + " such as power.*, or *");
    }
  }

  /**
   * Parses a pattern, case-insensitively; throws {@link IllegalArgumentException} if invalid. A
   * hyphen reads as an underscore: command words once had hyphens ({@code panel-log}, now {@code
   * panel_log}), and a configuration written then must keep granting what it granted.
   */
  public static PermissionPattern parse(String text) {
    return new PermissionPattern(
        Objects.requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT).replace('-', '_'));
  }

  /** Whether this pattern covers {@code permission}. */
  public boolean matches(String permission) {
    return matches(text, permission);
  }

  /**
   * Whether an already validated pattern text covers {@code permission}: the same test as {@link
   * #matches(String)} without building (and re-validating) a pattern, for hot paths such as {@link
   * Role#grants}.
   */
  static boolean matches(String pattern, String permission) {
    if (pattern.equals("*") || pattern.equals(permission)) {
      return true;
    }
    return pattern.endsWith(".*")
        && permission.startsWith(pattern.substring(0, pattern.length() - 1));
  }

  @Override
  public String toString() {
    return text;
  }
}

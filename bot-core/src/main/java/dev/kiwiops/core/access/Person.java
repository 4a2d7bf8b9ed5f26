package dev.kiwiops.core.access;

import dev.kiwiops.core.Identity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One person behind several platform identities (the {@code people} section): Ada may be {@code
 * discord:123}, {@code telegram:456} and {@code console:ada}. Four-eyes approval counts people, not
 * identities, and access may be granted to a person as a whole ({@code person:ada}).
 *
 * @param name a readable id: lowercase letters, digits, {@code _} or {@code -}, at most 32
 * @param identities the person's own user identities, in configuration order; never a group
 *     identity such as {@code discord-role:…}
 */
public record Person(String name, List<Identity> identities) {
  /** What a person's name looks like. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

  /** The identity kind a binding uses to name a person: {@code person:ada}. */
  public static final String KIND = "person";

  /** The identity kinds a person may hold: users of a platform, not groups. */
  public static final Set<String> USER_KINDS = Set.of("discord", "telegram", "console");

  public Person {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a person's name (lowercase letters, digits, _ or -, at most 32)");
    }
    if (identities.isEmpty()) {
      throw new IllegalArgumentException("person " + name + " needs at least one identity");
    }
    Set<Identity> distinct = new LinkedHashSet<>();
    for (Identity identity : identities) {
      if (!USER_KINDS.contains(identity.kind())) {
        throw new IllegalArgumentException(
            identity + " cannot belong to a person: only discord, telegram or console users can");
      }
      if (!distinct.add(identity)) {
        throw new IllegalArgumentException(identity + " is listed twice for " + name);
      }
    }
    identities = List.copyOf(identities);
  }

  /** How a binding names this person: {@code person:ada}. */
  public Identity asIdentity() {
    return new Identity(KIND, name);
  }

  /** {@code ada (discord:123, telegram:456, console:ada)}. */
  public String describe() {
    return name
        + " ("
        + String.join(", ", identities.stream().map(Identity::toString).toList())
        + ")";
  }
}

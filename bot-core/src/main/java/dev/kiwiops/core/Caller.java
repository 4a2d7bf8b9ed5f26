package dev.kiwiops.core;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who sent a command: the user's own identity and the group identities it holds at that moment
 * (Discord roles as {@code discord-role:<id>}), which bindings may also name.
 */
public record Caller(Identity user, Set<Identity> groups) {
  public Caller {
    Objects.requireNonNull(user, "user");
    groups = Set.copyOf(groups);
  }

  public static Caller of(Identity user) {
    return new Caller(user, Set.of());
  }

  /** The user first, then its groups: every identity a binding may name for this caller. */
  public Set<Identity> identities() {
    Set<Identity> all = new LinkedHashSet<>();
    all.add(user);
    all.addAll(groups);
    return all;
  }
}

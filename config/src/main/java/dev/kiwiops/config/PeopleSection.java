package dev.kiwiops.config;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.access.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code people} section: who is who across platforms.
 *
 * <pre>
 * people:
 *   - name: ada
 *     identities: [discord:123456789012345678, telegram:987654321, console:ada]
 * </pre>
 *
 * A name is lowercase letters, digits, {@code _} or {@code -}; an identity is a platform user
 * (discord, telegram or console, not a discord-role) and belongs to at most one person. Each
 * problem is reported at the line of the name or identity at fault.
 */
final class PeopleSection {
  /** The people read, and every name declared (even by an entry with a problem). */
  record Read(List<Person> people, Set<String> names) {}

  private PeopleSection() {}

  static Read read(ConfigNode.Mapping top) {
    List<Person> people = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    if (!top.has("people")) {
      return new Read(people, names);
    }
    Map<Identity, String> owners = new HashMap<>();
    for (ConfigNode item : top.get("people").list()) {
      ConfigNode.Mapping p = item.mapping(Set.of("name", "identities"));
      if (!p.has("name") || !p.has("identities")) {
        if (item.isMapping()) {
          item.problem("each person needs name and identities");
        }
        continue;
      }
      ConfigNode nameNode = p.get("name");
      Optional<String> name = nameNode.string();
      boolean ok = name.isPresent();
      if (name.isPresent() && !Person.NAME.matcher(name.get()).matches()) {
        nameNode.problem(
            nameNode.shown(name.get())
                + " is not a person's name (lowercase letters, digits, _ or -, at most 32)");
        ok = false;
      } else if (name.isPresent() && !names.add(name.get())) {
        nameNode.problem("the person " + nameNode.shown(name.get()) + " is defined twice");
        ok = false;
      }
      String who = name.orElse("?");
      List<Identity> identities = new ArrayList<>();
      List<ConfigNode> values = p.get("identities").values();
      if (values.isEmpty()) {
        p.get("identities").problem("give at least one identity, like console:" + who);
        ok = false;
      }
      for (ConfigNode value : values) {
        Optional<Identity> identity = identity(value);
        if (identity.isEmpty()) {
          ok = false;
          continue;
        }
        String owner = owners.putIfAbsent(identity.get(), who);
        if (owner != null) {
          value.problem(
              value.shown(identity.get().toString())
                  + (owner.equals(who)
                      ? " is listed twice"
                      : " already belongs to " + owner + "; an identity is one person's"));
          ok = false;
          continue;
        }
        identities.add(identity.get());
      }
      if (ok) {
        people.add(new Person(name.get(), identities));
      }
    }
    return new Read(people, names);
  }

  private static Optional<Identity> identity(ConfigNode value) {
    Optional<String> text = value.string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Identity identity;
    try {
      identity = Identity.parse(text.get().strip());
    } catch (IllegalArgumentException e) {
      value.problem(e.getMessage());
      return Optional.empty();
    }
    if (!Person.USER_KINDS.contains(identity.kind())) {
      value.problem(
          value.shown(text.get())
              + " is not a user identity (discord:, telegram: or console:); a person holds"
              + " users, not roles or groups");
      return Optional.empty();
    }
    return Optional.of(identity);
  }
}

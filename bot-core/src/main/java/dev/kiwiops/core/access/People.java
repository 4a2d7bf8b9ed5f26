package dev.kiwiops.core.access;

import dev.kiwiops.core.Identity;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is who across platforms: the configured {@link Person people}, looked up by any of their
 * identities. An identity belongs to at most one person; an identity of no person is a person of
 * its own. Immutable; part of the {@link AccessPolicy} in force, so a reload replaces both at once.
 */
public final class People {
  /** Nobody linked: every identity is a person of its own. */
  public static final People NONE = new People(List.of());

  private final Map<String, Person> byName;
  private final Map<Identity, Person> byIdentity;
  private final List<Person> all;

  /**
   * @throws IllegalArgumentException if two people share a name or an identity
   */
  public People(List<Person> people) {
    Map<String, Person> names = new LinkedHashMap<>();
    Map<Identity, Person> identities = new HashMap<>();
    for (Person person : people) {
      if (names.put(person.name(), person) != null) {
        throw new IllegalArgumentException("person " + person.name() + " is defined twice");
      }
      for (Identity identity : person.identities()) {
        Person other = identities.put(identity, person);
        if (other != null) {
          throw new IllegalArgumentException(
              identity + " already belongs to " + other.name() + ", so not to " + person.name());
        }
      }
    }
    this.byName = Map.copyOf(names);
    this.byIdentity = Map.copyOf(identities);
    this.all = List.copyOf(names.values());
  }

  /** Every person, in configuration order. */
  public List<Person> all() {
    return all;
  }

  /** The person {@code user} belongs to, if any. */
  public Optional<Person> of(Identity user) {
    return Optional.ofNullable(byIdentity.get(user));
  }

  /** The person called {@code name}, if any. */
  public Optional<Person> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Whether {@code a} and {@code b} are the same person: the same identity, or two identities of
   * one configured person.
   */
  public boolean samePerson(Identity a, Identity b) {
    if (a.equals(b)) {
      return true;
    }
    Person person = byIdentity.get(a);
    return person != null && person == byIdentity.get(b);
  }
}

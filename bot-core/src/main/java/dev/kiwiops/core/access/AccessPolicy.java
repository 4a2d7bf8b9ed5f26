package dev.kiwiops.core.access;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Deny-by-default access decisions: a caller may use a permission on a server only if one of its
 * identities (the user, one of its groups, or the person the user belongs to) has a binding whose
 * role grants the permission and whose scope covers the server. Commands without a server ask
 * whether any binding grants the permission at all.
 *
 * <p>A policy is immutable; {@link AccessControl} swaps policies at run time. A fixed policy is its
 * own {@link Supplier}, for wiring that never reloads.
 */
public final class AccessPolicy implements Supplier<AccessPolicy> {
  private final Map<String, Role> roles;
  private final List<Binding> bindings;
  private final People people;
  private final Fleet fleet;

  /** A policy with no {@link People people} linked: every identity is a person of its own. */
  public AccessPolicy(List<Role> extraRoles, List<Binding> bindings, Fleet fleet) {
    this(extraRoles, bindings, People.NONE, fleet);
  }

  /**
   * @param people who is who across platforms; a binding may name one of them as {@code
   *     person:<name>}
   */
  public AccessPolicy(List<Role> extraRoles, List<Binding> bindings, People people, Fleet fleet) {
    Map<String, Role> all = new LinkedHashMap<>();
    for (Role role : Role.BUILT_IN) {
      all.put(role.name(), role);
    }
    for (Role role : extraRoles) {
      if (Role.isBuiltIn(role.name())) {
        throw new IllegalArgumentException(
            "role " + role.name() + " is built in and cannot be redefined");
      }
      if (all.put(role.name(), role) != null) {
        throw new IllegalArgumentException("role " + role.name() + " is defined twice");
      }
    }
    for (Binding binding : bindings) {
      for (String role : binding.roles()) {
        if (!all.containsKey(role)) {
          throw new IllegalArgumentException("unknown role: " + role);
        }
      }
      Identity named = binding.identity();
      if (named.kind().equals(Person.KIND) && people.named(named.id()).isEmpty()) {
        throw new IllegalArgumentException("unknown person: " + named.id());
      }
    }
    this.roles = Map.copyOf(all);
    this.bindings = List.copyOf(bindings);
    this.people = people;
    this.fleet = fleet;
  }

  /** This policy: a fixed policy supplies itself. */
  @Override
  public AccessPolicy get() {
    return this;
  }

  public Fleet fleet() {
    return fleet;
  }

  /** Whether the caller may use {@code permission} on {@code server} (or at all, when empty). */
  public boolean allows(Caller caller, String permission, Optional<FleetServer> server) {
    for (Binding binding : granting(caller, permission)) {
      if (server.map(binding::covers).orElse(true)) {
        return true;
      }
    }
    return false;
  }

  /** The servers on which the caller may use {@code permission}, in fleet order. */
  public List<FleetServer> scope(Caller caller, String permission) {
    // The caller's granting bindings are found once, not once per server of a large fleet.
    List<Binding> granting = granting(caller, permission);
    List<FleetServer> result = new ArrayList<>();
    for (FleetServer server : fleet.all()) {
      if (granting.stream().anyMatch(b -> b.covers(server))) {
        result.add(server);
      }
    }
    return result;
  }

  /** The caller's bindings whose roles grant {@code permission}, whatever their scope. */
  private List<Binding> granting(Caller caller, String permission) {
    List<Binding> result = new ArrayList<>();
    for (Binding binding : bindingsOf(caller)) {
      if (grants(binding, permission)) {
        result.add(binding);
      }
    }
    return result;
  }

  /**
   * Whether one of the caller's bindings grants {@code permission} on the whole fleet, not just on
   * some servers or tags: such a caller may also see what concerns no server in particular.
   */
  public boolean allowsFleetWide(Caller caller, String permission) {
    return bindingsOf(caller).stream().anyMatch(b -> b.isFleetWide() && grants(b, permission));
  }

  /** Every binding, in configuration order (adapters list their platform's users from it). */
  public List<Binding> bindings() {
    return bindings;
  }

  /**
   * Every identity a binding names, in configuration order, with a person ({@code person:ada})
   * replaced by that person's own identities: the users (and groups) this policy grants anything
   * to, for adapters that set something up per user.
   */
  public List<Identity> boundIdentities() {
    Set<Identity> result = new java.util.LinkedHashSet<>();
    for (Binding binding : bindings) {
      Identity named = binding.identity();
      if (named.kind().equals(Person.KIND)) {
        people.named(named.id()).ifPresent(p -> result.addAll(p.identities()));
      } else {
        result.add(named);
      }
    }
    return List.copyOf(result);
  }

  /** Who is who across platforms, as this policy knows it. */
  public People people() {
    return people;
  }

  /** The person the caller's user identity belongs to, if any. */
  public Optional<Person> personOf(Caller caller) {
    return people.of(caller.user());
  }

  /**
   * The caller's bindings, through its own identity, one of its groups, or the person its identity
   * belongs to ({@code person:<name>}).
   */
  public List<Binding> bindingsOf(Caller caller) {
    Set<Identity> ids = caller.identities();
    Identity person = people.of(caller.user()).map(Person::asIdentity).orElse(null);
    return bindings.stream()
        .filter(b -> ids.contains(b.identity()) || b.identity().equals(person))
        .toList();
  }

  public Optional<Role> role(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  private boolean grants(Binding binding, String permission) {
    for (String roleName : binding.roles()) {
      if (roles.get(roleName).grants(permission)) {
        return true;
      }
    }
    return false;
  }
}

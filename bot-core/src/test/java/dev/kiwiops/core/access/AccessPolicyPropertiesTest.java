package dev.kiwiops.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A random caller with random bindings (built-in and config roles, server and tag scopes, group
 * identities) may use exactly what a deliberately naive oracle, written from the product rules and
 * the docs/COMMANDS.md table, says it may.
 */
class AccessPolicyPropertiesTest {
  private static final Identity USER = Identity.parse("telegram:1");
  private static final List<Identity> IDENTITIES =
      List.of(
          USER,
          Identity.parse("telegram:2"),
          Identity.parse("discord-role:10"),
          Identity.parse("discord-role:11"),
          Identity.parse("discord-role:12"));
  private static final List<String> TAGS = List.of("prod", "web", "db", "eu");
  private static final List<String> SERVER_NAMES = List.of("web1", "web2", "db1", "lab");
  private static final List<String> PATTERNS;

  static {
    List<String> patterns = new ArrayList<>(CataloguePermissions.all());
    patterns.addAll(
        List.of("*", "power.*", "snapshot.*", "abuse.*", "alerts.*", "shell.*", "os.*", "iso.*"));
    PATTERNS = List.copyOf(patterns);
  }

  /** Everything one random case needs. */
  record Case(Fleet fleet, List<Role> customRoles, List<Binding> bindings, Caller caller) {}

  @Property(tries = 300)
  void allowsExactlyWhatTheOracleAllows(@ForAll("cases") Case c) {
    AccessPolicy policy = new AccessPolicy(c.customRoles(), c.bindings(), c.fleet());
    for (String permission : CataloguePermissions.all()) {
      assertThat(policy.allows(c.caller(), permission, Optional.empty()))
          .as("%s anywhere", permission)
          .isEqualTo(oracle(c, permission, null));
      for (FleetServer server : c.fleet().all()) {
        assertThat(policy.allows(c.caller(), permission, Optional.of(server)))
            .as("%s on %s", permission, server.name())
            .isEqualTo(oracle(c, permission, server));
      }
    }
  }

  @Property(tries = 100)
  void scopeListsExactlyTheServersTheOracleAllows(@ForAll("cases") Case c) {
    AccessPolicy policy = new AccessPolicy(c.customRoles(), c.bindings(), c.fleet());
    for (String permission : CataloguePermissions.all()) {
      List<FleetServer> expected =
          c.fleet().all().stream().filter(s -> oracle(c, permission, s)).toList();
      assertThat(policy.scope(c.caller(), permission)).isEqualTo(expected);
    }
  }

  @Property(tries = 100)
  void anIdentityWithoutBindingsMayDoNothing(@ForAll("cases") Case c) {
    AccessPolicy policy = new AccessPolicy(c.customRoles(), c.bindings(), c.fleet());
    Caller stranger = Caller.of(Identity.parse("console:stranger"));
    assertThat(CataloguePermissions.all())
        .noneMatch(p -> policy.allows(stranger, p, Optional.empty()));
  }

  /** The access rules of the README, spelled out as plainly as possible. */
  private static boolean oracle(Case c, String permission, FleetServer server) {
    Set<Identity> mine = new HashSet<>();
    mine.add(c.caller().user());
    mine.addAll(c.caller().groups());
    for (Binding binding : c.bindings()) {
      if (!mine.contains(binding.identity())) {
        continue;
      }
      boolean covers =
          server == null
              || (binding.servers().isEmpty() && binding.tags().isEmpty())
              || binding.servers().contains(server.name())
              || !Collections.disjoint(binding.tags(), server.tags());
      if (!covers) {
        continue;
      }
      for (String role : binding.roles()) {
        if (permissionsOf(role, c.customRoles()).contains(permission)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<String> permissionsOf(String role, List<Role> customRoles) {
    Set<String> result = new HashSet<>();
    switch (role) {
      case "viewer" -> result.addAll(CataloguePermissions.VIEWER);
      case "operator" -> {
        result.addAll(CataloguePermissions.VIEWER);
        result.addAll(CataloguePermissions.OPERATOR);
      }
      case "admin" -> result.addAll(CataloguePermissions.all());
      default -> {
        Role custom = customRoles.stream().filter(r -> r.name().equals(role)).findFirst().get();
        for (String pattern : custom.patterns()) {
          for (String permission : CataloguePermissions.all()) {
            if (patternCovers(pattern, permission)) {
              result.add(permission);
            }
          }
        }
      }
    }
    return result;
  }

  /** Segment by segment: {@code a.*} covers {@code a.b} but not {@code a}. */
  private static boolean patternCovers(String pattern, String permission) {
    if (pattern.equals("*")) {
      return true;
    }
    List<String> p = Arrays.asList(pattern.split("\\."));
    List<String> q = Arrays.asList(permission.split("\\."));
    if (!p.get(p.size() - 1).equals("*")) {
      return p.equals(q);
    }
    List<String> prefix = p.subList(0, p.size() - 1);
    return q.size() > prefix.size() && q.subList(0, prefix.size()).equals(prefix);
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Fleet> fleets =
        Arbitraries.subsetOf(TAGS)
            .list()
            .ofSize(SERVER_NAMES.size())
            .map(
                tagSets -> {
                  List<FleetServer> servers = new ArrayList<>();
                  for (int i = 0; i < SERVER_NAMES.size(); i++) {
                    servers.add(
                        new FleetServer(
                            SERVER_NAMES.get(i), 1000 + i, Secret.of("k" + i), tagSets.get(i)));
                  }
                  return new Fleet(servers);
                });
    Arbitrary<List<Role>> customRoles =
        Arbitraries.subsetOf(PATTERNS)
            .ofMaxSize(6)
            .list()
            .ofMaxSize(3)
            .map(
                patternSets -> {
                  List<Role> roles = new ArrayList<>();
                  for (int i = 0; i < patternSets.size(); i++) {
                    roles.add(new Role("custom" + i, patternSets.get(i)));
                  }
                  return roles;
                });
    Arbitrary<Set<Identity>> groups =
        Arbitraries.subsetOf(IDENTITIES.subList(2, IDENTITIES.size()));
    return Combinators.combine(fleets, customRoles, groups)
        .flatAs(
            (fleet, roles, groupSet) -> {
              List<String> roleNames = new ArrayList<>(List.of("viewer", "operator", "admin"));
              roles.forEach(r -> roleNames.add(r.name()));
              Arbitrary<Binding> binding =
                  Combinators.combine(
                          Arbitraries.of(IDENTITIES),
                          Arbitraries.subsetOf(roleNames).ofMinSize(1).ofMaxSize(2),
                          Arbitraries.subsetOf(SERVER_NAMES).ofMaxSize(2),
                          Arbitraries.subsetOf(TAGS).ofMaxSize(2))
                      .as(Binding::new);
              return binding
                  .list()
                  .ofMaxSize(5)
                  .map(bindings -> new Case(fleet, roles, bindings, new Caller(USER, groupSet)));
            });
  }
}

package dev.kiwiops.core.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named set of permission patterns: an exact permission ({@code snapshot.list}), a prefix ({@code
 * power.*} matches {@code power.kill}), or {@code *} for everything.
 */
public record Role(String name, Set<String> patterns) {
  public Role {
    Objects.requireNonNull(name, "name");
    patterns = Set.copyOf(patterns);
  }

  public boolean grants(String permission) {
    for (String pattern : patterns) {
      if (matches(pattern, permission)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(String pattern, String permission) {
    if (pattern.equals("*") || pattern.equals(permission)) {
      return true;
    }
    return pattern.endsWith(".*")
        && permission.startsWith(pattern.substring(0, pattern.length() - 1));
  }

  /** Read-only commands. */
  public static final Role VIEWER =
      new Role(
          "viewer",
          Set.of(
              "servers",
              "info",
              "status",
              "os.list",
              "usage",
              "panel-log",
              "iso.list",
              "snapshot.list",
              "backup.list",
              "migrate.locations",
              "abuse.suspensions",
              "abuse.violations",
              "ratelimit",
              "privateip.available",
              "alerts"));

  /** Day-to-day operations: power, snapshots, naming, alerts, audit, on top of viewer. */
  public static final Role OPERATOR =
      new Role(
          "operator",
          union(
              VIEWER.patterns(),
              Set.of(
                  "power.start",
                  "power.stop",
                  "power.restart",
                  "power.kill",
                  "sshkeys.show",
                  "hostname",
                  "rdns",
                  "iso.mount",
                  "iso.unmount",
                  "snapshot.create",
                  "snapshot.sticky",
                  "snapshot.export",
                  "backup.copy",
                  "ipv6.add",
                  "privateip.assign",
                  "alerts.ack",
                  "audit")));

  /** Everything. */
  public static final Role ADMIN = new Role("admin", Set.of("*"));

  public static final List<Role> BUILT_IN = List.of(VIEWER, OPERATOR, ADMIN);

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }
}

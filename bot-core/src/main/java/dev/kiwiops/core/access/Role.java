package dev.kiwiops.core.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named set of permission patterns (see {@link PermissionPattern}): an exact permission ({@code
 * snapshot.list}), a group ({@code power.*} matches {@code power.kill}), or {@code *} for
 * everything. The built-in presets follow the "role" column of docs/COMMANDS.md: each holds exactly
 * the permissions whose smallest preset it is, plus those of the smaller presets.
 */
public record Role(String name, Set<String> patterns) {
  public Role {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a role needs a name");
    }
    patterns.forEach(PermissionPattern::new);
    patterns = Set.copyOf(patterns);
  }

  public boolean grants(String permission) {
    for (String pattern : patterns) {
      // Every pattern was validated when the role was built.
      if (PermissionPattern.matches(pattern, permission)) {
        return true;
      }
    }
    return false;
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
              "panel_log",
              "iso.list",
              "snapshot.list",
              "backup.list",
              "migrate.locations",
              "abuse.suspensions",
              "abuse.violations",
              "ratelimit",
              "privateip.available",
              "alerts",
              "report"));

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

  public static boolean isBuiltIn(String name) {
    return BUILT_IN.stream().anyMatch(r -> r.name().equals(name));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }
}

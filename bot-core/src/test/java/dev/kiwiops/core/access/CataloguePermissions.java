package dev.kiwiops.core.access;

import java.util.ArrayList;
import java.util.List;

/**
 * The "permission" and "role" columns of COMMANDS.md, copied by hand: the independent record that
 * the built-in roles are checked against.
 */
final class CataloguePermissions {
  private CataloguePermissions() {}

  static final List<String> VIEWER =
      List.of(
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
          "alerts");

  static final List<String> OPERATOR =
      List.of(
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
          "audit");

  static final List<String> ADMIN =
      List.of(
          "os.reinstall",
          "sshkeys.set",
          "password.reset",
          "shell.cd",
          "shell.exec",
          "shell.script",
          "snapshot.delete",
          "snapshot.restore",
          "snapshot.import",
          "ipv6.delete",
          "migrate.start",
          "clone",
          "abuse.unsuspend",
          "abuse.resolve",
          "privateip.delete");

  static List<String> all() {
    List<String> all = new ArrayList<>(VIEWER);
    all.addAll(OPERATOR);
    all.addAll(ADMIN);
    return all;
  }
}

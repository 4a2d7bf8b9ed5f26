package dev.kiwiops.core.access;

import dev.kiwiops.core.testkit.CatalogueDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The "permission" and "role" columns of the project's {@code docs/COMMANDS.md}: the independent
 * record that the built-in roles are checked against.
 */
final class CataloguePermissions {
  private CataloguePermissions() {}

  static final List<String> VIEWER = CatalogueDocument.permissionsOf("viewer");

  static final List<String> OPERATOR = CatalogueDocument.permissionsOf("operator");

  static final List<String> ADMIN = CatalogueDocument.permissionsOf("admin");

  static List<String> all() {
    List<String> all = new ArrayList<>(VIEWER);
    all.addAll(OPERATOR);
    all.addAll(ADMIN);
    return all;
  }
}

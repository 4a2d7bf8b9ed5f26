package dev.kiwiops.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.fleet.Fleet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void viewerHoldsExactlyTheViewerColumnOfTheCatalogue() {
    assertThat(CataloguePermissions.all().stream().filter(Role.VIEWER::grants))
        .containsExactlyInAnyOrderElementsOf(CataloguePermissions.VIEWER);
  }

  @Test
  void operatorHoldsTheViewerAndOperatorColumnsAndNoAdminPermission() {
    List<String> expected = new java.util.ArrayList<>(CataloguePermissions.VIEWER);
    expected.addAll(CataloguePermissions.OPERATOR);
    assertThat(CataloguePermissions.all().stream().filter(Role.OPERATOR::grants))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void adminHoldsEverything() {
    assertThat(CataloguePermissions.all()).allMatch(Role.ADMIN::grants);
  }

  @Test
  void groupPatternCoversItsMembersButNotTheBareWordOrLookalikes() {
    Role role = new Role("deployer", Set.of("power.*"));

    assertThat(role.grants("power.kill")).isTrue();
    assertThat(role.grants("power")).isFalse();
    assertThat(role.grants("powerful.thing")).isFalse();
  }

  @Test
  void aPatternWrittenWithTheOldHyphenatedWordStillGrantsTheRenamedCommand() {
    Role role = new Role("auditor", Set.of(PermissionPattern.parse("Panel-Log").text()));

    assertThat(role.grants("panel_log")).isTrue();
    assertThat(role.grants("panel")).isFalse();
  }

  @Test
  void malformedPatternIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> new Role("typo", Set.of("power*")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'power*' is not a permission pattern");
  }

  @Test
  void configCannotRedefineABuiltInRole() {
    assertThatThrownBy(
            () -> new AccessPolicy(List.of(new Role("viewer", Set.of("*"))), List.of(), fleet()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("role viewer is built in and cannot be redefined");
  }

  @Test
  void bindingToAnUnknownRoleIsRefused() {
    assertThatThrownBy(
            () ->
                new AccessPolicy(
                    List.of(),
                    List.of(
                        new Binding(
                            dev.kiwiops.core.Identity.parse("telegram:1"),
                            Set.of("superuser"),
                            Set.of(),
                            Set.of())),
                    fleet()))
        .hasMessage("unknown role: superuser");
  }

  private static Fleet fleet() {
    return new Fleet(List.of());
  }
}

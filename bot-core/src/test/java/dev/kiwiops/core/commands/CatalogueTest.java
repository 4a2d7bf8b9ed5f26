package dev.kiwiops.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.access.Role;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.VmType;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalogue matches COMMANDS.md: permission, smallest role, confirmation, private reply. */
class CatalogueTest {
  private final CommandsFixture f = new CommandsFixture();
  private final Map<String, CommandSpec> specs =
      f.catalog.all().stream()
          .map(c -> c.spec())
          .collect(Collectors.toMap(CommandSpec::name, s -> s));

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "servers, viewer, false, false",
    "info, viewer, false, false",
    "status, viewer, false, false",
    "power start, operator, false, false",
    "power stop, operator, true, false",
    "power restart, operator, false, false",
    "power kill, operator, true, false",
    "os list, viewer, false, false",
    "os reinstall, admin, true, true",
    "sshkeys show, operator, false, false",
    "sshkeys set, admin, true, false",
    "password reset, admin, true, true",
    "usage, viewer, false, false",
    "panel-log, viewer, false, false",
    "hostname, operator, false, false",
    "rdns, operator, false, false",
    "iso list, viewer, false, false",
    "iso mount, operator, false, false",
    "iso unmount, operator, false, false",
    "shell cd, admin, false, false",
    "shell exec, admin, true, true",
    "shell script, admin, true, false",
    "snapshot list, viewer, false, false",
    "snapshot create, operator, false, false",
    "snapshot delete, admin, true, false",
    "snapshot restore, admin, true, false",
    "snapshot sticky, operator, false, false",
    "snapshot export, operator, false, true",
    "snapshot import, admin, true, false",
    "backup list, viewer, false, false",
    "backup copy, operator, false, false",
    "ipv6 add, operator, false, false",
    "ipv6 delete, admin, true, false",
    "migrate locations, viewer, false, false",
    "migrate start, admin, true, false",
    "clone, admin, true, true",
    "abuse suspensions, viewer, false, false",
    "abuse unsuspend, admin, true, false",
    "abuse violations, viewer, false, false",
    "abuse resolve, admin, true, false",
    "ratelimit, viewer, false, false",
    "privateip available, viewer, false, false",
    "privateip assign, operator, false, false",
    "privateip delete, admin, true, false"
  })
  void matchesTheCatalogue(String name, String role, boolean confirm, boolean secretReply) {
    CommandSpec spec = specs.get(name);

    assertThat(spec).as(name).isNotNull();
    assertThat(spec.permission()).isEqualTo(name.replace(' ', '.'));
    assertThat(spec.confirm()).as("confirm").isEqualTo(confirm);
    assertThat(spec.secretReply()).as("private").isEqualTo(secretReply);
    assertThat(smallestRole(spec.permission())).isEqualTo(role);
  }

  @Test
  void everySpecHasASummaryAndAnExample() {
    assertThat(specs.values())
        .allSatisfy(
            s -> {
              assertThat(s.summary()).as(s.name()).isNotBlank();
              assertThat(s.examples())
                  .as(s.name())
                  .isNotEmpty()
                  .allMatch(e -> e.startsWith(s.name()));
            });
  }

  @Test
  void helpListsOnlyWhatAViewerMayRun() {
    String help = f.run(CommandsFixture.VIEWER, "help").plainText();

    assertThat(help)
        .contains("snapshot list")
        .contains("usage <server> [period]")
        .doesNotContain("snapshot delete")
        .doesNotContain("shell exec")
        .doesNotContain("power");
  }

  @Test
  void helpForACommandShowsItsExamples() {
    assertThat(f.run("help snapshot restore").plainText())
        .contains("Examples:")
        .contains("snapshot restore web1 snapshot-");
  }

  @Test
  void serversShowsOneLineEach() {
    ServiceInfo info = CommandsFixture.info(VmType.KVM, CommandsTest.WEB1_IPS);
    f.kiwi.answer("getServiceInfo", new ApiResult.Ok<>(info));

    assertThat(f.run(CommandsFixture.VIEWER, "servers").plainText())
        .contains("web1 | prod | kvm · US, California · 203.0.113.7");
  }

  private static String smallestRole(String permission) {
    if (Role.VIEWER.grants(permission)) {
      return "viewer";
    }
    return Role.OPERATOR.grants(permission) ? "operator" : "admin";
  }
}

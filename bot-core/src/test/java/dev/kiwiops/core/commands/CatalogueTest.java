package dev.kiwiops.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.access.Role;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.testkit.CatalogueDocument;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.testkit.TestWatcher;
import dev.kiwiops.core.watch.AlertCommands;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue matches the project's docs/COMMANDS.md: syntax, permission, smallest role,
 * confirmation, private reply; and every command is documented.
 */
class CatalogueTest {
  private final CommandsFixture f = new CommandsFixture();

  /**
   * The standard catalogue, the watcher's alerts commands, {@code report} and the host's {@code
   * reload}, as the application builds them.
   */
  private final Map<String, CommandSpec> specs =
      Stream.of(
              f.catalog.all().stream(),
              AlertCommands.all(
                  TestWatcher.of(
                          f.fleet,
                          f.kiwi.port(),
                          new RecordingAlertSink("console"),
                          f.scheduler,
                          f.clock)
                      .build(),
                  f.clock)
                  .stream(),
              Stream.of(
                  new dev.kiwiops.core.report.ReportCommand(
                      new dev.kiwiops.core.report.FleetReports(
                          List::of,
                          new dev.kiwiops.core.forecast.Forecasts(
                              dev.kiwiops.core.forecast.LinearForecast.Settings.DEFAULT),
                          (title, bars) -> new byte[0],
                          () -> dev.kiwiops.core.report.ReportSettings.NONE,
                          f.clock))),
              Stream.of(
                  new ReloadCommand(
                      () ->
                          new ReloadCommand.Result(false, "not reloaded in this test", List.of()))))
          .flatMap(s -> s)
          .map(c -> c.spec())
          .collect(Collectors.toMap(CommandSpec::name, s -> s));

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedCommands")
  void matchesTheDocument(CatalogueDocument.Row row) {
    CommandSpec spec = specs.get(row.name());

    assertThat(spec).as(row.name()).isNotNull();
    assertThat(spec.usage()).as("syntax").isEqualTo(row.syntax());
    assertThat(spec.permission()).as("permission").isEqualTo(row.permission());
    assertThat(spec.confirm()).as("confirm").isEqualTo(row.confirm());
    assertThat(spec.secretReply()).as("private").isEqualTo(row.secretReply());
    assertThat(smallestRole(spec.permission())).as("role").isEqualTo(row.role());
  }

  @Test
  void everyCommandIsDocumented() {
    assertThat(CatalogueDocument.rows().stream().map(CatalogueDocument.Row::name))
        .containsExactlyInAnyOrderElementsOf(specs.keySet());
  }

  static List<CatalogueDocument.Row> documentedCommands() {
    return CatalogueDocument.rows();
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
    if (permission.isEmpty()) {
      return "anyone";
    }
    if (Role.VIEWER.grants(permission)) {
      return "viewer";
    }
    return Role.OPERATOR.grants(permission) ? "operator" : "admin";
  }
}

package dev.kiwiops.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.PromptAnswers;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.testkit.TestWatcher;
import dev.kiwiops.core.watch.AlertCommands;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole catalogue (with the watcher's commands and the prompt answers) is legal on Telegram and
 * Discord, is described as typed parameters, and help shows the usage generated from them.
 */
class PlatformNamesTest {
  /** Telegram's rule for command names, also legal as Discord command and option names. */
  private static final Pattern LEGAL = Pattern.compile("[a-z0-9_]{1,32}");

  private final CommandsFixture f = new CommandsFixture();

  private final List<CommandSpec> specs =
      Stream.of(
              f.catalog.all().stream().map(c -> c.spec()),
              AlertCommands.all(
                      TestWatcher.of(
                              f.fleet,
                              f.kiwi.port(),
                              new RecordingAlertSink("console"),
                              f.scheduler,
                              f.clock)
                          .build(),
                      f.clock)
                  .stream()
                  .map(c -> c.spec()),
              PromptAnswers.ALL.stream())
          .flatMap(s -> s)
          .toList();

  @Test
  void theCatalogueIsComplete() {
    assertThat(specs).hasSizeGreaterThanOrEqualTo(54);
  }

  @Test
  void everyCommandWordAndParameterNameIsLegalEverywhere() {
    assertThat(specs)
        .allSatisfy(
            s -> {
              assertThat(s.words()).as(s.name()).allMatch(w -> LEGAL.matcher(w).matches());
              assertThat(s.parameters())
                  .as(s.name())
                  .allMatch(p -> LEGAL.matcher(p.name()).matches());
            });
  }

  @Test
  void descriptionsFitDiscord() {
    assertThat(specs)
        .allSatisfy(
            s -> {
              assertThat(s.summary()).as(s.name()).isNotBlank().hasSizeLessThanOrEqualTo(100);
              assertThat(s.parameters())
                  .as(s.name())
                  .allSatisfy(
                      p -> {
                        assertThat(p.description()).isNotBlank().hasSizeLessThanOrEqualTo(100);
                        assertThat(p.choices())
                            .hasSizeLessThanOrEqualTo(25)
                            .allMatch(c -> !c.isEmpty() && c.length() <= 100);
                      });
            });
  }

  @Test
  void optionNamesAreUniqueAndRequiredOnesComeFirst() {
    assertThat(specs)
        .allSatisfy(
            s -> {
              List<String> names = s.parameters().stream().map(Parameter::name).toList();
              assertThat(names).as(s.name()).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(25);
              List<Boolean> required = s.parameters().stream().map(Parameter::required).toList();
              assertThat(
                      required.indexOf(false) < 0
                          || !required
                              .subList(required.indexOf(false), required.size())
                              .contains(true))
                  .as(s.name() + ": required after optional")
                  .isTrue();
              assertThat(s.parameters().stream().filter(Parameter::rest).map(Parameter::name))
                  .as(s.name())
                  .isSubsetOf(names.isEmpty() ? List.of() : List.of(names.get(names.size() - 1)));
            });
  }

  @Test
  void everyGroupFitsDiscordsSubcommandLimitAndNamesAreUnique() {
    Map<String, List<CommandSpec>> groups =
        specs.stream().collect(Collectors.groupingBy(s -> s.words().get(0)));
    assertThat(groups.values()).allSatisfy(g -> assertThat(g).hasSizeLessThanOrEqualTo(25));
    assertThat(groups).hasSizeLessThanOrEqualTo(100); // Discord: 100 global slash commands
    Set<String> names = new HashSet<>();
    assertThat(specs).allMatch(s -> names.add(s.name()));
  }

  @Test
  void everyServerCommandNamesItsServerFirst() {
    // A command whose examples start with a fleet name takes it as its first parameter.
    List<CommandSpec> onServers =
        specs.stream()
            .filter(
                s ->
                    s.examples().stream()
                        .anyMatch(
                            e ->
                                e.startsWith(s.name() + " web1")
                                    || e.startsWith(s.name() + " db1")))
            .toList();
    assertThat(onServers).hasSizeGreaterThan(40);
    assertThat(onServers)
        .allSatisfy(
            s -> {
              assertThat(s.parameters()).as(s.name()).isNotEmpty();
              assertThat(s.parameters().get(0).kind()).as(s.name()).isEqualTo(ParamKind.SERVER);
              assertThat(s.parameters().get(0).name()).as(s.name()).isEqualTo("server");
            });
  }

  @Test
  void helpShowsTheUsageGeneratedFromTheParameters() {
    String help = f.run("help").plainText();

    assertThat(f.catalog.all()).allSatisfy(c -> assertThat(help).contains(c.spec().usage() + " |"));
  }

  @Test
  void helpForOneCommandDescribesEachParameter() {
    String help = f.run("help snapshot sticky").plainText();

    assertThat(help)
        .contains("snapshot sticky <server> <file> on|off")
        .contains("snapshot sticky <file>: the snapshot file (see snapshot list)")
        .contains("snapshot sticky on|off: on keeps it from being purged, off lets it expire");
  }

  @Test
  void theOldHyphenatedPanelLogStillTypes() {
    f.kiwi.answer(
        "getAuditLog",
        new dev.kiwiops.core.kiwivm.ApiResult.Ok<>(
            new dev.kiwiops.core.kiwivm.PanelAuditLog(List.of())));

    f.run(CommandsFixture.VIEWER, "panel-log web1");

    assertThat(f.kiwi.count("getAuditLog")).isEqualTo(1);
    assertThat(f.audit.all()).last().satisfies(e -> assertThat(e.command()).isEqualTo("panel_log"));
  }

  @Test
  void theBuilderRefusesWhatAPlatformWouldRefuse() {
    assertThatThrownBy(() -> CommandSpec.builder("panel-log").summary("x").build())
        .hasMessageContaining("panel-log");
    assertThatThrownBy(
            () ->
                CommandSpec.builder("x")
                    .summary("x")
                    .parameter(Parameter.optional("a", ParamKind.WORD, "a"))
                    .parameter(Parameter.required("b", ParamKind.WORD, "b"))
                    .build())
        .hasMessageContaining("after an optional");
    assertThatThrownBy(
            () ->
                CommandSpec.builder("x")
                    .summary("x")
                    .server()
                    .parameter(Parameter.server())
                    .build())
        .hasMessageContaining("two parameters server");
    assertThatThrownBy(
            () ->
                CommandSpec.builder("x")
                    .summary("x")
                    .parameter(Parameter.required("a", ParamKind.TEXT, "a").toEnd())
                    .parameter(Parameter.required("b", ParamKind.WORD, "b"))
                    .build())
        .hasMessageContaining("only the last");
    assertThatThrownBy(() -> CommandSpec.builder("x").summary("y".repeat(101)).build())
        .hasMessageContaining("summary");
    assertThatThrownBy(() -> Parameter.required("ssh-port", ParamKind.PORT, "p"))
        .hasMessageContaining("ssh-port");
    assertThatThrownBy(() -> Parameter.required("p", ParamKind.PORT, ""))
        .hasMessageContaining("description");
  }

  @Test
  void usageIsGeneratedFromTheParameters() {
    CommandSpec spec =
        CommandSpec.builder("demo thing")
            .server()
            .parameter(Parameter.required("mode", ParamKind.ON_OFF, "m").choices("on", "off"))
            .parameter(Parameter.flag("screen", "s"))
            .parameter(Parameter.optional("note", ParamKind.TEXT, "n").toEnd())
            .summary("demo")
            .build();

    assertThat(spec.usage()).isEqualTo("demo thing <server> on|off [--screen] [note…]");
    assertThat(spec.permission()).isEqualTo("demo.thing");
  }
}

package dev.kiwiops.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCall;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestCatalogue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The whole catalogue as slash commands, within Discord's limits, and back to core lines. */
class CatalogueSlashesTest {
  /** Discord's rule for chat-input command and option names (lower case only). */
  private static final Pattern NAME = Pattern.compile("^[-_\\p{Ll}\\p{N}]{1,32}$");

  static CommandCatalog catalogue() {
    AccessPolicy policy = new AccessPolicy(List.of(), List.of(), new Fleet(List.of()));
    return TestCatalogue.of(
            new RecordingKiwiVm().port(), () -> policy, MutableClock.at("2026-01-10T12:00:00Z"))
        .catalog();
  }

  private final CommandCatalog catalog = catalogue();
  private final CatalogueSlashes slashes = new CatalogueSlashes(catalog, true);

  @Test
  void everyCommandAndOptionIsWithinDiscordsLimits() {
    List<SlashCommand> commands = slashes.commands();
    assertThat(commands).hasSizeLessThanOrEqualTo(100);
    Set<String> names = new HashSet<>();
    for (SlashCommand command : commands) {
      assertThat(names.add(command.name())).as("unique %s", command.name()).isTrue();
      assertName(command.name());
      assertDescription(command.description());
      assertThat(command.options().isEmpty() || command.subcommands().isEmpty())
          .as("%s mixes options and subcommands", command.name())
          .isTrue();
      assertThat(command.subcommands()).hasSizeLessThanOrEqualTo(25);
      assertOptions(command.name(), command.options());
      int chars =
          command.name().length() + command.description().length() + chars(command.options());
      Set<String> subNames = new HashSet<>();
      for (SlashCommand.Sub sub : command.subcommands()) {
        assertName(sub.name());
        assertThat(subNames.add(sub.name())).isTrue();
        assertDescription(sub.description());
        assertOptions(command.name() + " " + sub.name(), sub.options());
        chars += sub.name().length() + sub.description().length() + chars(sub.options());
      }
      assertThat(chars).as("characters of /%s", command.name()).isLessThanOrEqualTo(4000);
    }
  }

  @Test
  void everyCatalogueCommandIsReachableAndKeepsItsPrivateFlag() {
    for (Command command : catalog.all()) {
      CommandSpec spec = command.spec();
      String first = spec.words().get(0);
      String sub =
          spec.words().size() > 1
              ? String.join("-", spec.words().subList(1, spec.words().size()))
              : catalog.group(first).size() > 1 ? CatalogueSlashes.BARE_SUBCOMMAND : null;
      CatalogueSlashes.Target target = slashes.resolve(first, sub).orElseThrow();
      assertThat(target.words()).isEqualTo(spec.words());
      assertThat(target.secretReply()).isEqualTo(spec.secretReply());
    }
    assertThat(slashes.resolve("confirm", null)).isPresent();
    assertThat(slashes.resolve("power", "explode")).isEmpty();
  }

  @Test
  void serverIsTheOptionNameEverywhereAndTypesFollowTheUsage() throws Exception {
    CatalogueSlashes.Target info = slashes.resolve("info", null).orElseThrow();
    assertThat(info.options()).extracting(SlashOption::name).containsExactly("server");
    assertThat(info.options().get(0).required()).isTrue();

    CatalogueSlashes.Target sticky = slashes.resolve("snapshot", "sticky").orElseThrow();
    SlashOption state = sticky.options().get(2);
    assertThat(state.kind()).isEqualTo(SlashOption.Kind.BOOLEAN);
    assertThat(sticky.options().get(0).autocomplete()).isTrue();
    assertThat(sticky.options().get(1).autocomplete()).isTrue();
    assertThat(
            CatalogueSlashes.call(
                    sticky, Map.of("server", "web1", "file", "f.tar.gz", state.name(), "true"))
                .arguments(specOf("snapshot sticky")))
        .containsExactly("web1", "f.tar.gz", "on");

    CatalogueSlashes.Target clone = slashes.resolve("clone", null).orElseThrow();
    assertThat(clone.options())
        .extracting(SlashOption::name, SlashOption::kind)
        .contains(org.assertj.core.groups.Tuple.tuple("ssh_port", SlashOption.Kind.INTEGER));

    CatalogueSlashes.Target status = slashes.resolve("status", null).orElseThrow();
    assertThat(status.options().get(1).kind()).isEqualTo(SlashOption.Kind.BOOLEAN);
    assertThat(
            CatalogueSlashes.call(status, Map.of("server", "web1", "screen", "true"))
                .arguments(specOf("status")))
        .containsExactly("web1", "--screen");
    assertThat(
            CatalogueSlashes.call(status, Map.of("server", "web1", "screen", "false"))
                .arguments(specOf("status")))
        .containsExactly("web1");
  }

  @Test
  void valuesGoToTheCoreWholeEvenHostileOnes() throws Exception {
    CatalogueSlashes.Target hostname = slashes.resolve("hostname", null).orElseThrow();
    for (String value :
        List.of("p'w\"d", "a b", "\"", "''", "x\"y\"z", "--screen", "confirm X", "\\")) {
      CommandCall call = CatalogueSlashes.call(hostname, Map.of("server", "web1", "name", value));
      assertThat(call.words()).containsExactly("hostname");
      assertThat(call.arguments(specOf("hostname"))).containsExactly("web1", value);
    }
    CatalogueSlashes.Target exec = slashes.resolve("shell", "exec").orElseThrow();
    SlashOption rest = exec.options().get(1);
    assertThat(rest.rest()).isTrue();
    CommandCall shell =
        CatalogueSlashes.call(exec, Map.of("server", "web1", rest.name(), "ls -la '/tmp/a b'"));
    assertThat(shell.arguments(specOf("shell exec"))).containsExactly("web1", "ls -la '/tmp/a b'");
  }

  @Test
  void promptAnswersAreCommandsWithACode() {
    for (String verb : List.of("confirm", "cancel", "approve")) {
      CatalogueSlashes.Target target = slashes.resolve(verb, null).orElseThrow();
      assertThat(target.options()).extracting(SlashOption::name).containsExactly("code");
    }
  }

  private CommandSpec specOf(String name) {
    return catalog.all().stream()
        .map(Command::spec)
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static void assertName(String name) {
    assertThat(name).matches(NAME);
  }

  private static void assertDescription(String description) {
    assertThat(description.length()).isBetween(1, 100);
  }

  private static void assertOptions(String where, List<SlashOption> options) {
    assertThat(options).as(where).hasSizeLessThanOrEqualTo(25);
    Set<String> seen = new HashSet<>();
    List<String> names = new ArrayList<>();
    for (SlashOption option : options) {
      assertName(option.name());
      assertThat(seen.add(option.name())).as("%s option %s twice", where, option.name()).isTrue();
      assertDescription(option.description());
      assertThat(option.choices()).hasSizeLessThanOrEqualTo(25);
      option.choices().forEach(c -> assertThat(c.length()).isBetween(1, 100));
      names.add(option.name());
    }
  }

  private static int chars(List<SlashOption> options) {
    int n = 0;
    for (SlashOption option : options) {
      n += option.name().length() + option.description().length();
      for (String choice : option.choices()) {
        n += 2 * choice.length();
      }
    }
    return n;
  }
}

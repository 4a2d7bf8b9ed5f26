package dev.kiwiops.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.AvailableOs;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.testkit.CollectingConversation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A command whose reply holds a secret is refused, before any upstream call, where the reply cannot
 * be delivered privately.
 */
class SecretRepliesTest {

  static Stream<String> secretLines() {
    return Stream.of(
        "os reinstall web1 debian-12-x86_64",
        "password reset web1",
        "shell exec web1 id",
        "snapshot export web1 " + CommandsTest.FILE,
        "clone vz1 198.51.100.20 22");
  }

  @ParameterizedTest
  @MethodSource("secretLines")
  void refusedWhereNoPrivateReplyIsPossible(String line) {
    CommandsFixture f = new CommandsFixture();
    CollectingConversation group = new CollectingConversation(false);

    f.dispatcher.handle(CommandsFixture.ADMIN, CommandsFixture.GROUP, line, group);

    assertThat(group.lastText()).contains("cannot be sent to you privately");
    assertThat(f.kiwi.calls()).isEmpty();
  }

  /**
   * The prompt came where a private reply was possible (a Discord slash command, say), but the
   * confirmation arrives where it is not (the typed {@code confirm CODE} fallback in a channel):
   * the secret would go to whoever reads that conversation, so nothing runs.
   */
  @ParameterizedTest
  @MethodSource("confirmedSecretLines")
  void refusedWhenConfirmedWhereNoPrivateReplyIsPossible(String line) {
    CommandsFixture f = new CommandsFixture();
    // What the looks before the prompts read: the template is offered, vz1 is OpenVZ.
    f.kiwi
        .answer(
            "getAvailableOs",
            new ApiResult.Ok<>(new AvailableOs("debian-12-x86_64", List.of("debian-12-x86_64"))))
        .answer("getServiceInfo", CommandsFixture.ok(CommandsFixture.info(VmType.OVZ, List.of())));
    CollectingConversation slash = new CollectingConversation(true);
    CollectingConversation channel = new CollectingConversation(false);
    f.dispatcher.handle(CommandsFixture.ADMIN, CommandsFixture.GROUP, line, slash);
    String prompt = slash.lastText();
    int at = prompt.indexOf("`confirm ") + "`confirm ".length();
    String code = prompt.substring(at, prompt.indexOf('`', at));

    f.dispatcher.handle(CommandsFixture.ADMIN, CommandsFixture.GROUP, "confirm " + code, channel);

    assertThat(channel.sent()).singleElement();
    assertThat(channel.lastText())
        .contains("cannot be sent to you privately")
        .contains("Nothing was sent to KiwiVM");
    assertThat(f.kiwi.writes()).isEmpty();
    assertThat(f.audit.all())
        .last()
        .satisfies(e -> assertThat(e.decision()).isEqualTo("refused-private"));
  }

  static Stream<String> confirmedSecretLines() {
    return secretLines().filter(l -> !l.startsWith("snapshot export"));
  }

  @ParameterizedTest
  @MethodSource("secretLines")
  void theseAreExactlyTheSecretReplyCommands(String line) {
    CommandsFixture f = new CommandsFixture();
    List<String> secret =
        f.catalog.all().stream()
            .map(Command::spec)
            .filter(s -> s.secretReply())
            .map(s -> s.name())
            .toList();

    assertThat(secret).hasSize(5).anyMatch(line::startsWith);
  }
}

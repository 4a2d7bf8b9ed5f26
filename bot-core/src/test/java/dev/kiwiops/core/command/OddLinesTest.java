package dev.kiwiops.core.command;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Odd lines typed at the bot (fuzzing by hand): each one gets one short reply, never a stack trace,
 * and nothing reaches KiwiVM, whoever types it.
 */
class OddLinesTest {
  static final Caller ADMIN = caller("console:ada");
  static final Caller STRANGER = caller("console:nobody");
  static final int SHORT = 400;

  static Stream<String> oddLines() {
    String huge = "x".repeat(100_000);
    return Stream.of(
        "\"\"",
        "'' ''",
        "\"\" web1",
        "power \"\" web1",
        "power kill \"\"",
        "//",
        "/ power",
        "@",
        "@kiwibot",
        "/power@kiwibot",
        "/power@kiwibot kill",
        "/info@",
        "confirm",
        "confirm \"\"",
        "confirm a b",
        "approve",
        "approve \"\"",
        "cancel \u0000",
        "\u0000",
        "info\u0000 web1",
        "info web1\u0000",
        "power\u0000kill web1",
        "ⓘnfo web1",
        "İNFO web1",
        "info ẅeb1",
        "info web1 \uD83D\uDE80",
        "\uD83D\uDE80",
        "\uD800",
        "info \u202Eweb1",
        "\u00A0info web1",
        "info \"web1",
        "info 'web1",
        "\"",
        huge,
        "info " + huge,
        "info " + "\uD83D\uDE80".repeat(50_000),
        "power kill " + huge,
        "rdns web1 " + huge + " x.example.com",
        "hostname web1 " + huge,
        "snapshot delete web1 " + huge,
        "shell cd web1 " + huge,
        "alerts ack " + huge,
        "alerts snooze A1 " + huge,
        "audit " + huge,
        "help " + huge,
        "secret " + huge + " value",
        "confirm " + huge,
        "approve " + huge,
        "cancel " + huge,
        "usage web1 99999999999999999999h",
        "abuse resolve web1 9223372036854775808",
        "alerts snooze A1 999999999d",
        "power power power power power");
  }

  @ParameterizedTest
  @MethodSource("oddLines")
  void adminGetsOneShortReplyAndNothingIsSent(String line) {
    oneShortReplyAndNothingSent(ADMIN, line);
  }

  @ParameterizedTest
  @MethodSource("oddLines")
  void strangerGetsOneShortReplyAndNothingIsSent(String line) {
    oneShortReplyAndNothingSent(STRANGER, line);
  }

  @ParameterizedTest
  @MethodSource("blankLines")
  void blankLinesAreIgnored(String line) {
    RecordingKiwiVm kiwi = new RecordingKiwiVm();
    TestBot bot = TestBot.builder(kiwi.port()).bind(binding("console:ada", "admin")).build();
    CollectingConversation chat = new CollectingConversation();

    bot.say(ADMIN, line, chat);

    assertThat(chat.sent()).isEmpty();
    assertThat(kiwi.calls()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("unusableLines")
  void aLineThatCannotBeUsedIsStillAuditedWithoutItsWords(String line) {
    RecordingKiwiVm kiwi = new RecordingKiwiVm();
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    TestBot bot =
        TestBot.builder(kiwi.port()).audit(audit).bind(binding("console:ada", "admin")).build();

    bot.say(ADMIN, line, new CollectingConversation());

    assertThat(audit.all())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.identity()).isEqualTo("console:ada");
              assertThat(e.decision()).isEqualTo("invalid");
              assertThat(e.arguments()).doesNotContain("hunter2");
            });
  }

  static Stream<String> unusableLines() {
    return Stream.of(
        "info 'web1",
        "secret ABCDEF 'hunter2",
        "snapshot import web1 1001 \"hunter2",
        "confirm",
        "confirm ABCDEF hunter2",
        "cancel",
        "cancel ABCDEF hunter2",
        "approve",
        "approve ABCDEF hunter2");
  }

  static Stream<String> blankLines() {
    return Stream.of("", " ", "   \t  ", "\n", "\r\n", "\u2003", "/", " / ");
  }

  private static void oneShortReplyAndNothingSent(Caller who, String line) {
    RecordingKiwiVm kiwi = new RecordingKiwiVm();
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    TestBot bot =
        TestBot.builder(kiwi.port()).audit(audit).bind(binding("console:ada", "admin")).build();
    CollectingConversation chat = new CollectingConversation();

    bot.say(who, line, chat);

    assertThat(kiwi.calls()).isEmpty();
    assertThat(chat.sent()).hasSize(1);
    Reply reply = chat.last();
    String text = reply.plainText();
    assertThat(text).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(text.length()).as("reply length of: %s", text).isLessThanOrEqualTo(SHORT);
    assertThat(reply.buttons()).isEmpty();
  }
}

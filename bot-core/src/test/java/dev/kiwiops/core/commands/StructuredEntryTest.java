package dev.kiwiops.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCall;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.Tokenizer;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Dispatcher.handle(…, CommandCall, …)} and {@code handle(…, line, …)} give the same
 * replies, the same KiwiVM calls and the same audit trail for the same command: each run on a fresh
 * core with the same clock, confirming where a prompt asks for it (by the same entry).
 */
class StructuredEntryTest {

  /** What one run left behind: replies (confirmation codes blanked), upstream calls, audit. */
  record Outcome(List<String> replies, List<RecordingKiwiVm.Call> calls, List<AuditEntry> audit) {}

  private static Outcome typed(Caller caller, ChatRef chat, String line) {
    return run((f, text) -> f.dispatcher.handle(caller, chat, text, f.chat), line, caller, chat);
  }

  private static Outcome structured(Caller caller, ChatRef chat, CommandCall call) {
    CommandsFixture f = fixture();
    f.dispatcher.handle(caller, chat, call, f.chat);
    confirmIfAsked(
        f,
        code ->
            f.dispatcher.handle(
                caller, chat, new CommandCall(List.of("confirm"), Map.of("code", code)), f.chat));
    return outcome(f);
  }

  private static Outcome run(
      BiConsumer<CommandsFixture, String> say, String line, Caller caller, ChatRef chat) {
    CommandsFixture f = fixture();
    say.accept(f, line);
    confirmIfAsked(f, code -> say.accept(f, "confirm " + code));
    return outcome(f);
  }

  private static void confirmIfAsked(
      CommandsFixture f, java.util.function.Consumer<String> confirm) {
    if (!f.chat.sent().isEmpty() && f.chat.lastText().contains("`confirm ")) {
      confirm.accept(ConfirmPrompt.codeIn(f.chat.lastText()));
    }
  }

  private static Outcome outcome(CommandsFixture f) {
    List<String> replies = new ArrayList<>();
    for (Reply r : f.chat.sent()) {
      String text = r.plainText();
      if (text.contains("`confirm ")) {
        text = text.replace(ConfirmPrompt.codeIn(text), "CODE");
      }
      replies.add(text + " buttons=" + r.buttons().size() + " private=" + r.isPrivate());
    }
    return new Outcome(replies, f.kiwi.calls(), f.audit.all());
  }

  private static CommandsFixture fixture() {
    CommandsFixture f = new CommandsFixture();
    f.kiwi
        .answer(
            "getServiceInfo",
            CommandsFixture.ok(CommandsFixture.info(VmType.KVM, CommandsTest.WEB1_IPS)))
        .answer("kill", new ApiResult.Ok<>(Done.INSTANCE))
        .answer("setHostname", new ApiResult.Ok<>(Done.INSTANCE))
        .answer(
            "shellExec",
            new ApiResult.Ok<>(new dev.kiwiops.core.kiwivm.ShellExecResult(0, "ok\n")));
    return f;
  }

  // Every example of the catalogue, typed and as a platform would send it.

  static Stream<Arguments> examples() {
    CommandsFixture f = new CommandsFixture();
    List<Arguments> all = new ArrayList<>();
    for (Command c : f.catalog.all()) {
      for (String example : c.spec().examples()) {
        all.add(Arguments.of(example, c.spec()));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleGivesTheSameOutcomeByBothEntries(String example, CommandSpec spec)
      throws UsageException {
    CommandCall call = asPlatformSendsIt(spec, example);

    Outcome typed = typed(CommandsFixture.ADMIN, CommandsFixture.DIRECT, example);
    Outcome structured = structured(CommandsFixture.ADMIN, CommandsFixture.DIRECT, call);

    assertThat(structured).isEqualTo(typed);
    assertThat(typed.audit()).isNotEmpty();
  }

  /** The example's words after the command words, given to the parameters in order. */
  private static CommandCall asPlatformSendsIt(CommandSpec spec, String example)
      throws UsageException {
    List<String> words = Tokenizer.split(example);
    List<String> args = words.subList(spec.words().size(), words.size());
    Map<String, String> values = new HashMap<>();
    int next = 0;
    for (Parameter p : spec.parameters()) {
      if (next >= args.size()) {
        break;
      }
      if (p.kind() == ParamKind.FLAG) {
        if (args.get(next).equals("--" + p.name())) {
          values.put(p.name(), "true");
          next++;
        }
      } else if (p.rest()) {
        values.put(p.name(), String.join(" ", args.subList(next, args.size())));
        next = args.size();
      } else {
        values.put(p.name(), args.get(next++));
      }
    }
    assertThat(next).as("every word of " + example + " has a parameter").isEqualTo(args.size());
    return new CommandCall(spec.words(), values);
  }

  // Hostile values: whatever a platform sends arrives whole and is judged like the typed value.

  @Property(tries = 60)
  void hostileValuesGiveTheSameOutcome(@ForAll("hostile") String value) {
    Map<String, String> lines =
        Map.of(
            "snapshot create web1 ", "snapshot create",
            "hostname web1 ", "hostname",
            "snapshot import web1 1234567 ", "snapshot import",
            "usage web1 ", "usage");
    Map<String, String> names =
        Map.of(
            "snapshot create", "description",
            "hostname", "name",
            "snapshot import", "token",
            "usage", "period");
    lines.forEach(
        (prefix, command) -> {
          Map<String, String> values = new HashMap<>();
          values.put("server", "web1");
          values.put(names.get(command), value);
          if (command.equals("snapshot import")) {
            values.put("source_veid", "1234567");
          }
          CommandCall call = new CommandCall(List.of(command.split(" ")), values);

          Outcome typed =
              typed(CommandsFixture.ADMIN, CommandsFixture.DIRECT, prefix + Tokenizer.quote(value));
          Outcome structured = structured(CommandsFixture.ADMIN, CommandsFixture.DIRECT, call);

          assertThat(structured).as(command).isEqualTo(typed);
        });
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> mixed =
        Arbitraries.frequencyOf(
                Tuple.of(
                    4, Arbitraries.of('"', '\'', '\\', ' ', '\n', '/', '@', 'é', '€', '\u00a0')),
                Tuple.of(2, Arbitraries.chars().alpha()),
                Tuple.of(1, Arbitraries.chars()))
            .list()
            .ofMaxSize(30)
            .map(
                cs -> {
                  StringBuilder s = new StringBuilder();
                  cs.forEach(s::append);
                  return s.toString();
                });
    return Arbitraries.oneOf(
        mixed,
        Arbitraries.of(
            "p'w\"d",
            "a\\\"b",
            "ends with \\",
            "x".repeat(10_000),
            "\"'\\".repeat(3_400),
            "snapshot ✓ before the upgrade — 😀",
            "\u202egnp.exe",
            "web1.example.com",
            "before nginx upgrade",
            "7d",
            "abcDEF123_-abcDEF123"));
  }

  @Test
  void aSecretValueWithQuotesReachesKiwiVmWholeAndTheAuditMasked() {
    String token = "abc'def\"ghi\\jkl";
    Outcome structured =
        structured(
            CommandsFixture.ADMIN,
            CommandsFixture.DIRECT,
            new CommandCall(
                List.of("snapshot", "import"),
                Map.of("server", "web1", "source_veid", "1234567", "token", token)));

    assertThat(structured)
        .isEqualTo(
            typed(
                CommandsFixture.ADMIN,
                CommandsFixture.DIRECT,
                "snapshot import web1 1234567 " + Tokenizer.quote(token)));
    assertThat(structured.audit()).allSatisfy(e -> assertThat(e.arguments()).doesNotContain("abc"));
    assertThat(structured.calls()).isEmpty(); // not a transfer token: refused before KiwiVM
  }

  @Test
  void aShellCommandGivenWholeIsSentAsGiven() {
    Outcome structured =
        structured(
            CommandsFixture.ADMIN,
            CommandsFixture.DIRECT,
            new CommandCall(
                List.of("shell", "exec"),
                Map.of("server", "web1", "command", "ls -1 | grep 'a  b' \"$HOME\"")));

    assertThat(structured.calls())
        .filteredOn(c -> c.method().equals("shellExec"))
        .singleElement()
        .satisfies(c -> assertThat(c.args().get(1)).isEqualTo("ls -1 | grep 'a  b' \"$HOME\""));
  }

  @Test
  void aBooleanOnOffReadsAsOnOrOff() {
    for (String[] pair : new String[][] {{"true", "on"}, {"false", "off"}}) {
      Outcome structured =
          structured(
              CommandsFixture.ADMIN,
              CommandsFixture.DIRECT,
              new CommandCall(
                  List.of("snapshot", "sticky"),
                  Map.of("server", "web1", "file", CommandsTest.FILE, "sticky", pair[0])));

      assertThat(structured)
          .isEqualTo(
              typed(
                  CommandsFixture.ADMIN,
                  CommandsFixture.DIRECT,
                  "snapshot sticky web1 " + CommandsTest.FILE + " " + pair[1]));
      assertThat(structured.calls()).isNotEmpty();
    }
  }

  // Refusals: nothing reaches KiwiVM, the reply names the usage, the audit says invalid.

  @Test
  void anUnknownParameterNameIsRefusedWithTheUsage() {
    CommandsFixture f = fixture();

    f.dispatcher.handle(
        CommandsFixture.ADMIN,
        CommandsFixture.DIRECT,
        new CommandCall(List.of("power", "kill"), Map.of("server", "web1", "force", "p'w\"d")),
        f.chat);

    assertThat(f.chat.lastText())
        .contains("power kill has no parameter 'force' (it takes server).")
        .contains("Usage: power kill <server>");
    assertThat(f.kiwi.calls()).isEmpty();
    assertThat(f.audit.all())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.decision()).isEqualTo("invalid");
              assertThat(e.command()).isEqualTo("power kill");
              assertThat(e.arguments()).doesNotContain("p'w").contains("withheld");
            });
  }

  @Test
  void aMissingValueIsRefusedWithTheUsage() {
    CommandsFixture f = fixture();

    f.dispatcher.handle(
        CommandsFixture.ADMIN,
        CommandsFixture.DIRECT,
        new CommandCall(List.of("snapshot", "delete"), Map.of("server", "web1")),
        f.chat);

    assertThat(f.chat.lastText()).isEqualTo("Missing file. Usage: snapshot delete <server> <file>");
    assertThat(f.kiwi.calls()).isEmpty();
    assertThat(f.audit.all())
        .singleElement()
        .satisfies(e -> assertThat(e.decision()).isEqualTo("invalid"));
  }

  @Test
  void accessIsDecidedBeforeTheNamesAreRead() {
    Outcome structured =
        structured(
            CommandsFixture.VIEWER,
            CommandsFixture.GROUP,
            new CommandCall(List.of("power", "kill"), Map.of("server", "web1", "bogus", "x")));

    assertThat(structured.replies())
        .singleElement()
        .asString()
        .startsWith("You are not allowed to run power kill.");
    assertThat(structured.calls()).isEmpty();
    assertThat(structured.audit())
        .singleElement()
        .satisfies(e -> assertThat(e.decision()).isEqualTo("denied"));
  }

  @Test
  void anUnknownCommandIsRefusedLikeATypedOne() {
    Outcome structured =
        structured(
            CommandsFixture.ADMIN,
            CommandsFixture.DIRECT,
            new CommandCall(List.of("power", "explode"), Map.of("server", "web1")));

    assertThat(structured.replies())
        .singleElement()
        .asString()
        .startsWith("Usage: power start|stop|restart|kill …");
    assertThat(structured.calls()).isEmpty();
    assertThat(structured.audit())
        .singleElement()
        .satisfies(e -> assertThat(e.decision()).isEqualTo("invalid"));
  }

  @Test
  void aSecretReplyIsRefusedInAGroupByBothEntries() {
    Outcome structured =
        structured(
            CommandsFixture.ADMIN,
            CommandsFixture.GROUP,
            new CommandCall(List.of("password", "reset"), Map.of("server", "web1")));

    assertThat(structured)
        .isEqualTo(typed(CommandsFixture.ADMIN, CommandsFixture.GROUP, "password reset web1"));
  }

  @Test
  void aPromptAnswerTakesOnlyItsCode() {
    CommandsFixture f = fixture();
    f.dispatcher.handle(
        CommandsFixture.ADMIN,
        CommandsFixture.DIRECT,
        new CommandCall(List.of("power", "kill"), Map.of("server", "web1")),
        f.chat);
    String code = ConfirmPrompt.codeIn(f.chat.lastText());

    f.dispatcher.handle(
        CommandsFixture.ADMIN,
        CommandsFixture.DIRECT,
        new CommandCall(List.of("confirm"), Map.of("code", code, "also", "x")),
        f.chat);

    assertThat(f.chat.lastText()).isEqualTo("Usage: confirm CODE");
    assertThat(f.kiwi.count("kill")).isZero();

    f.dispatcher.handle(
        CommandsFixture.ADMIN,
        CommandsFixture.DIRECT,
        new CommandCall(List.of("confirm"), Map.of("code", code)),
        f.chat);

    assertThat(f.kiwi.count("kill")).isEqualTo(1);
  }
}

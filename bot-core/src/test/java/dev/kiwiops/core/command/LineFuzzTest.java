package dev.kiwiops.core.command;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import dev.kiwiops.core.testkit.TestCatalogue;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing of typed lines: plausible and hostile lines (the catalogue's command words with random
 * arguments, server names, codes, unicode, quotes, escapes, control characters and huge tokens)
 * through the {@link Tokenizer} and the whole {@link Dispatcher} (the standard catalogue as a
 * permitted operator or a caller without any binding, on a counting KiwiVM port). 108,000 generated
 * lines in all: 60,000 through the tokenizer, 48,000 through the dispatcher (in batches of 12 per
 * try).
 *
 * <p>Invariants: nothing is thrown; the tokenizer either splits or says "Unclosed quote." and its
 * words quote back to the same split; every line the dispatcher refuses (unreadable, unknown,
 * rejected by the parser, denied) makes no KiwiVM call at all; every error reply is one short line
 * without exception text.
 */
class LineFuzzTest {
  private static final int MAX_ERROR_REPLY = 600;
  private static final Pattern LEAK =
      Pattern.compile("Exception|\\tat |\\bat dev\\.kiwiops|java\\.lang|NullPointer");
  private static final Set<String> REFUSED = Set.of("invalid", "denied");

  private static final List<String> COMMAND_WORDS;

  static {
    TestBot probe = TestBot.builder(new RecordingKiwiVm().port()).build();
    Set<String> words = new TreeSet<>();
    for (Command command :
        TestCatalogue.of(new RecordingKiwiVm().port(), probe.access, probe.clock).catalog().all()) {
      words.add(String.join(" ", command.spec().words()));
    }
    words.addAll(List.of("confirm", "cancel", "approve", "help", "secret"));
    COMMAND_WORDS = List.copyOf(words);
  }

  private static final AtomicLong TOKENIZED = new AtomicLong();
  private static final AtomicLong DISPATCHED = new AtomicLong();
  private static final AtomicLong REFUSED_LINES = new AtomicLong();
  private static final AtomicLong CALLING_LINES = new AtomicLong();

  private static final Caller OPS = caller("console:ops");
  private static final Caller STRANGER = caller("console:stranger");

  private final AtomicLong upstreamCalls = new AtomicLong();
  private final LastEntry audit = new LastEntry();
  private final TestBot bot =
      TestBot.builder(countingKiwi(upstreamCalls))
          .audit(audit)
          .bind(binding("console:ops", "operator"))
          .build();

  @Property(tries = 5_000)
  void theTokenizerSplitsOrSaysWhyAndQuotesBack(@ForAll("batches") List<String> lines)
      throws UsageException {
    for (String line : lines) {
      tokenizes(line);
    }
  }

  private static void tokenizes(String line) throws UsageException {
    TOKENIZED.incrementAndGet();
    List<String> words;
    try {
      words = Tokenizer.split(line);
    } catch (UsageException e) {
      assertThat(e.getMessage()).isEqualTo("Unclosed quote.");
      return;
    }
    List<String> quoted = new ArrayList<>();
    for (String word : words) {
      quoted.add(Tokenizer.quote(word));
    }
    List<String> again = Tokenizer.split(String.join(" ", quoted));
    assertThat(again).isEqualTo(words);
  }

  @Property(tries = 4_000)
  void everyLineGetsAShortAnswerAndRefusedLinesCallNothing(
      @ForAll("batches") List<String> lines, @ForAll @IntRange(min = 0, max = 9) int who) {
    for (int i = 0; i < lines.size(); i++) {
      // One line in ten comes from someone without any binding.
      dispatches(lines.get(i), (who + i) % 10 == 0);
    }
  }

  private void dispatches(String line, boolean stranger) {
    DISPATCHED.incrementAndGet();
    CollectingConversation chat = new CollectingConversation();
    audit.last = null;
    long before = upstreamCalls.get();

    bot.say(stranger ? STRANGER : OPS, line, chat);

    long calls = upstreamCalls.get() - before;
    AuditEntry entry = audit.last;
    if (calls > 0) {
      CALLING_LINES.incrementAndGet();
    }
    if (entry != null && REFUSED.contains(entry.decision())) {
      REFUSED_LINES.incrementAndGet();
      assertThat(calls).as("KiwiVM calls for a refused line").isZero();
      assertThat(chat.sent()).hasSize(1);
    }
    if (stranger) {
      assertThat(calls).as("a caller without a binding reaches KiwiVM").isZero();
    }
    for (Reply reply : chat.sent()) {
      String text = reply.plainText();
      assertThat(text).doesNotContainPattern(LEAK);
      if (reply.tone() == Tone.ERROR) {
        assertThat(text.length()).as("error reply length: %s", text).isLessThan(MAX_ERROR_REPLY);
      }
    }
  }

  @AfterContainer
  static void counts() {
    System.out.printf(
        "LineFuzzTest: %d lines tokenized, %d dispatched (%d refused without a KiwiVM call, %d"
            + " called KiwiVM)%n",
        TOKENIZED.get(), DISPATCHED.get(), REFUSED_LINES.get(), CALLING_LINES.get());
  }

  // Generators

  /** Generated lines come in batches of this many: jqwik's cost per try exceeds a line's. */
  private static final int BATCH = 12;

  @Provide
  Arbitrary<List<String>> batches() {
    return lines().list().ofSize(BATCH);
  }

  private static Arbitrary<String> lines() {
    Arbitrary<String> word =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.of("web1", "db1", "all", "tag:prod", "nope")),
            net.jqwik.api.Tuple.of(4, Arbitraries.strings().alpha().numeric().ofMaxLength(12)),
            net.jqwik.api.Tuple.of(3, hostileWord()),
            net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20)),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.of("1h", "-5", "0", "99999999999999999999", "1e9", "A12", "x:y")),
            net.jqwik.api.Tuple.of(1, hugeToken()));
    Arbitrary<String> separator = Arbitraries.of(" ", " ", " ", "  ", "\t", "\u00a0", "\n");
    Arbitrary<String> args =
        Arbitraries.lazy(
            () ->
                word.list()
                    .ofMaxSize(6)
                    .flatMap(
                        ws ->
                            separator
                                .list()
                                .ofSize(ws.size())
                                .map(
                                    seps -> {
                                      StringBuilder sb = new StringBuilder();
                                      for (int i = 0; i < ws.size(); i++) {
                                        sb.append(seps.get(i)).append(ws.get(i));
                                      }
                                      return sb.toString();
                                    })));
    Arbitrary<String> head =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.of(COMMAND_WORDS)),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.of(COMMAND_WORDS).map(w -> "/" + w.replace(" ", "@kiwibot "))),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(COMMAND_WORDS).map(w -> w.toUpperCase())),
            net.jqwik.api.Tuple.of(2, word));
    Arbitrary<String> server = Arbitraries.of(" web1", " db1", " WEB1", " web1 db1", "", "");
    Arbitrary<String> plausible =
        net.jqwik.api.Combinators.combine(head, server, args).as((h, s, a) -> h + s + a);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, plausible),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("\"'\\ \t/@").ofMaxLength(30)));
  }

  private static Arbitrary<String> hostileWord() {
    return Arbitraries.of(
        "\"unclosed",
        "'unclosed",
        "\"a b\"",
        "'it''s'",
        "\"esc\\\"aped\"",
        "back\\slash",
        "\"\\\\\"",
        "\"\"",
        "''",
        "\u0000",
        "\u202e\u202d",
        "\ud83d\ude00",
        "\ud83d",
        "\udc00",
        "e\u0301",
        "Ω≈ç√",
        "%s%n%d",
        "${jndi:ldap://x}",
        "<script>",
        "'; DROP TABLE audit; --",
        "../../etc/passwd",
        "api_key=private_aaaaaaaaaaaaaaaaaaaaaaaa",
        "--force",
        "-1",
        "NaN",
        "\r\n",
        "@",
        "/");
  }

  private static Arbitrary<String> hugeToken() {
    return Arbitraries.integers()
        .between(1_000, 10_000)
        .flatMap(
            n -> Arbitraries.of('a', '"', '\\', 'é', '9').map(c -> String.valueOf(c).repeat(n)));
  }

  // Fakes

  /** A KiwiVM port that counts every call and answers each with an API error. */
  private static KiwiVm countingKiwi(AtomicLong calls) {
    return (KiwiVm)
        Proxy.newProxyInstance(
            KiwiVm.class.getClassLoader(),
            new Class<?>[] {KiwiVm.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "toString" -> "CountingKiwiVm";
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> proxy == args[0];
                };
              }
              calls.incrementAndGet();
              return new ApiResult.ApiError<>(1, "fuzz: no such call");
            });
  }

  /** An audit trail that keeps only the newest entry (100,000 lines would fill memory). */
  private static final class LastEntry implements AuditTrail {
    volatile AuditEntry last;

    @Override
    public void record(AuditEntry entry) {
      last = entry;
    }

    @Override
    public List<AuditEntry> recent(AuditQuery query) {
      AuditEntry e = last;
      return e == null ? List.of() : List.of(e);
    }
  }
}

package dev.kiwiops.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Tokenizer#split} reads back whatever {@link Tokenizer#quote} wrote. */
class TokenizerTest {

  @Property(tries = 1000)
  void quoteIsTheInverseOfSplit(@ForAll("hostile") String word) throws UsageException {
    assertThat(Tokenizer.split(Tokenizer.quote(word))).containsExactly(word);
  }

  @Property(tries = 500)
  void quotedWordsOfALineComeBackInOrder(
      @ForAll("hostile") String first, @ForAll("hostile") String second, @ForAll String any)
      throws UsageException {
    String line =
        String.join(" ", Tokenizer.quote(first), Tokenizer.quote(second), Tokenizer.quote(any));

    assertThat(Tokenizer.split(line)).containsExactly(first, second, any);
  }

  /** Strings made mostly of what the tokenizer reads specially, plus any character at all. */
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<Character> special =
        Arbitraries.of('"', '\'', '\\', ' ', '\t', '\n', '/', '@', 'é', '€', '\u00a0', 'a', '1');
    Arbitrary<Character> anything = Arbitraries.chars();
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, special), net.jqwik.api.Tuple.of(1, anything))
        .list()
        .ofMaxSize(40)
        .map(
            chars -> {
              StringBuilder s = new StringBuilder();
              chars.forEach(s::append);
              return s.toString();
            })
        .injectDuplicates(0.05)
        .edgeCases(e -> e.add("").add("\\").add("\"").add("'").add("😀 x"));
  }

  @Example
  void backslashEscapesQuotesInsideQuotes() throws UsageException {
    assertThat(Tokenizer.split("hostname web1 \"p'w\\\"d\" 'it\\'s' \"a\\\\b\""))
        .containsExactly("hostname", "web1", "p'w\"d", "it's", "a\\b");
  }

  @Example
  void otherBackslashesAreKeptAsTyped() throws UsageException {
    assertThat(Tokenizer.split("shell exec web1 grep a\\|b \"c\\d\""))
        .containsExactly("shell", "exec", "web1", "grep", "a\\|b", "c\\d");
  }

  @Example
  void anEscapedQuoteDoesNotCloseTheWord() {
    assertThatThrownBy(() -> Tokenizer.split("secret K7 \"abc\\\""))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unclosed quote.");
  }

  @Example
  void telegramBotSuffixGoesOnlyFromAnUnquotedFirstWord() throws UsageException {
    assertThat(Tokenizer.split("/info@kiwi_bot web1")).containsExactly("info", "web1");
    assertThat(Tokenizer.split("\"a@b\" c")).containsExactly("a@b", "c");
  }

  @Example
  void plainWordsAreNotQuoted() {
    assertThat(List.of("web1", "USCA_2", "203.0.113.7", "2001:db8::1", "a-b").stream())
        .allSatisfy(w -> assertThat(Tokenizer.quote(w)).isEqualTo(w));
    assertThat(Tokenizer.quote("/etc")).isEqualTo("\"/etc\"");
    assertThat(Tokenizer.quote("")).isEqualTo("\"\"");
  }
}

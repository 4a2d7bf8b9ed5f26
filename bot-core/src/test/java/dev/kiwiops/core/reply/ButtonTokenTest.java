package dev.kiwiops.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ButtonTokenTest {
  /** The longest fleet name the configuration accepts (32 characters). */
  static final String LONGEST_SERVER = "a" + "b".repeat(30) + "9";

  static final String RANDOM_TOKEN =
      Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

  @Test
  void everyIntentRoundTripsThroughItsText() {
    List<ButtonToken> tokens =
        List.of(
            ButtonToken.confirm("AbC-_9"),
            ButtonToken.cancel("AbC-_9"),
            ButtonToken.approve("AbC-_9"),
            ButtonToken.ack("A12"),
            ButtonToken.snooze("A12", "1h"),
            ButtonToken.resolve("web1", 77));

    for (ButtonToken token : tokens) {
      assertThat(ButtonToken.decode(token.encode())).contains(token);
    }
    assertThat(tokens.stream().map(ButtonToken::encode))
        .containsExactly("c:AbC-_9", "x:AbC-_9", "p:AbC-_9", "a:A12", "s:A12:1h", "r:web1:77");
  }

  @Test
  void theLongestTokensTheConfigurationAllowsFitTelegramsCallbackData() {
    List<String> longest =
        List.of(
            ButtonToken.resolve(LONGEST_SERVER, Long.MAX_VALUE).encode(),
            ButtonToken.snooze("A" + Long.MAX_VALUE, "999999w").encode(),
            ButtonToken.ack("A" + Long.MAX_VALUE).encode(),
            ButtonToken.confirm(RANDOM_TOKEN).encode(),
            ButtonToken.approve(RANDOM_TOKEN).encode());

    for (String token : longest) {
      assertThat(token.getBytes(StandardCharsets.US_ASCII)).hasSizeLessThanOrEqualTo(64);
      assertThat(token).matches("\\p{Graph}+");
      assertThat(
              new Button(
                      "b",
                      ButtonToken.decode(token).orElseThrow().intent(),
                      token,
                      Button.Style.PRIMARY)
                  .token())
          .isEqualTo(token);
    }
  }

  @Test
  void aServerNameLongerThanTheConfigurationAllowsMakesNoToken() {
    assertThatThrownBy(() -> ButtonToken.resolve(LONGEST_SERVER + "x", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void forgedTruncatedOrOverlongTextDecodesToNothing() {
    List<String> bad =
        List.of(
            "",
            "c",
            "c:",
            "q:abc",
            "a:B12",
            "a:A12:extra",
            "s:A12",
            "s:A12:1y",
            "s:A12:0h",
            "r:web1",
            "r:Web1:77",
            "r:web1:-77",
            "r:web 1:77",
            "c:abc def",
            "c:abc:def",
            "c:é",
            "c:" + "a".repeat(62),
            "r:" + LONGEST_SERVER + "x:1");

    for (String text : bad) {
      assertThat(ButtonToken.decode(text)).as(text).isEmpty();
    }
    assertThat(ButtonToken.decode(null)).isEmpty();
  }

  @Test
  void aButtonRefusesATokenOfAnotherIntentOrNoTokenAtAll() {
    assertThatThrownBy(() -> new Button("Ack", Button.Intent.ACK, "s:A1:1h", Button.Style.PRIMARY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Button("Ack", Button.Intent.ACK, "alerts ack A1", Button.Style.PRIMARY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void alertAndResolveTokensNameTheCommandAClickRunsButConfirmationsDoNot() {
    assertThat(ButtonToken.snooze("A3", "30m").commandWords())
        .contains(List.of("alerts", "snooze", "A3", "30m"));
    assertThat(ButtonToken.ack("A3").commandWords()).contains(List.of("alerts", "ack", "A3"));
    assertThat(ButtonToken.resolve("db1", 5).commandWords())
        .contains(List.of("abuse", "resolve", "db1", "5"));
    assertThat(ButtonToken.confirm("tok").commandWords()).isEmpty();
    assertThat(ButtonToken.approve("tok").commandWords()).isEmpty();
    assertThat(ButtonToken.cancel("tok").commandWords()).isEmpty();
  }
}

package dev.kiwiops.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rendering, command reading and button data, without the network. */
class TelegramHtmlTest {

  @Test
  void everyTextIsEscapedAndBackticksBecomeCode() {
    Reply reply =
        Reply.builder()
            .tone(Tone.ERROR)
            .title("web1 <script>")
            .text("Type `confirm AB&C` now & then`")
            .fields(List.of(new Block.Field("Host<name>", "a&b")))
            .code("if (a < b && c > d) {}")
            .build();
    String html = TelegramHtml.render(reply).messages().get(0);
    assertThat(html)
        .startsWith("❌ <b>web1 &lt;script&gt;</b>")
        .contains("Type <code>confirm AB&amp;C</code> now &amp; then`")
        .contains("<b>Host&lt;name&gt;:</b> a&amp;b")
        .contains("<pre>if (a &lt; b &amp;&amp; c &gt; d) {}</pre>")
        .doesNotContain("<script>");
  }

  @Test
  void longRepliesSplitOnLineBoundariesWithPreClosedAndReopened() {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rows.add(List.of("server-" + i, "running & <ok>"));
    }
    Reply reply =
        Reply.builder()
            .title("Servers")
            .text("x".repeat(5000))
            .table(List.of("name", "state"), rows)
            .build();
    List<String> messages = TelegramHtml.render(reply).messages();
    assertThat(messages.size()).isGreaterThan(3);
    for (String message : messages) {
      assertThat(message.length()).isLessThanOrEqualTo(TelegramHtml.LIMIT);
      assertThat(count(message, "<pre>")).isEqualTo(count(message, "</pre>"));
      assertThat(count(message, "<b>")).isEqualTo(count(message, "</b>"));
      assertThat(message).doesNotContainPattern("&[a-z]*$");
    }
    String all = String.join("\n", messages);
    assertThat(all).contains("server-0 ", "server-399 ");
  }

  @Test
  void longOutputGoesAsADocumentAndChartsAsPhotos() {
    Reply reply =
        Reply.builder()
            .code("line\n".repeat(1000))
            .attach(Attachment.png("usage.png", new byte[] {1, 2}))
            .attach(Attachment.text("attack.log", "log"))
            .build();
    TelegramHtml.Rendered rendered = TelegramHtml.render(reply);
    assertThat(rendered.photos()).extracting(Attachment::fileName).containsExactly("usage.png");
    assertThat(rendered.documents())
        .extracting(Attachment::fileName)
        .containsExactly(TelegramHtml.OUTPUT_FILE, "attack.log");
    assertThat(rendered.messages().get(0))
        .contains("1000 lines")
        .contains(TelegramHtml.OUTPUT_FILE);
  }

  @Test
  void commandsAddressedToOtherBotsAreNotOursAndDashedNamesMapBack() {
    Map<String, String> aliases = Map.of("panel_log", "panel-log");
    assertThat(CommandText.parse("/help@otherbot", "kiwiops_bot", false, aliases)).isEmpty();
    assertThat(CommandText.parse("/help@KiwiOps_Bot x", "kiwiops_bot", false, aliases))
        .contains("help x");
    assertThat(CommandText.parse("/panel_log web1", "kiwiops_bot", false, aliases))
        .contains("panel-log web1");
    assertThat(CommandText.parse("servers", "kiwiops_bot", false, aliases)).isEmpty();
    assertThat(CommandText.parse("servers", "kiwiops_bot", true, aliases)).contains("servers");
    assertThat(CommandText.parse("/", "kiwiops_bot", true, aliases)).isEmpty();
    assertThat(Menus.telegramName("panel-log")).isEqualTo("panel_log");
  }

  @Test
  void buttonsCarryTheirTokenVerbatimWithinSixtyFourBytes() {
    Button confirm = Button.of("Confirm", ButtonToken.confirm("A".repeat(22)), Button.Style.DANGER);
    Button snooze = Button.of("Snooze 1h", ButtonToken.snooze("A12", "1h"), Button.Style.SECONDARY);
    assertThat(ButtonActions.callbackData(confirm)).isEqualTo(confirm.token());
    assertThat(TelegramHtml.bytes(ButtonActions.callbackData(confirm))).isLessThanOrEqualTo(64);
    assertThat(ButtonActions.keyboard(List.of(confirm, snooze)).getKeyboard())
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .extracting(b -> b.getCallbackData())
                    .containsExactly(confirm.token(), snooze.token()));
    assertThat(ButtonActions.token("x".repeat(65))).isEmpty();
    assertThat(ButtonActions.token("")).isEmpty();
    assertThat(ButtonActions.outcome(snooze.token())).isEqualTo("Snoozed");
    assertThat(ButtonActions.outcome(confirm.token())).isEqualTo("Confirmed");
    assertThat(ButtonActions.outcome("forged")).isEqualTo("Done");
  }

  @Test
  void theTokenIsMaskedWhereverItAppears() {
    String token = "123456789:AAHfakeTokenForTestsOnly_abcdefghijk";
    Redactor redactor = new Redactor(token);
    assertThat(redactor.clean("POST https://api.telegram.org/bot" + token + "/getMe failed"))
        .doesNotContain(token)
        .contains(Redactor.MASK);
    assertThat(redactor.clean("other 987654321:BBHfakeTokenForTestsOnly_zzzzzzzzz"))
        .doesNotContain("BBHfake");
    assertThat(redactor.describe(new RuntimeException("url bot" + token)))
        .isEqualTo("RuntimeException: url bot" + Redactor.MASK);
    assertThat(Optional.of(TelegramSettings.of(dev.kiwiops.core.Secret.of(token))).get().toString())
        .doesNotContain(token);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}

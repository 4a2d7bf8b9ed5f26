package dev.kiwiops.telegram;

import static dev.kiwiops.telegram.TelegramHarness.ALICE;
import static dev.kiwiops.telegram.TelegramHarness.BOB;
import static dev.kiwiops.telegram.TelegramHarness.GROUP;
import static dev.kiwiops.telegram.TelegramHarness.MALLORY;
import static dev.kiwiops.telegram.TelegramHarness.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.platform.PlatformStartException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Telegram end to end: the real TelegramBots library polls the fake Bot API server, the real core
 * runs each command against the KiwiVM simulator, and the tests read what reached "Telegram".
 */
class TelegramEndToEndTest {
  private static final String G = String.valueOf(GROUP);
  private TelegramHarness h;
  private FakeBotApi fake;

  @BeforeEach
  void start() throws Exception {
    h = new TelegramHarness();
    fake = h.fake;
    h.platform.start();
  }

  @AfterEach
  void stop() {
    h.close();
    assertThat(h.logLines()).noneMatch(line -> line.contains(TOKEN));
  }

  private FakeBotApi.Call reply(String chat, String containing) throws InterruptedException {
    return fake.await(
        "a message to " + chat + " containing '" + containing + "'",
        c ->
            c.method().equals("sendMessage")
                && c.chatId().equals(chat)
                && c.text().contains(containing));
  }

  private List<FakeBotApi.Call> sent(String chat) {
    return fake.calls("sendMessage").stream().filter(c -> c.chatId().equals(chat)).toList();
  }

  private static List<String> buttons(FakeBotApi.Call call, String label) {
    List<String> data = new ArrayList<>();
    for (JsonNode row : call.params().path("reply_markup").path("inline_keyboard")) {
      for (JsonNode button : row) {
        if (button.path("text").asText().equals(label)) {
          data.add(button.path("callback_data").asText());
        }
      }
    }
    return data;
  }

  @Test
  void anAllowedUsersCommandIsAnsweredInHtmlAndTheMenusAreSetPerUser() throws Exception {
    int update = fake.type(GROUP, ALICE, "/servers");
    FakeBotApi.Call answer = reply(G, "web1");
    assertThat(answer.params().path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(answer.text()).contains("<pre>").contains("db1");
    fake.awaitTaken(update);

    List<FakeBotApi.Call> menus = fake.calls("setMyCommands");
    JsonNode everyone =
        menus.stream()
            .filter(c -> c.params().path("scope").path("type").asText().equals("default"))
            .findFirst()
            .orElseThrow()
            .params()
            .path("commands");
    List<String> names = new ArrayList<>();
    everyone.forEach(c -> names.add(c.path("command").asText()));
    assertThat(names)
        .contains("servers", "power", "help", "whoami")
        .allMatch(n -> n.matches("[a-z0-9_]{1,32}"));
    everyone.forEach(c -> assertThat(c.path("description").asText()).isNotBlank());
    List<String> bobs = menuOf(menus, BOB);
    List<String> alices = menuOf(menus, ALICE);
    assertThat(alices).contains("power", "servers", "panel_log");
    assertThat(bobs).contains("servers").doesNotContain("power", "password");
    assertThat(menus)
        .noneMatch(
            c -> c.params().path("scope").path("chat_id").asText().equals(String.valueOf(MALLORY)));
  }

  private static List<String> menuOf(List<FakeBotApi.Call> menus, long user) {
    List<String> names = new ArrayList<>();
    menus.stream()
        .filter(c -> c.params().path("scope").path("chat_id").asText().equals(String.valueOf(user)))
        .findFirst()
        .orElseThrow()
        .params()
        .path("commands")
        .forEach(c -> names.add(c.path("command").asText()));
    return names;
  }

  @Test
  void anUnknownUserGetsWhatTheConsoleSaysAndWhoamiAnswersTheirId() throws Exception {
    fake.type(GROUP, MALLORY, "/power stop web1");
    reply(G, "not allowed");
    fake.type(GROUP, MALLORY, "/whoami");
    reply(G, "telegram:" + MALLORY);
    assertThat(h.sim.calls()).isEmpty();
  }

  @Test
  void commandsForAnotherBotAreIgnoredAndOursAnswered() throws Exception {
    int other = fake.type(GROUP, ALICE, "/whoami@otherbot");
    fake.awaitTaken(other);
    fake.type(GROUP, ALICE, "/whoami@" + FakeBotApi.BOT_USERNAME);
    reply(G, "telegram:" + ALICE);
    fake.type(GROUP, ALICE, "/help");
    reply(G, "servers");
    assertThat(sent(G).stream().filter(c -> c.text().contains("telegram:" + ALICE))).hasSize(1);
  }

  @Test
  void aConfirmationClickedByTheRequesterRunsOnceAndSettlesThePrompt() throws Exception {
    fake.type(GROUP, ALICE, "/power stop web1");
    FakeBotApi.Call prompt = reply(G, "Confirm");
    List<String> confirm = buttons(prompt, "Confirm");
    assertThat(confirm).hasSize(1);
    assertThat(confirm.get(0).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
    int promptId = messageIdOf(prompt);

    // Someone else clicks: refused with a notice to them alone, nothing sent to KiwiVM.
    fake.click(GROUP, BOB, promptId, confirm.get(0));
    FakeBotApi.Call refused = fake.awaitMethod("answerCallbackQuery");
    assertThat(refused.params().path("text").asText()).contains("Not yours");
    assertThat(refused.params().path("show_alert").asBoolean()).isTrue();
    assertThat(h.sim.calls(h.web().veid(), "stop")).isEmpty();

    fake.click(GROUP, ALICE, promptId, confirm.get(0));
    reply(G, "Stop requested for web1");
    assertThat(h.sim.calls(h.web().veid(), "stop")).hasSize(1);
    FakeBotApi.Call settled =
        fake.await(
            "the prompt settled",
            c ->
                c.method().equals("editMessageText")
                    && c.params().path("message_id").asInt() == promptId);
    assertThat(settled.text()).isNotBlank().doesNotContain(confirm.get(0));
    assertThat(settled.has("reply_markup")).isFalse();

    // A second click finds nothing to do.
    fake.click(GROUP, ALICE, promptId, confirm.get(0));
    fake.await(
        "the second click answered",
        c ->
            c.method().equals("answerCallbackQuery")
                && c.params().path("text").asText().contains("No longer valid"));
    assertThat(h.sim.calls(h.web().veid(), "stop")).hasSize(1);
    assertThat(fake.calls("answerCallbackQuery")).hasSize(3);
  }

  private static int messageIdOf(FakeBotApi.Call sent) {
    return sent.params().path("__id").asInt(-1);
  }

  @Test
  void aSecretCommandInAGroupIsRefusedBeforeKiwiVmWhenTheUserNeverPressedStart() throws Exception {
    fake.neverStarted(ALICE);
    fake.type(GROUP, ALICE, "/os reinstall web1 debian-12-x86_64");
    FakeBotApi.Call refusal = reply(G, "press Start");
    assertThat(refusal.text()).contains("@" + FakeBotApi.BOT_USERNAME);
    assertThat(fake.calls("sendChatAction"))
        .anyMatch(c -> c.chatId().equals(String.valueOf(ALICE)));
    assertThat(h.sim.calls()).isEmpty();
    assertThat(sent(G)).noneMatch(c -> c.text().contains("Confirm"));
  }

  @Test
  void aSecretCommandInAGroupAnswersByDirectMessage() throws Exception {
    fake.type(GROUP, ALICE, "/os reinstall web1 debian-12-x86_64");
    FakeBotApi.Call prompt = reply(G, "Confirm");
    fake.click(GROUP, ALICE, messageIdOf(prompt), buttons(prompt, "Confirm").get(0));
    FakeBotApi.Call direct =
        fake.await(
            "a direct message",
            c -> c.method().equals("sendMessage") && c.chatId().equals(String.valueOf(ALICE)));
    assertThat(direct.text()).isNotBlank();
    reply(G, "direct chat");
    assertThat(h.sim.calls(h.web().veid(), "reinstallOS")).hasSize(1);
  }

  @Test
  void aSecretMessageIsDeletedOnceRead() throws Exception {
    fake.type(ALICE, ALICE, "/secret K7F2QA hunter2");
    FakeBotApi.Call deleted = fake.awaitMethod("deleteMessage");
    assertThat(deleted.chatId()).isEqualTo(String.valueOf(ALICE));
    reply(String.valueOf(ALICE), "unknown");
    assertThat(fake.calls())
        .noneMatch(c -> c.method().startsWith("send") && c.text().contains("hunter2"));
  }

  @Test
  void aCommandReplyWaitsOutA429AndThenArrives() throws Exception {
    fake.fail("sendMessage", G, 429, "Too Many Requests: retry after 7", 7, 1);
    int update = fake.type(GROUP, ALICE, "/whoami");
    fake.await(
        "the reply sent again",
        c -> c.method().equals("sendMessage") && c.params().path("__id").asInt(-1) > 0);
    fake.awaitTaken(update);
    assertThat(sent(G)).hasSize(2);
    assertThat(sent(G).get(0).text()).isEqualTo(sent(G).get(1).text());
    assertThat(h.sleeps).anyMatch(d -> d.getSeconds() >= 7);
  }

  @Test
  void anUpdateRepeatedByTelegramIsHandledOnce() throws Exception {
    int first = fake.type(GROUP, ALICE, "/whoami");
    reply(G, "telegram:" + ALICE);
    fake.repeatNextBatch();
    int second = fake.type(GROUP, BOB, "/whoami");
    reply(G, "telegram:" + BOB);
    fake.awaitTaken(second);
    assertThat(sent(G).stream().filter(c -> c.text().contains("telegram:" + ALICE))).hasSize(1);
    assertThat(first).isLessThan(second);
    assertThat(fake.pending(first)).isFalse();
  }

  @Test
  void aBadTokenFailsTheStartInOneSentenceWithoutTheToken() throws Exception {
    TelegramPlatform wrong =
        h.platform(
            TelegramSettings.of(Secret.of("987654321:AAwrongTokenWrongTokenWrongToken0"))
                .withApiUrl(fake.url()));
    assertThatThrownBy(wrong::start)
        .isInstanceOf(PlatformStartException.class)
        .hasMessageContaining("401")
        .hasMessageNotContaining("AAwrongToken");
    assertThat(wrong.health().up()).isFalse();
    wrong.stop(java.time.Duration.ofSeconds(1));
  }
}

package dev.kiwiops.telegram;

import static dev.kiwiops.telegram.TelegramHarness.ALICE;
import static dev.kiwiops.telegram.TelegramHarness.GROUP;
import static dev.kiwiops.telegram.TelegramHarness.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.IncidentKey;
import dev.kiwiops.core.watch.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * Alerts, pacing, progress edits and failures of the Bot API, through the real library against the
 * fake server.
 */
class TelegramDeliveryTest {
  private static final String G = String.valueOf(GROUP);
  private TelegramHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
      assertThat(h.logLines()).noneMatch(line -> line.contains(TOKEN));
    }
  }

  private TelegramHarness started() throws Exception {
    h = new TelegramHarness();
    h.platform.start();
    return h;
  }

  private static Alert alert(String id, Alert.Phase phase, Optional<Attachment> attachment) {
    return new Alert(
        id,
        new IncidentKey(AlertKind.NULLROUTE, "web1", ""),
        Severity.CRITICAL,
        phase,
        java.time.Instant.parse("2026-01-10T12:00:00Z"),
        "web1: <b>nullrouted</b> & unreachable",
        "Inbound traffic to 203.0.113.7 is dropped.",
        attachment,
        List.of());
  }

  private static List<String> labels(FakeBotApi.Call call) {
    List<String> labels = new ArrayList<>();
    for (JsonNode row : call.params().path("reply_markup").path("inline_keyboard")) {
      row.forEach(b -> labels.add(b.path("text").asText()));
    }
    return labels;
  }

  private static void eventually(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aScheduledReportIsPostedToItsChatWithItsTablesAndChart() throws Exception {
    started();
    Reply report =
        Reply.builder()
            .title("Fleet report (2 servers)")
            .table(
                List.of("Server", "State", "Transfer"),
                List.of(
                    List.of("web1", "ok", "400 GiB of 1000 GiB"), List.of("db1", "down", "1 GiB")))
            .text("No open incidents.")
            .attach(Attachment.png("fleet-transfer-2026-01-10.png", TelegramHarness.PNG))
            .build();

    Optional<String> ref = h.platform.post(G, report);

    // A short report is one message: the chart, captioned with the tables and text.
    FakeBotApi.Call photo = h.fake.awaitMethod("sendPhoto");
    assertThat(photo.chatId()).isEqualTo(G);
    assertThat(photo.files().get("photo").data()).isEqualTo(TelegramHarness.PNG);
    assertThat(photo.params().path("caption").asText())
        .contains("Fleet report (2 servers)", "<pre>", "web1", "400 GiB of 1000 GiB")
        .contains("No open incidents.");
    assertThat(photo.params().path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(ref).isPresent();
  }

  @Test
  void anAlertArrivesOnceWithItsButtonsEscapedAndItsResolutionEditsIt() throws Exception {
    started();
    Optional<String> ref = h.platform.deliver(G, alert("A7", Alert.Phase.RAISED, Optional.empty()));
    List<FakeBotApi.Call> sent = h.fake.calls("sendMessage");
    assertThat(sent).hasSize(1);
    FakeBotApi.Call message = sent.get(0);
    assertThat(message.chatId()).isEqualTo(G);
    assertThat(message.text())
        .contains("A7 web1: &lt;b&gt;nullrouted&lt;/b&gt; &amp; unreachable")
        .doesNotContain("<b>nullrouted");
    assertThat(labels(message)).containsExactly("Ack", "Snooze 1h");
    assertThat(ref).contains(String.valueOf(message.params().path("__id").asInt()));

    h.platform.update(G, ref.get(), alert("A7", Alert.Phase.RESOLVED, Optional.empty()));
    FakeBotApi.Call edit = h.fake.awaitMethod("editMessageText");
    assertThat(edit.params().path("message_id").asText()).isEqualTo(ref.get());
    assertThat(edit.text()).contains("[RESOLVED]");
    assertThat(edit.has("reply_markup")).isFalse();
    assertThat(h.fake.calls("sendMessage")).hasSize(1);
  }

  @Test
  void anAlertWithEvidenceGoesAsOneCaptionedDocumentWithButtons() throws Exception {
    started();
    Attachment evidence = Attachment.text("violation-web1-9.txt", "packets to port 25\n");
    Optional<String> ref =
        h.platform.deliver(G, alert("A8", Alert.Phase.RAISED, Optional.of(evidence)));
    List<FakeBotApi.Call> documents = h.fake.calls("sendDocument");
    assertThat(documents).hasSize(1);
    assertThat(h.fake.calls("sendMessage")).isEmpty();
    FakeBotApi.Call document = documents.get(0);
    assertThat(document.files().get("document").fileName()).isEqualTo("violation-web1-9.txt");
    assertThat(new String(document.files().get("document").data()))
        .isEqualTo("packets to port 25\n");
    assertThat(document.params().path("caption").asText()).contains("A8");
    assertThat(labels(document)).containsExactly("Ack", "Snooze 1h");

    h.platform.update(
        G, ref.orElseThrow(), alert("A8", Alert.Phase.ACKNOWLEDGED, Optional.empty()));
    FakeBotApi.Call caption = h.fake.awaitMethod("editMessageCaption");
    assertThat(caption.params().path("caption").asText()).contains("[ACKNOWLEDGED]");
  }

  @Test
  void aBurstToOneGroupIsPacedAndA429DelaysWithoutMoreRequests() throws Exception {
    started();
    for (int i = 1; i <= 20; i++) {
      h.platform.deliver(G, alert("A" + i, Alert.Phase.RAISED, Optional.empty()));
    }
    assertThat(h.fake.calls("sendMessage")).hasSize(20);
    assertThat(h.sleeps.stream().filter(d -> d.equals(Pacer.PER_CHAT))).hasSize(19);
    // The 21st within the minute would break the group limit: the outbox must retry it later.
    assertThatThrownBy(
            () -> h.platform.deliver(G, alert("A21", Alert.Phase.RAISED, Optional.empty())))
        .hasMessageContaining("paced");
    assertThat(h.fake.calls("sendMessage")).hasSize(20);

    h.clock.advance(Duration.ofMinutes(1));
    h.fake.fail("sendMessage", G, 429, "Too Many Requests: retry after 30", 30, 1);
    assertThatThrownBy(
            () -> h.platform.deliver(G, alert("A21", Alert.Phase.RAISED, Optional.empty())))
        .hasMessageContaining("429");
    assertThat(h.fake.calls("sendMessage")).hasSize(21);
    assertThatThrownBy(
            () -> h.platform.deliver(G, alert("A21", Alert.Phase.RAISED, Optional.empty())))
        .hasMessageContaining("paced");
    assertThat(h.fake.calls("sendMessage")).hasSize(21);

    h.clock.advance(Duration.ofSeconds(31));
    h.platform.deliver(G, alert("A21", Alert.Phase.RAISED, Optional.empty()));
    assertThat(h.fake.calls("sendMessage")).hasSize(22);
    assertThat(h.fake.calls("sendMessage").get(21).text()).contains("A21");
  }

  @Test
  void aConflictAtStartIsReportedOnceAndPollingGoesOnUntilItClears() throws Exception {
    h = new TelegramHarness();
    h.fake.fail(
        "getUpdates",
        null,
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is"
            + " running",
        null,
        0);
    h.platform.start();
    eventually("several polls", () -> h.fake.calls("getUpdates").size() >= 5);
    assertThat(h.platform.health().up()).isFalse();
    assertThat(h.platform.health().detail()).contains("409");
    assertThat(h.logLines().stream().filter(l -> l.contains("409"))).hasSize(1);

    h.fake.clearFaults();
    eventually("connected again", () -> h.platform.health().up());
    h.fake.type(GROUP, ALICE, "/whoami");
    h.fake.await(
        "an answer", c -> c.method().equals("sendMessage") && c.text().contains("telegram:100"));
    assertThat(h.logLines().stream().filter(l -> l.contains("409"))).hasSize(1);
  }

  @Test
  void networkErrorsBackOffAndPollingGoesOn() throws Exception {
    h = new TelegramHarness();
    h.fake.fail("getUpdates", null, 502, "Bad Gateway", null, 3);
    h.platform.start();
    eventually("connected", () -> h.platform.health().up());
    assertThat(h.sleeps)
        .containsSubsequence(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    h.fake.type(GROUP, ALICE, "/whoami");
    h.fake.await(
        "an answer", c -> c.method().equals("sendMessage") && c.text().contains("telegram:100"));
  }

  @Test
  void progressEditsOneMessageAtMostEveryThreeSecondsAndAnUnchangedEditIsFine() throws Exception {
    h = new TelegramHarness();
    Redactor redactor = new Redactor(TOKEN);
    TelegramUrl url = new TelegramUrl("http", "127.0.0.1", h.fake.url().getPort(), false);
    Sender sender =
        new Sender(
            new BotApi(new OkHttpTelegramClient(TOKEN, url), redactor),
            new Pacer(h.clock),
            d -> h.clock.advance(d));
    ChatConversation chat =
        new ChatConversation(
            new ChatConversation.Context(sender, h.timers, h.clock, () -> "kiwiops_bot"),
            G,
            false,
            ALICE);
    Conversation.MessageHandle handle = chat.send(Reply.text("Reinstalling web1: 0%"));
    chat.edit(handle, Reply.text("Reinstalling web1: 10%"));
    h.clock.advance(Duration.ofSeconds(1));
    chat.edit(handle, Reply.text("Reinstalling web1: 20%"));
    assertThat(h.fake.calls("editMessageText")).isEmpty();

    h.timers.advance(Duration.ofSeconds(2));
    assertThat(h.fake.calls("editMessageText")).hasSize(1);
    assertThat(h.fake.calls("editMessageText").get(0).text()).endsWith("20%");

    h.clock.advance(Duration.ofSeconds(3));
    chat.edit(handle, Reply.text("Reinstalling web1: 20%"));
    assertThat(h.fake.calls("editMessageText")).hasSize(2);
    h.clock.advance(Duration.ofSeconds(3));
    chat.edit(handle, Reply.text("Reinstalling web1: done"));
    assertThat(h.fake.calls("editMessageText")).hasSize(3);
    assertThat(h.fake.calls("sendMessage")).hasSize(1);
    assertThat(h.logLines()).noneMatch(l -> l.contains("could not be updated"));
  }

  @Test
  void aReplyLongerThanOneMessageIsSplitOnLineBoundariesOutsideTags() throws Exception {
    h = new TelegramHarness(120);
    h.platform.start();
    int update = h.fake.type(GROUP, ALICE, "/servers");
    h.fake.await(
        "the last server",
        c -> c.method().equals("sendMessage") && c.text().contains("server-number-120"));
    h.fake.awaitTaken(update);
    List<FakeBotApi.Call> parts = h.fake.calls("sendMessage");
    assertThat(parts.size()).isGreaterThan(1);
    for (FakeBotApi.Call part : parts) {
      String text = part.text();
      assertThat(text.length()).isLessThanOrEqualTo(4096);
      assertThat(count(text, "<pre>")).isEqualTo(count(text, "</pre>"));
      assertThat(text).doesNotEndWith("\n");
    }
    String joined = String.join("\n", parts.stream().map(FakeBotApi.Call::text).toList());
    for (int i = 3; i <= 120; i++) {
      assertThat(joined).contains("server-number-" + i + " ");
    }
  }

  @Test
  void theUsageChartGoesAsAPhoto() throws Exception {
    started();
    h.fake.type(GROUP, ALICE, "/usage web1");
    FakeBotApi.Call photo = h.fake.awaitMethod("sendPhoto");
    assertThat(photo.chatId()).isEqualTo(G);
    assertThat(photo.files().get("photo").data()).isEqualTo(TelegramHarness.PNG);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}

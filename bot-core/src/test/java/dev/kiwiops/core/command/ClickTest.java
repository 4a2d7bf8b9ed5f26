package dev.kiwiops.core.command;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Button clicks: run as the clicker, and a settled prompt is edited to its outcome. */
class ClickTest {
  static final Caller ADA = caller("console:ada");
  static final Caller BOB = caller("console:bob");
  static final Caller VIC = caller("console:vic");

  final RecordingKiwiVm kiwi =
      new RecordingKiwiVm().running().answer("kill", new ApiResult.Ok<>(Done.INSTANCE));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CollectingConversation adaChat = new CollectingConversation();
  final CollectingConversation bobChat = new CollectingConversation();
  final Conversation.MessageHandle prompt = new Conversation.MessageHandle() {};

  TestBot bot(ConfirmationRules rules) {
    return TestBot.builder(kiwi.port())
        .audit(audit)
        .rules(rules)
        .bind(binding("console:ada", "operator"))
        .bind(binding("console:bob", "operator"))
        .bind(binding("console:vic", "viewer"))
        .build();
  }

  final TestBot bot = bot(ConfirmationRules.defaults());

  static String token(Reply reply, Button.Intent intent) {
    return reply.buttons().stream()
        .filter(b -> b.intent() == intent)
        .map(Button::token)
        .findFirst()
        .orElseThrow();
  }

  void click(TestBot on, Caller who, String token, CollectingConversation chat) {
    on.dispatcher.click(who, TestBot.CHAT, token, chat, Optional.of(prompt));
  }

  @Test
  void confirmClickRunsOnceAndEditsThePromptToItsOutcomeWithoutButtons() {
    bot.say(ADA, "power kill web1", adaChat);
    String confirm = token(adaChat.last(), Button.Intent.CONFIRM);

    click(bot, ADA, confirm, adaChat);

    assertThat(kiwi.count("kill")).isEqualTo(1);
    assertThat(adaChat.edited()).containsExactly(prompt);
    Reply edited = adaChat.edits().get(0);
    assertThat(edited.plainText()).isEqualTo("Confirmed: power kill web1.");
    assertThat(edited.buttons()).isEmpty();
    assertThat(adaChat.lastText()).isEqualTo("Killed web1.");
  }

  @Test
  void cancelClickEditsThePromptAndSendsNothing() {
    bot.say(ADA, "power kill web1", adaChat);

    click(bot, ADA, token(adaChat.last(), Button.Intent.CANCEL), adaChat);

    assertThat(kiwi.writes()).isEmpty();
    assertThat(adaChat.edits())
        .extracting(Reply::plainText)
        .containsExactly("Cancelled: power kill web1.");
  }

  @Test
  void someoneElsesClickIsRefusedAndLeavesThePromptForItsOwner() {
    bot.say(ADA, "power kill web1", adaChat);
    String confirm = token(adaChat.last(), Button.Intent.CONFIRM);

    click(bot, BOB, confirm, bobChat);

    assertThat(bobChat.lastText()).startsWith("This confirmation is not yours");
    assertThat(bobChat.edits()).isEmpty();
    click(bot, ADA, confirm, adaChat);
    assertThat(kiwi.count("kill")).isEqualTo(1);
  }

  @Test
  void aClickAfterExpiryFindsNothingAndEditsThePromptToSaySo() {
    bot.say(ADA, "power kill web1", adaChat);
    String confirm = token(adaChat.last(), Button.Intent.CONFIRM);
    bot.clock.advance(Duration.ofSeconds(61));

    click(bot, ADA, confirm, adaChat);

    assertThat(kiwi.writes()).isEmpty();
    assertThat(adaChat.lastText()).startsWith("This confirmation is no longer valid");
    // The sweep at the start of the click edits the lapsed prompt as sent; then the click edits
    // the message it came from.
    assertThat(adaChat.edits())
        .extracting(Reply::plainText)
        .hasSize(2)
        .first()
        .isEqualTo("Expired: nothing was sent.");
    assertThat(adaChat.edited().get(1)).isSameAs(prompt);
    assertThat(adaChat.edits().get(1).plainText())
        .startsWith("This confirmation is no longer valid");
  }

  @Test
  void approvalByClickRunsAsTheRequesterAndEditsBothPrompts() {
    TestBot fourEyes = bot(ConfirmationRules.defaults().withApproval(List.of("power.kill")));
    fourEyes.say(ADA, "power kill web1", adaChat);
    click(fourEyes, ADA, token(adaChat.last(), Button.Intent.CONFIRM), adaChat);
    assertThat(adaChat.edits())
        .extracting(Reply::plainText)
        .containsExactly("Confirmed: power kill web1. Waiting for approval.");
    String approve = token(adaChat.last(), Button.Intent.APPROVE);

    click(fourEyes, ADA, approve, adaChat);
    assertThat(kiwi.writes()).isEmpty();
    click(fourEyes, BOB, approve, bobChat);

    assertThat(kiwi.count("kill")).isEqualTo(1);
    assertThat(bobChat.edits())
        .extracting(Reply::plainText)
        .containsExactly("Approved by console:bob: power kill web1, requested by console:ada.");
    assertThat(adaChat.lastText()).isEqualTo("Killed web1.");
  }

  @Test
  void aClickIsCheckedAgainstTheClickersAccess() {
    bot.say(ADA, "power kill web1", adaChat);
    bot.rebind(List.of(binding("console:ada", "viewer")));

    click(bot, ADA, token(adaChat.last(), Button.Intent.CONFIRM), adaChat);

    assertThat(kiwi.writes()).isEmpty();
    assertThat(adaChat.lastText()).startsWith("You are no longer allowed to run power kill web1");
    assertThat(audit.all()).extracting(AuditEntry::decision).endsWith("denied-at-confirm");
  }

  @Test
  void aForgedTokenChangesNothingAndIsAuditedWithoutIt() {
    bot.dispatcher.click(
        ADA, TestBot.CHAT, "c:forged token; power kill", adaChat, Optional.of(prompt));

    assertThat(adaChat.lastText())
        .isEqualTo("This button is not valid. Nothing was sent to KiwiVM.");
    assertThat(adaChat.edits()).isEmpty();
    assertThat(kiwi.writes()).isEmpty();
    assertThat(audit.all())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.command()).isEqualTo("(button)");
              assertThat(e.decision()).isEqualTo("invalid");
              assertThat(e.toString()).doesNotContain("forged");
            });
  }

  @Test
  void resolveClickAsksForConfirmationLikeTheTypedCommand() {
    bot.dispatcher.click(VIC, TestBot.CHAT, "r:web1:77", adaChat, Optional.of(prompt));

    assertThat(adaChat.lastText()).isEqualTo("You are not allowed to run abuse resolve.");
    assertThat(audit.all()).extracting(AuditEntry::command).containsExactly("abuse resolve");
  }

  @Test
  void concurrentClicksOnOneConfirmationSendExactlyOneWrite() throws Exception {
    bot.say(ADA, "power kill web1", adaChat);
    String confirm = token(adaChat.last(), Button.Intent.CONFIRM);
    int racers = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    List<CollectingConversation> chats = new ArrayList<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        CollectingConversation chat = new CollectingConversation();
        chats.add(chat);
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  click(bot, ADA, confirm, chat);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(kiwi.count("kill")).isEqualTo(1);
    assertThat(chats.stream().filter(c -> c.lastText().equals("Killed web1."))).hasSize(1);
    assertThat(audit.all())
        .extracting(AuditEntry::decision)
        .containsOnlyOnce("confirmed")
        .filteredOn("invalid-confirmation"::equals)
        .hasSize(racers - 1);
  }
}

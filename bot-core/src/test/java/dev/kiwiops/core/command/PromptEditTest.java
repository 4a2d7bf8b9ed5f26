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
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A prompt loses its buttons without anyone clicking: when it lapses unanswered (the sweep edits
 * it) and when its typed code answers it.
 */
class PromptEditTest {
  static final Caller ADA = caller("console:ada");
  static final Caller BOB = caller("console:bob");

  final RecordingKiwiVm kiwi =
      new RecordingKiwiVm().running().answer("kill", new ApiResult.Ok<>(Done.INSTANCE));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CollectingConversation adaChat = new CollectingConversation();
  final CollectingConversation bobChat = new CollectingConversation();

  TestBot bot(ConfirmationRules rules) {
    return TestBot.builder(kiwi.port())
        .audit(audit)
        .rules(rules)
        .bind(binding("console:ada", "operator"))
        .bind(binding("console:bob", "operator"))
        .build();
  }

  static String code(CollectingConversation chat, String verb) {
    String text = chat.lastText();
    int at = text.indexOf("`" + verb + " ") + verb.length() + 2;
    return text.substring(at, text.indexOf('`', at));
  }

  List<String> decisions() {
    return audit.all().stream().map(AuditEntry::decision).toList();
  }

  /** The handle {@link CollectingConversation} gave the message it sent as its n-th (from 1). */
  static String message(int n) {
    return "message#" + n;
  }

  @Test
  void anUnansweredConfirmationIsEditedToExpiredWithoutButtonsExactlyOnce() {
    TestBot bot = bot(ConfirmationRules.defaults());
    bot.say(ADA, "power kill web1", adaChat);
    assertThat(adaChat.last().buttons()).isNotEmpty();
    int prompt = adaChat.sent().size();

    bot.clock.advance(Duration.ofSeconds(59));
    bot.dispatcher.recordLapsed();
    assertThat(adaChat.edits()).isEmpty();

    bot.clock.advance(Duration.ofSeconds(2));
    bot.dispatcher.recordLapsed();
    bot.dispatcher.recordLapsed();
    bot.say(ADA, "help", adaChat);

    assertThat(adaChat.edited()).extracting(Object::toString).containsExactly(message(prompt));
    Reply edited = adaChat.edits().get(0);
    assertThat(edited.plainText()).isEqualTo("Expired: nothing was sent.");
    assertThat(edited.buttons()).isEmpty();
    assertThat(decisions()).containsSubsequence("pending", "expired");
    assertThat(kiwi.writes()).isEmpty();
  }

  @Test
  void anUnansweredApprovalIsEditedToApprovalExpiredWithoutButtonsExactlyOnce() {
    TestBot bot = bot(ConfirmationRules.defaults().withApproval(List.of("power.kill")));
    bot.say(ADA, "power kill web1", adaChat);
    int confirmPrompt = adaChat.sent().size();
    bot.say(ADA, "confirm " + code(adaChat, "confirm"), adaChat);
    assertThat(adaChat.last().buttons()).isNotEmpty();
    int approvalPrompt = adaChat.sent().size();

    bot.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    bot.dispatcher.recordLapsed();
    bot.dispatcher.recordLapsed();

    assertThat(adaChat.edited())
        .extracting(Object::toString)
        .containsExactly(message(confirmPrompt), message(approvalPrompt));
    assertThat(adaChat.edits())
        .extracting(Reply::plainText)
        .containsExactly(
            "Confirmed: power kill web1. Waiting for approval.",
            "Approval expired: nothing was sent.");
    assertThat(adaChat.edits()).allSatisfy(r -> assertThat(r.buttons()).isEmpty());
    assertThat(decisions()).containsSubsequence("awaiting-approval", "approval-expired");
    assertThat(kiwi.writes()).isEmpty();
  }

  @Test
  void aTypedConfirmSettlesThePromptAndItIsNotEditedAgainLater() {
    TestBot bot = bot(ConfirmationRules.defaults());
    bot.say(ADA, "power kill web1", adaChat);
    int prompt = adaChat.sent().size();

    bot.say(ADA, "confirm " + code(adaChat, "confirm"), adaChat);
    bot.clock.advance(Duration.ofMinutes(5));
    bot.dispatcher.recordLapsed();

    assertThat(kiwi.count("kill")).isEqualTo(1);
    assertThat(adaChat.edited()).extracting(Object::toString).containsExactly(message(prompt));
    Reply edited = adaChat.edits().get(0);
    assertThat(edited.plainText()).isEqualTo("Confirmed: power kill web1.");
    assertThat(edited.buttons()).isEmpty();
  }

  @Test
  void aTypedCancelAndATypedApprovalSettleTheirPrompts() {
    TestBot bot = bot(ConfirmationRules.defaults().withApproval(List.of("power.kill")));
    bot.say(ADA, "power kill web1", adaChat);
    bot.say(ADA, "cancel " + code(adaChat, "confirm"), adaChat);
    assertThat(adaChat.edits())
        .extracting(Reply::plainText)
        .containsExactly("Cancelled: power kill web1.");

    bot.say(ADA, "power kill web1", adaChat);
    bot.say(ADA, "confirm " + code(adaChat, "confirm"), adaChat);
    int approvalPrompt = adaChat.sent().size();
    bot.say(BOB, "approve " + code(adaChat, "approve"), bobChat);

    assertThat(kiwi.count("kill")).isEqualTo(1);
    assertThat(adaChat.edited().get(adaChat.edited().size() - 1))
        .hasToString(message(approvalPrompt));
    assertThat(adaChat.edits())
        .extracting(Reply::plainText)
        .last()
        .isEqualTo("Approved by console:bob: power kill web1, requested by console:ada.");
    assertThat(bobChat.edits()).isEmpty();
  }

  @Test
  void aFailingEditDoesNotStopTheSweepFromAuditingEveryLapse() {
    TestBot bot = bot(ConfirmationRules.defaults());
    Conversation broken = new FailingEdits();
    bot.say(ADA, "power kill web1", broken);
    bot.say(BOB, "power kill web1", bobChat);

    bot.clock.advance(Duration.ofSeconds(61));
    bot.dispatcher.recordLapsed();

    assertThat(audit.all().stream().filter(e -> e.decision().equals("expired")))
        .extracting(AuditEntry::identity)
        .containsExactlyInAnyOrder("console:ada", "console:bob");
    assertThat(bobChat.edits())
        .extracting(Reply::plainText)
        .containsExactly("Expired: nothing was sent.");
  }

  /** A conversation whose platform refuses every edit. */
  static final class FailingEdits implements Conversation {
    private final CollectingConversation sent = new CollectingConversation();

    @Override
    public MessageHandle send(Reply reply) {
      return sent.send(reply);
    }

    @Override
    public void edit(MessageHandle message, Reply reply) {
      throw new IllegalStateException("the platform refused the edit");
    }

    @Override
    public boolean canReplyPrivately() {
      return true;
    }
  }
}

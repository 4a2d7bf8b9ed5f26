package dev.kiwiops.core.confirm;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.bindingOn;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The confirmation and approval state machine, driven through the dispatcher as users would type
 * it, on a clock that only moves when told.
 */
class ConfirmationFlowTest {
  static final Caller ADA = caller("console:ada");
  static final Caller BOB = caller("console:bob");
  static final Caller VIC = caller("console:vic");
  static final Caller EVE = caller("console:eve");

  final RecordingKiwiVm kiwi =
      new RecordingKiwiVm()
          .running()
          .answer("kill", new ApiResult.Ok<>(Done.INSTANCE))
          .answer("restart", new ApiResult.Ok<>(Done.INSTANCE));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CollectingConversation adaChat = new CollectingConversation();
  final CollectingConversation bobChat = new CollectingConversation();
  final CollectingConversation vicChat = new CollectingConversation();
  final CollectingConversation eveChat = new CollectingConversation();

  TestBot bot(ConfirmationRules rules) {
    return TestBot.builder(kiwi.port())
        .audit(audit)
        .rules(rules)
        .bind(binding("console:ada", "operator"))
        .bind(binding("console:bob", "operator"))
        .bind(binding("console:vic", "viewer"))
        .bind(bindingOn("console:eve", "admin", "db1"))
        .build();
  }

  static String code(CollectingConversation chat, String verb) {
    String text = chat.lastText();
    int at = text.indexOf("`" + verb + " ") + verb.length() + 2;
    return text.substring(at, text.indexOf('`', at));
  }

  /** The token of the last reply's button with this label, as an adapter gets it back. */
  static String buttonToken(CollectingConversation chat, String label) {
    return chat.last().buttons().stream()
        .filter(b -> b.label().equals(label))
        .map(Button::token)
        .findFirst()
        .orElseThrow();
  }

  /** The confirmation book's random token inside a button token. */
  static String opaque(String token) {
    return ButtonToken.decode(token).orElseThrow().fields().get(0);
  }

  List<String> decisions() {
    return audit.all().stream().map(AuditEntry::decision).toList();
  }

  @Nested
  class Confirmations {
    final TestBot bot = bot(ConfirmationRules.defaults());

    @Test
    void replayedCodeIsNoLongerValidAndSendsNothingMore() {
      bot.say(ADA, "power kill web1", adaChat);
      String code = code(adaChat, "confirm");
      bot.say(ADA, "confirm " + code, adaChat);

      bot.say(ADA, "confirm " + code, adaChat);

      assertThat(adaChat.lastText())
          .startsWith("This confirmation is no longer valid")
          .endsWith("Nothing was sent to KiwiVM.");
      assertThat(kiwi.count("kill")).isEqualTo(1);
    }

    @Test
    void anotherUserTypingTheCodeFindsNothingAndTheRequesterCanStillConfirm() {
      bot.say(ADA, "power kill web1", adaChat);
      String code = code(adaChat, "confirm");

      bot.say(BOB, "confirm " + code, bobChat);

      assertThat(bobChat.lastText()).startsWith("This confirmation is no longer valid");
      assertThat(kiwi.count("kill")).isZero();
      bot.say(ADA, "confirm " + code, adaChat);
      assertThat(kiwi.count("kill")).isEqualTo(1);
    }

    @Test
    void anotherUserClickingTheButtonIsRefusedAndTheRequesterCanStillClickIt() {
      bot.say(ADA, "power kill web1", adaChat);
      String click = buttonToken(adaChat, "Confirm");

      bot.click(BOB, click, bobChat);

      assertThat(bobChat.lastText()).startsWith("This confirmation is not yours");
      assertThat(kiwi.count("kill")).isZero();
      bot.click(ADA, click, adaChat);
      assertThat(kiwi.count("kill")).isEqualTo(1);
    }

    @Test
    void theRequesterInAnotherChatCanUseNeitherCodeNorButton() {
      bot.say(ADA, "power kill web1", adaChat);
      String code = code(adaChat, "confirm");
      String click = buttonToken(adaChat, "Confirm");

      bot.dispatcher.handle(ADA, TestBot.OTHER_CHAT, "confirm " + code, adaChat);
      bot.dispatcher.click(ADA, TestBot.OTHER_CHAT, click, adaChat, Optional.empty());

      assertThat(kiwi.count("kill")).isZero();
      assertThat(adaChat.lastText()).startsWith("This confirmation is not yours");
    }

    @Test
    void textAroundTheTokenIsNotAccepted() {
      bot.say(ADA, "power kill web1", adaChat);
      String click = buttonToken(adaChat, "Confirm");

      bot.say(ADA, "confirm " + opaque(click) + " db1", adaChat);

      assertThat(adaChat.lastText()).isEqualTo("Usage: confirm CODE");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void expiredCodeIsNoLongerValidAndTheExpiryIsAudited() {
      bot.say(ADA, "power kill web1", adaChat);
      String code = code(adaChat, "confirm");
      bot.clock.advance(Duration.ofSeconds(61));

      bot.say(ADA, "confirm " + code, adaChat);

      assertThat(adaChat.lastText()).startsWith("This confirmation is no longer valid");
      assertThat(kiwi.writes()).isEmpty();
      assertThat(decisions()).containsSubsequence("pending", "expired", "invalid-confirmation");
    }

    @Test
    void codeIsStillValidJustBeforeTheConfiguredTtl() {
      TestBot shortTtl = bot(ConfirmationRules.defaults().withTtl(Duration.ofSeconds(10)));
      shortTtl.say(ADA, "power kill web1", adaChat);
      assertThat(adaChat.lastText()).contains("within 10 s");
      String code = code(adaChat, "confirm");
      shortTtl.clock.advance(Duration.ofSeconds(9));

      shortTtl.say(ADA, "confirm " + code, adaChat);

      assertThat(kiwi.count("kill")).isEqualTo(1);
    }

    @Test
    void codeExpiresAfterTheConfiguredTtl() {
      TestBot shortTtl = bot(ConfirmationRules.defaults().withTtl(Duration.ofSeconds(10)));
      shortTtl.say(ADA, "power kill web1", adaChat);
      String code = code(adaChat, "confirm");
      shortTtl.clock.advance(Duration.ofSeconds(11));

      shortTtl.say(ADA, "confirm " + code, adaChat);

      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void cancelThenConfirmSendsNothing() {
      bot.say(ADA, "power kill web1", adaChat);
      String code = code(adaChat, "confirm");

      bot.say(ADA, "cancel " + code, adaChat);
      assertThat(adaChat.lastText())
          .isEqualTo("Cancelled: power kill web1. Nothing was sent to KiwiVM.");
      bot.say(ADA, "confirm " + code, adaChat);

      assertThat(adaChat.lastText()).startsWith("This confirmation is no longer valid");
      assertThat(kiwi.writes()).isEmpty();
      assertThat(decisions()).containsSubsequence("pending", "cancelled", "invalid-confirmation");
    }

    @Test
    void anotherUserCannotCancel() {
      bot.say(ADA, "power kill web1", adaChat);
      String click = buttonToken(adaChat, "Cancel");

      bot.click(BOB, click, bobChat);
      bot.say(ADA, "confirm " + code(adaChat, "confirm"), adaChat);

      assertThat(kiwi.count("kill")).isEqualTo(1);
    }

    @Test
    void permissionRevokedBetweenRequestAndConfirmStopsTheAction() {
      bot.say(ADA, "power kill web1", adaChat);
      String code = code(adaChat, "confirm");
      bot.rebind(List.of(binding("console:ada", "viewer")));

      bot.say(ADA, "confirm " + code, adaChat);

      assertThat(adaChat.lastText())
          .isEqualTo(
              "You are no longer allowed to run power kill web1. Nothing was sent to KiwiVM.");
      assertThat(kiwi.writes()).isEmpty();
      assertThat(decisions()).endsWith("denied-at-confirm");
    }

    @Test
    void configurationCanAskForConfirmationBeyondTheCatalogue() {
      TestBot strict = bot(ConfirmationRules.defaults().withAlsoConfirm(List.of("power.restart")));

      strict.say(ADA, "power restart web1", adaChat);

      assertThat(adaChat.lastText()).contains("Confirm power restart web1?");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void codeAndButtonFromBeforeARestartAreNoLongerValid() {
      bot.say(ADA, "power kill web1", adaChat);
      String code = code(adaChat, "confirm");
      String click = buttonToken(adaChat, "Confirm");
      TestBot restarted = bot(ConfirmationRules.defaults());

      restarted.say(ADA, "confirm " + code, adaChat);
      assertThat(adaChat.lastText()).startsWith("This confirmation is no longer valid");
      restarted.click(ADA, click, adaChat);
      assertThat(adaChat.lastText()).startsWith("This confirmation is no longer valid");

      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void everyTokenCarriesAtLeast96RandomBits() {
      bot.say(ADA, "power kill web1", adaChat);
      String first = opaque(buttonToken(adaChat, "Confirm"));
      bot.say(ADA, "power kill web1", adaChat);
      String second = opaque(buttonToken(adaChat, "Confirm"));

      assertThat(java.util.Base64.getUrlDecoder().decode(first)).hasSizeGreaterThanOrEqualTo(12);
      assertThat(first).isNotEqualTo(second);
    }
  }

  @Nested
  class Approvals {
    final TestBot bot = bot(ConfirmationRules.defaults().withApproval(List.of("power.kill")));

    /** Ada asks for a kill and confirms it; returns the approval code. */
    String requestAndConfirm() {
      bot.say(ADA, "power kill web1", adaChat);
      assertThat(adaChat.lastText()).contains("someone else with permission power.kill on web1");
      bot.say(ADA, "confirm " + code(adaChat, "confirm"), adaChat);
      return code(adaChat, "approve");
    }

    @Test
    void confirmedRequestWaitsForApprovalAndSendsNothing() {
      requestAndConfirm();

      assertThat(adaChat.last().title()).isEqualTo("Approval needed: power kill web1");
      assertThat(adaChat.lastText()).contains("Nothing has been sent to KiwiVM yet.");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void selfApprovalIsRefusedAndTheRequestStaysOpen() {
      String code = requestAndConfirm();

      bot.say(ADA, "approve " + code, adaChat);

      assertThat(adaChat.lastText())
          .startsWith("You asked for power kill web1 yourself; someone else with permission")
          .contains("expires in 10 min");
      assertThat(kiwi.writes()).isEmpty();
      bot.say(BOB, "approve " + code, bobChat);
      assertThat(kiwi.count("kill")).isEqualTo(1);
    }

    @Test
    void approvalByAnotherPermittedUserRunsItOnceAndTellsBoth() {
      String code = requestAndConfirm();

      bot.say(BOB, "approve " + code, bobChat);

      assertThat(kiwi.count("kill")).isEqualTo(1);
      assertThat(bobChat.lastText())
          .isEqualTo(
              "Approved power kill web1, requested by console:ada. Running it now; the result"
                  + " goes to the requester.");
      assertThat(adaChat.lastText()).isEqualTo("Killed web1.");
      AuditEntry run = audit.all().get(audit.all().size() - 1);
      assertThat(run.identity()).isEqualTo("console:ada");
      assertThat(run.decision()).isEqualTo("approved");
      assertThat(run.detail()).isEqualTo("approved by console:bob");
      assertThat(run.outcome()).isEqualTo("ok");
    }

    @Test
    void approvalIsSingleUse() {
      String code = requestAndConfirm();
      bot.say(BOB, "approve " + code, bobChat);

      bot.say(BOB, "approve " + code, bobChat);

      assertThat(bobChat.lastText()).startsWith("This approval request is no longer valid");
      assertThat(kiwi.count("kill")).isEqualTo(1);
    }

    @Test
    void approvalButtonWorksForAnotherPermittedUser() {
      requestAndConfirm();

      bot.click(BOB, buttonToken(adaChat, "Approve"), bobChat);

      assertThat(kiwi.count("kill")).isEqualTo(1);
    }

    @Test
    void userWithoutThePermissionCannotApprove() {
      String code = requestAndConfirm();

      bot.say(VIC, "approve " + code, vicChat);

      assertThat(vicChat.lastText())
          .isEqualTo(
              "You cannot approve power kill web1: approving it needs permission power.kill on"
                  + " web1.");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void permissionOnAnotherServerDoesNotCount() {
      String code = requestAndConfirm();

      bot.say(EVE, "approve " + code, eveChat);

      assertThat(eveChat.lastText()).startsWith("You cannot approve power kill web1");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void approvalFromAnotherChatFindsNothing() {
      String code = requestAndConfirm();

      bot.dispatcher.handle(BOB, TestBot.OTHER_CHAT, "approve " + code, bobChat);
      bot.dispatcher.click(
          BOB, TestBot.OTHER_CHAT, buttonToken(adaChat, "Approve"), bobChat, Optional.empty());

      assertThat(bobChat.lastText()).startsWith("This approval request is no longer valid");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void approvalExpiresAndTheLapseIsAudited() {
      String code = requestAndConfirm();
      bot.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

      bot.say(BOB, "approve " + code, bobChat);

      assertThat(bobChat.lastText()).startsWith("This approval request is no longer valid");
      assertThat(kiwi.writes()).isEmpty();
      assertThat(decisions())
          .containsSubsequence("awaiting-approval", "approval-expired", "invalid-approval");
    }

    @Test
    void requesterCanWithdrawWhileWaiting() {
      String code = requestAndConfirm();

      bot.say(ADA, "cancel " + code, adaChat);
      bot.say(BOB, "approve " + code, bobChat);

      assertThat(adaChat.lastText())
          .isEqualTo("Withdrawn: power kill web1. Nothing was sent to KiwiVM.");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void aPossibleApproverCanRejectButAViewerCannot() {
      String code = requestAndConfirm();

      bot.say(VIC, "cancel " + code, vicChat);
      assertThat(vicChat.lastText()).startsWith("Only console:ada or someone who may approve");
      bot.say(BOB, "cancel " + code, bobChat);

      assertThat(bobChat.lastText())
          .isEqualTo(
              "console:bob rejected power kill web1, requested by console:ada. Nothing was sent"
                  + " to KiwiVM.");
      bot.say(BOB, "approve " + code, bobChat);
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void requesterLosingThePermissionVoidsTheRequest() {
      String code = requestAndConfirm();
      bot.rebind(List.of(binding("console:ada", "viewer"), binding("console:bob", "operator")));

      bot.say(BOB, "approve " + code, bobChat);

      assertThat(bobChat.lastText())
          .isEqualTo(
              "console:ada is no longer allowed to run power kill web1, so the request is void."
                  + " Nothing was sent to KiwiVM.");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void approverLosingThePermissionCannotApprove() {
      String code = requestAndConfirm();
      bot.rebind(List.of(binding("console:ada", "operator"), binding("console:bob", "viewer")));

      bot.say(BOB, "approve " + code, bobChat);

      assertThat(bobChat.lastText()).startsWith("You cannot approve power kill web1");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void confirmingAnApprovalCodeExplainsWhatIsMissing() {
      String code = requestAndConfirm();

      bot.say(ADA, "confirm " + code, adaChat);

      assertThat(adaChat.lastText())
          .isEqualTo(
              "That request is already confirmed and waits for someone else to type `approve "
                  + code
                  + "`.");
      assertThat(kiwi.writes()).isEmpty();
    }

    @Test
    void commandsOutsideTheApprovalListNeedNoApproval() {
      bot.say(ADA, "power stop web1", adaChat);
      assertThat(adaChat.lastText()).doesNotContain("must approve");
    }
  }
}

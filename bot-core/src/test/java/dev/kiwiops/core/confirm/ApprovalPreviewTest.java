package dev.kiwiops.core.confirm;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.FakeServiceInfo;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Four-eyes approval of a previewed action: the approver sees the facts of the prompt, and the
 * check is made again when the approval runs it.
 */
class ApprovalPreviewTest {
  static final Caller ADA = caller("console:ada");
  static final Caller BOB = caller("console:bob");

  final RecordingKiwiVm kiwi =
      new RecordingKiwiVm().answer("kill", new ApiResult.Ok<>(Done.INSTANCE));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CollectingConversation adaChat = new CollectingConversation();
  final CollectingConversation bobChat = new CollectingConversation();
  final TestBot bot =
      TestBot.builder(kiwi.port())
          .audit(audit)
          .rules(ConfirmationRules.defaults().withApproval(List.of("power.kill")))
          .bind(binding("console:ada", "operator"))
          .bind(binding("console:bob", "operator"))
          .build();

  static ApiResult<?> live(PowerState power) {
    FakeServiceInfo fake = new FakeServiceInfo();
    fake.power = power;
    return new ApiResult.Ok<>(fake.live());
  }

  static String code(CollectingConversation chat, String verb) {
    String text = chat.lastText();
    int at = text.indexOf("`" + verb + " ") + verb.length() + 2;
    return text.substring(at, text.indexOf('`', at));
  }

  String requestAndConfirm() {
    bot.say(ADA, "power kill web1", adaChat);
    bot.say(ADA, "confirm " + code(adaChat, "confirm"), adaChat);
    assertThat(adaChat.lastText())
        .as("the approval request shows the facts of the prompt")
        .contains("• Now: running")
        .contains("unsaved data is lost");
    return code(adaChat, "approve");
  }

  @Test
  void anApprovedKillRunsWhenTheStateStillHolds() {
    kiwi.answer("getLiveServiceInfo", live(PowerState.RUNNING));
    bot.say(BOB, "approve " + requestAndConfirm(), bobChat);

    assertThat(kiwi.count("kill")).isEqualTo(1);
  }

  @Test
  void aServerStoppedBeforeTheApprovalIsNotKilled() {
    kiwi.answerInTurn("getLiveServiceInfo", live(PowerState.RUNNING), live(PowerState.STOPPED));
    bot.say(BOB, "approve " + requestAndConfirm(), bobChat);

    assertThat(kiwi.writes()).isEmpty();
    assertThat(adaChat.lastText()).contains("Nothing was sent: web1 is already stopped.");
    assertThat(audit.all()).extracting(AuditEntry::decision).last().isEqualTo("changed-at-confirm");
  }
}

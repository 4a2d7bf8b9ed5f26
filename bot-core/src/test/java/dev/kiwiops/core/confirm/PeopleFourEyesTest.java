package dev.kiwiops.core.confirm;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static dev.kiwiops.core.testkit.TestBot.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Four-eyes approval counts people, not identities: Ada on Discord cannot approve what Ada on the
 * console asked for. Driven through the dispatcher as users would type it.
 */
class PeopleFourEyesTest {
  /** Ada's three identities: one person. */
  static final Caller ADA_DISCORD = caller("discord:111111111111111111");

  static final Caller ADA_TELEGRAM = caller("telegram:222222");
  static final Caller ADA_CONSOLE = caller("console:ada");

  /** Bob: another person, on Telegram and the console. */
  static final Caller BOB_TELEGRAM = caller("telegram:333333");

  /** An operator in no person: a person of its own. */
  static final Caller CARL = caller("console:carl");

  final RecordingKiwiVm kiwi =
      new RecordingKiwiVm().running().answer("kill", new ApiResult.Ok<>(Done.INSTANCE));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CollectingConversation adaChat = new CollectingConversation();
  final CollectingConversation otherChat = new CollectingConversation();

  final TestBot bot =
      TestBot.builder(kiwi.port())
          .audit(audit)
          .rules(ConfirmationRules.defaults().withApproval(List.of("power.kill")))
          .person(person("ada", "discord:111111111111111111", "telegram:222222", "console:ada"))
          .person(person("bob", "telegram:333333", "console:bob"))
          // Ada's operator grant comes through her person; the console binding is her own.
          .bind(binding("person:ada", "operator"))
          .bind(binding("person:bob", "operator"))
          .bind(binding("console:carl", "operator"))
          .build();

  /** {@code requester} asks for a kill of web1 and confirms it; returns the approval code. */
  String requestAndConfirm(Caller requester) {
    bot.say(requester, "power kill web1", adaChat);
    bot.say(requester, "confirm " + ConfirmationFlowTest.code(adaChat, "confirm"), adaChat);
    return ConfirmationFlowTest.code(adaChat, "approve");
  }

  AuditEntry lastEntry() {
    List<AuditEntry> all = audit.all();
    return all.get(all.size() - 1);
  }

  @Test
  void anotherIdentityOfTheSamePersonCannotApproveAndTheRequestStaysOpen() {
    String code = requestAndConfirm(ADA_CONSOLE);

    bot.say(ADA_DISCORD, "approve " + code, otherChat);

    assertThat(otherChat.lastText())
        .isEqualTo(
            "Approval must come from someone else: console:ada and discord:111111111111111111"
                + " are both ada.");
    assertThat(kiwi.writes()).isEmpty();
    AuditEntry refused = lastEntry();
    assertThat(refused.decision()).isEqualTo("approval-refused");
    assertThat(refused.detail()).isEqualTo("same person ada");
    assertThat(refused.identity()).isEqualTo("discord:111111111111111111");
    assertThat(refused.person()).hasValue("ada");

    bot.say(ADA_TELEGRAM, "approve " + code, otherChat);
    assertThat(otherChat.lastText()).contains("are both ada");
    assertThat(kiwi.writes()).isEmpty();

    bot.say(BOB_TELEGRAM, "approve " + code, otherChat);
    assertThat(kiwi.count("kill")).isEqualTo(1);
  }

  @Test
  void twoDifferentPeopleMakeFourEyesAndTheAuditNamesBoth() {
    String code = requestAndConfirm(ADA_DISCORD);

    bot.say(BOB_TELEGRAM, "approve " + code, otherChat);

    assertThat(kiwi.count("kill")).isEqualTo(1);
    assertThat(otherChat.lastText())
        .startsWith("Approved power kill web1, requested by discord:111111111111111111.");
    AuditEntry given =
        audit.all().stream().filter(e -> e.decision().equals("approval-given")).findFirst().get();
    assertThat(given.identity()).isEqualTo("telegram:333333");
    assertThat(given.person()).hasValue("bob");
    AuditEntry ran = lastEntry();
    assertThat(ran.decision()).isEqualTo("approved");
    assertThat(ran.identity()).isEqualTo("discord:111111111111111111");
    assertThat(ran.person()).hasValue("ada");
    assertThat(ran.detail()).isEqualTo("approved by telegram:333333");
  }

  @Test
  void anIdentityOfNoPersonIsAPersonOfItsOwn() {
    String code = requestAndConfirm(ADA_CONSOLE);

    bot.say(CARL, "approve " + code, otherChat);

    assertThat(kiwi.count("kill")).isEqualTo(1);
    AuditEntry given =
        audit.all().stream().filter(e -> e.decision().equals("approval-given")).findFirst().get();
    assertThat(given.identity()).isEqualTo("console:carl");
    assertThat(given.person()).isEmpty();
  }

  @Test
  void aRequesterOfNoPersonIsApprovedBySomeoneInAPerson() {
    String code = requestAndConfirm(CARL);

    bot.say(ADA_TELEGRAM, "approve " + code, otherChat);

    assertThat(kiwi.count("kill")).isEqualTo(1);
  }

  @Test
  void theSameIdentityStillGetsTheSelfApprovalAnswer() {
    String code = requestAndConfirm(ADA_CONSOLE);

    bot.say(ADA_CONSOLE, "approve " + code, adaChat);

    assertThat(adaChat.lastText()).startsWith("You asked for power kill web1 yourself");
    assertThat(kiwi.writes()).isEmpty();
  }

  @Test
  void peopleLinkedByAReloadAreOnePersonForARequestMadeBefore() {
    bot.rebind(
        List.of(
            binding("console:ada", "operator"),
            binding("discord:111111111111111111", "operator"),
            binding("console:carl", "operator")));
    bot.relink(List.of());
    String code = requestAndConfirm(ADA_CONSOLE);

    bot.relink(List.of(person("ada", "discord:111111111111111111", "console:ada")));
    bot.say(ADA_DISCORD, "approve " + code, otherChat);

    assertThat(otherChat.lastText()).contains("are both ada");
    assertThat(kiwi.writes()).isEmpty();
    bot.say(CARL, "approve " + code, otherChat);
    assertThat(kiwi.count("kill")).isEqualTo(1);
  }

  @Test
  void anotherIdentityOfTheRequesterWithdrawsItAsTheRequester() {
    String code = requestAndConfirm(ADA_CONSOLE);

    bot.say(ADA_TELEGRAM, "cancel " + code, otherChat);

    assertThat(otherChat.lastText())
        .isEqualTo("Withdrawn: power kill web1. Nothing was sent to KiwiVM.");
    assertThat(lastEntry().decision()).isEqualTo("cancelled");
    assertThat(lastEntry().person()).hasValue("ada");
    bot.say(BOB_TELEGRAM, "approve " + code, otherChat);
    assertThat(kiwi.writes()).isEmpty();
  }

  @Test
  void everyEntryOfAnIdentityInAPersonCarriesThePerson() {
    bot.say(ADA_TELEGRAM, "status web1", adaChat);
    bot.say(caller("telegram:999"), "status web1", otherChat);

    assertThat(audit.all())
        .extracting(AuditEntry::identity, AuditEntry::person)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("telegram:222222", Optional.of("ada")),
            org.assertj.core.groups.Tuple.tuple("telegram:999", Optional.empty()));
  }
}

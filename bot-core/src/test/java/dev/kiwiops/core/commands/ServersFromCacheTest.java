package dev.kiwiops.core.commands;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KnownReads.Read;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.QueuedKnownReads;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestCatalogue;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code servers} answers from the read cache and says how old what it shows is. */
class ServersFromCacheTest {
  private static final Caller VIC = caller("console:vic");
  private static final ChatRef CHAT = new ChatRef("console", "tty", true);

  private final MutableClock clock = MutableClock.at("2026-01-10T12:00:00Z");
  private final RecordingKiwiVm kiwi = new RecordingKiwiVm();
  private final QueuedKnownReads reads = new QueuedKnownReads(kiwi.port(), clock).fetchAtOnce();
  private final Fleet fleet = new Fleet(List.of(CommandsFixture.WEB1, CommandsFixture.VZ1));
  private final AccessPolicy policy =
      new AccessPolicy(List.of(), List.of(binding("console:vic", "viewer")), fleet);
  private final Dispatcher dispatcher =
      new Dispatcher(
          TestCatalogue.of(kiwi.port(), () -> policy, clock).reads(reads).catalog(),
          policy,
          new ConfirmationBook(ConfirmationRules.defaults(), clock, clock, new SecureRandom()),
          new InMemoryAuditTrail(),
          fleet,
          kiwi.port(),
          clock);
  private final CollectingConversation chat = new CollectingConversation();

  private String servers() {
    dispatcher.handle(VIC, CHAT, "servers", chat);
    return chat.last().plainText();
  }

  @Test
  void freshValuesNeedNoKiwiVmCallAndSayHowOldTheyAre() {
    reads.remember(
        CommandsFixture.WEB1,
        Read.SERVICE_INFO,
        CommandsFixture.info(VmType.KVM, List.of("203.0.113.7")),
        true);
    reads.remember(
        CommandsFixture.VZ1,
        Read.SERVICE_INFO,
        CommandsFixture.info(VmType.OVZ, List.of("198.51.100.9")),
        true);
    clock.advance(Duration.ofSeconds(10));

    String text = servers();

    assertThat(kiwi.calls()).isEmpty();
    assertThat(text)
        .contains("web1 | prod | kvm · US, California · 203.0.113.7 (as of 10 s ago)")
        .contains("vz1 |  | ovz · US, California · 198.51.100.9 (as of 10 s ago)")
        .contains("come from the bot's cache");
  }

  @Test
  void staleValuesAreReadAgainAndAFailedReadShowsTheLastKnownState() {
    reads.remember(
        CommandsFixture.WEB1,
        Read.SERVICE_INFO,
        CommandsFixture.info(VmType.KVM, List.of("203.0.113.7")),
        false);
    clock.advance(Duration.ofMinutes(10));
    kiwi.answer(
        "getServiceInfo",
        new ApiResult.NetworkFailure<>(ApiResult.NetworkFailure.Kind.TIMEOUT, "slow"));

    String text = servers();

    assertThat(kiwi.count("getServiceInfo")).isEqualTo(2);
    assertThat(text)
        .contains(
            "web1 | prod | kvm · US, California · 203.0.113.7 (as of 10 min ago; now: KiwiVM"
                + " did not answer in time)")
        .contains("vz1 |  | unknown: KiwiVM did not answer in time.");
  }

  @Test
  void valuesReadNowCarryNoAge() {
    kiwi.answer(
        "getServiceInfo",
        new ApiResult.Ok<>(CommandsFixture.info(VmType.KVM, List.of("203.0.113.7"))));

    String text = servers();

    assertThat(text).contains("web1 | prod | kvm · US, California · 203.0.113.7\n");
    assertThat(text).doesNotContain("as of");
    assertThat(reads.lastKnown(CommandsFixture.VZ1, Read.SERVICE_INFO)).isPresent();
  }
}

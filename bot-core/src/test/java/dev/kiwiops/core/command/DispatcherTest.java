package dev.kiwiops.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestCatalogue;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  private static final Caller ADMIN = Caller.of(Identity.console("ada"));
  private static final Caller VIEWER = Caller.of(Identity.console("vic"));
  private static final Caller STRANGER = Caller.of(Identity.console("nobody"));
  private static final ChatRef CHAT = new ChatRef("console", "tty", true);

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final RecordingKiwiVm kiwi =
      new RecordingKiwiVm().running().answer("kill", new ApiResult.Ok<>(Done.INSTANCE));
  private final Fleet fleet =
      new Fleet(
          List.of(
              new FleetServer(
                  "web1", 1001, Secret.of("private_aaaaaaaaaaaaaaaaaaaaaaaa"), Set.of("prod")),
              new FleetServer(
                  "db1", 1002, Secret.of("private_bbbbbbbbbbbbbbbbbbbbbbbb"), Set.of())));
  private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  private final AccessPolicy policy =
      new AccessPolicy(
          List.of(),
          List.of(
              new Binding(ADMIN.user(), Set.of("admin"), Set.of(), Set.of()),
              new Binding(VIEWER.user(), Set.of("viewer"), Set.of(), Set.of())),
          fleet);
  private final Dispatcher dispatcher =
      new Dispatcher(
          TestCatalogue.of(kiwi.port(), () -> policy, clock).audit(audit).catalog(),
          policy,
          new ConfirmationBook(
              ConfirmationRules.defaults().withTtl(Duration.ofSeconds(60)),
              clock,
              clock,
              new SecureRandom()),
          audit,
          fleet,
          kiwi.port(),
          clock);
  private final CollectingConversation chat = new CollectingConversation();

  @Test
  void killAsksForConfirmationAndSendsNothing() {
    dispatcher.handle(ADMIN, CHAT, "power kill web1", chat);

    assertThat(chat.lastText()).contains("Confirm power kill web1?").contains("confirm ");
    assertThat(kiwi.count("kill")).isZero();
  }

  @Test
  void confirmedKillIsSentOnceHoweverOftenConfirmIsRepeated() {
    dispatcher.handle(ADMIN, CHAT, "power kill web1", chat);
    String code = ConfirmPrompt.codeIn(chat.lastText());

    dispatcher.handle(ADMIN, CHAT, "confirm " + code, chat);
    dispatcher.handle(ADMIN, CHAT, "confirm " + code, chat);

    assertThat(kiwi.count("kill")).isEqualTo(1);
    assertThat(chat.lastText()).contains("no longer valid");
  }

  @Test
  void buttonTokenConfirmsLikeTheTypedCode() {
    dispatcher.handle(ADMIN, CHAT, "/power kill web1", chat);
    Button confirm = chat.last().buttons().get(0);

    dispatcher.click(ADMIN, CHAT, confirm.token(), chat, Optional.empty());

    assertThat(kiwi.count("kill")).isEqualTo(1);
  }

  @Test
  void viewerIsRefusedAndNothingIsSent() {
    dispatcher.handle(VIEWER, CHAT, "power kill web1", chat);

    assertThat(chat.lastText()).contains("not allowed");
    assertThat(kiwi.writes()).isEmpty();
    assertThat(audit.all()).last().extracting(e -> e.decision()).isEqualTo("denied");
  }

  @Test
  void strangerMayOnlyRunHelpAndWhoami() {
    dispatcher.handle(STRANGER, CHAT, "help", chat);
    assertThat(chat.lastText()).contains("help").contains("whoami").doesNotContain("power");

    dispatcher.handle(STRANGER, CHAT, "info web1", chat);
    assertThat(chat.lastText()).contains("not allowed");
    assertThat(kiwi.writes()).isEmpty();
  }

  @Test
  void unknownServerGetsUsageAndNothingIsSent() {
    dispatcher.handle(ADMIN, CHAT, "power kill nope", chat);

    assertThat(chat.lastText())
        .contains("Unknown server 'nope'")
        .contains("Usage: power kill <server>");
    assertThat(kiwi.writes()).isEmpty();
  }

  @Test
  void unknownCommandGetsOneShortLine() {
    dispatcher.handle(ADMIN, CHAT, "frobnicate", chat);

    assertThat(chat.lastText()).isEqualTo("Unknown command 'frobnicate'. Type help for the list.");
  }

  @Test
  void expiredConfirmationSendsNothing() {
    dispatcher.handle(ADMIN, CHAT, "power kill web1", chat);
    String code = ConfirmPrompt.codeIn(chat.lastText());
    clock.advance(Duration.ofSeconds(61));

    dispatcher.handle(ADMIN, CHAT, "confirm " + code, chat);

    assertThat(chat.lastText()).contains("no longer valid");
    assertThat(kiwi.count("kill")).isZero();
  }
}

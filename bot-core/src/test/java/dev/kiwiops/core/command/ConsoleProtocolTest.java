package dev.kiwiops.core.command;

import static dev.kiwiops.core.testkit.TestBot.binding;
import static dev.kiwiops.core.testkit.TestBot.caller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.audit.AuditUnavailableException;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestBot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Safety as seen from the console: what a user types, what reaches KiwiVM, what is audited. */
class ConsoleProtocolTest {
  private static final Caller OPERATOR = caller("console:ops");
  private static final Caller VIEWER = caller("console:vic");
  private static final Caller NOBODY = caller("console:nobody");

  private final RecordingKiwiVm kiwi =
      new RecordingKiwiVm().running().answer("kill", new ApiResult.Ok<>(Done.INSTANCE));
  private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  private final TestBot bot = bot(audit);
  private final CollectingConversation chat = new CollectingConversation();

  private TestBot bot(AuditTrail trail) {
    return TestBot.builder(kiwi.port())
        .audit(trail)
        .bind(binding("console:ops", "operator"))
        .bind(binding("console:vic", "viewer"))
        .build();
  }

  private String confirmCode() {
    return ConfirmPrompt.codeIn(chat.lastText());
  }

  @Test
  void viewersKillIsRefusedAndNothingReachesUpstream() {
    bot.say(VIEWER, "power kill web1", chat);

    assertThat(chat.lastText()).isEqualTo("You are not allowed to run power kill.");
    assertThat(kiwi.writes()).isEmpty();
    assertThat(audit.all()).extracting(AuditEntry::decision).containsExactly("denied");
    assertThat(audit.all().get(0).server()).contains("web1");
  }

  @Test
  void operatorsConfirmedKillReachesUpstreamExactlyOnceHoweverOftenConfirmIsSent() {
    bot.say(OPERATOR, "power kill web1", chat);
    String code = confirmCode();
    assertThat(kiwi.writes()).isEmpty();

    for (int i = 0; i < 5; i++) {
      bot.say(OPERATOR, "confirm " + code, chat);
    }

    assertThat(kiwi.count("kill")).isEqualTo(1);
    assertThat(chat.sent().get(1).plainText()).isEqualTo("Killed web1.");
    assertThat(chat.lastText()).startsWith("This confirmation is no longer valid");
    assertThat(audit.all())
        .extracting(AuditEntry::decision)
        .containsExactly(
            "pending",
            "confirmed",
            "invalid-confirmation",
            "invalid-confirmation",
            "invalid-confirmation",
            "invalid-confirmation");
  }

  @Test
  void racingConfirmationsRunTheActionOnce() throws Exception {
    bot.say(OPERATOR, "power kill web1", chat);
    String code = confirmCode();
    String token = chat.last().buttons().get(0).token();
    int racers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        boolean typed = i % 2 == 0;
        Callable<Void> racer =
            () -> {
              start.await();
              if (typed) {
                bot.say(OPERATOR, "confirm " + code, new CollectingConversation());
              } else {
                bot.click(OPERATOR, token, new CollectingConversation());
              }
              return null;
            };
        done.add(pool.submit(racer));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(kiwi.count("kill")).isEqualTo(1);
  }

  @Test
  void strangerMayRunHelpAndWhoamiOnly() {
    bot.say(NOBODY, "whoami", chat);
    assertThat(chat.lastText()).contains("none (you can run help and whoami)");

    bot.say(NOBODY, "servers", chat);
    assertThat(chat.lastText()).isEqualTo("You are not allowed to run servers.");
  }

  @Test
  void whoamiFollowsAReload() {
    bot.rebind(List.of(binding("console:nobody", "viewer")));

    bot.say(NOBODY, "whoami", chat);

    assertThat(chat.lastText()).contains("viewer on all servers");
  }

  @Test
  void destructiveCommandsPauseWhileTheAuditTrailIsDown() {
    TestBot withoutAudit =
        bot(
            new AuditTrail() {
              @Override
              public void record(AuditEntry entry) {
                throw new AuditUnavailableException("down", null);
              }

              @Override
              public List<AuditEntry> recent(AuditQuery query) {
                return List.of();
              }
            });

    withoutAudit.say(OPERATOR, "power kill web1", chat);

    assertThat(chat.lastText())
        .isEqualTo(
            "The audit trail cannot be written right now, so power kill is paused. Nothing was"
                + " sent to KiwiVM.");
    assertThat(chat.last().buttons()).isEmpty();
    assertThat(kiwi.writes()).isEmpty();
  }
}

package dev.kiwiops.telegram;

import static dev.kiwiops.telegram.TelegramHarness.ALICE;
import static dev.kiwiops.telegram.TelegramHarness.GROUP;
import static dev.kiwiops.telegram.TelegramHarness.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Secret;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The poll gate a replica uses when it is not sure it leads: the real library polls the fake Bot
 * API only while the gate is open, so a former leader never takes a batch from the new leader's
 * poller, and what waited is taken once the gate opens.
 */
class TelegramPollGateTest {
  @Test
  void noPollLeavesWhileTheGateIsShutAndAWaitingCommandIsAnsweredOnceItOpens() throws Exception {
    AtomicBoolean mayPoll = new AtomicBoolean(false);
    try (TelegramHarness h = new TelegramHarness()) {
      TelegramPlatform gated =
          TelegramPlatform.builder(
                  TelegramSettings.of(Secret.of(TOKEN))
                      .withApiUrl(h.fake.url())
                      .withPollTimeout(Duration.ofSeconds(1)))
              .dispatcher(() -> h.dispatcher)
              .catalog(() -> h.catalog)
              .access(h.access)
              .clock(h.clock)
              .mayPoll(mayPoll::get)
              .build();
      try {
        gated.start();
        h.fake.type(GROUP, ALICE, "/servers");
        // Long enough for the library to have asked many times, and the gate to pause twice.
        Thread.sleep(2_500);

        assertThat(h.fake.calls("getUpdates")).isEmpty();
        assertThat(h.fake.calls("sendMessage")).isEmpty();

        mayPoll.set(true);

        FakeBotApi.Call answer =
            h.fake.await(
                "the answer to /servers",
                c -> c.method().equals("sendMessage") && c.text().contains("web1"));
        assertThat(answer.chatId()).isEqualTo(String.valueOf(GROUP));
        assertThat(h.fake.calls("getUpdates")).isNotEmpty();
      } finally {
        gated.stop(Duration.ofSeconds(5));
      }
    }
  }
}

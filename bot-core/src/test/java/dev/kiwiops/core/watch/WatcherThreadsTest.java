package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatcherThreadsTest {
  private static WatcherSettings every(int intervalSeconds, int timeoutSeconds) {
    return WatcherSettings.defaults()
        .withInterval(Duration.ofSeconds(intervalSeconds))
        .withServerTimeout(Duration.ofSeconds(timeoutSeconds));
  }

  @Test
  void aTimeoutAsLongAsTheIntervalNeedsAThreadPerServer() {
    assertThat(WatcherThreads.pollThreads(48, every(5, 45))).isEqualTo(48);
    assertThat(WatcherThreads.pollThreads(48, every(60, 45))).isEqualTo(48);
    assertThat(WatcherThreads.pollThreads(48, every(60, 60))).isEqualTo(48);
  }

  @Test
  void aShortTimeoutLetsOneThreadServeSeveralServersInTurn() {
    assertThat(WatcherThreads.pollThreads(48, every(60, 10))).isEqualTo(8);
    assertThat(WatcherThreads.pollThreads(49, every(60, 10))).isEqualTo(9);
    assertThat(WatcherThreads.pollThreads(3, every(60, 1))).isEqualTo(1);
  }

  @Test
  void thePoolIsBoundedAndNeverEmpty() {
    assertThat(WatcherThreads.pollThreads(5000, every(60, 45)))
        .isEqualTo(WatcherThreads.MAX_POLL_THREADS);
    assertThat(WatcherThreads.pollThreads(0, every(60, 45))).isEqualTo(1);
  }
}

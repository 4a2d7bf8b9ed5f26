package dev.kiwiops.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final ProgressReporter reporter =
      new ProgressReporter(
          scheduler,
          clock,
          new ProgressReporter.Settings(Duration.ofSeconds(5), Duration.ofMinutes(1)));
  private final CollectingConversation chat = new CollectingConversation();

  private static java.util.function.Supplier<Progress> looks(Progress... progress) {
    Deque<Progress> queue = new ArrayDeque<>(List.of(progress));
    return () -> queue.size() > 1 ? queue.poll() : queue.peek();
  }

  @Test
  void nothingIsSentBeforeTheFirstPoll() {
    reporter.follow(chat, "Snapshot of web1", looks(new Progress.Running(5, "")));

    assertThat(chat.sent()).isEmpty();
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(chat.sent())
        .singleElement()
        .satisfies(r -> assertThat(r.plainText()).contains("5%"));
  }

  @Test
  void oneMessageIsEditedOnlyWhenItChanges() {
    reporter.follow(
        chat,
        "Snapshot of web1",
        looks(
            new Progress.Running(10, "Compressing"),
            new Progress.Running(10, "Compressing"),
            new Progress.Running(60, "Uploading"),
            new Progress.Finished("Snapshot taken.")));

    scheduler.advance(Duration.ofSeconds(30));

    assertThat(chat.sent()).hasSize(1);
    assertThat(chat.edits())
        .extracting(Reply::plainText)
        .containsExactly(
            "Snapshot of web1\n60% ▓▓▓▓▓▓░░░░ · Uploading",
            "Snapshot of web1 — done\nSnapshot taken.");
    assertThat(scheduler.queued()).isZero();
  }

  @Test
  void stopsFollowingAfterTheTimeout() {
    reporter.follow(chat, "Migrating web1", looks(new Progress.Running(40, "Copying disk")));

    scheduler.advance(Duration.ofMinutes(5));

    assertThat(chat.edits())
        .last()
        .satisfies(
            r -> {
              assertThat(r.tone()).isEqualTo(Tone.WARNING);
              assertThat(r.plainText()).contains("Stopped following after 1 min").contains("40%");
            });
    assertThat(scheduler.queued()).isZero();
  }

  @Test
  void aFewUnknownLooksAreToleratedButNotMany() {
    reporter.follow(
        chat,
        "Restoring web1",
        looks(
            new Progress.Running(20, ""),
            new Progress.Unknown("KiwiVM did not answer in time."),
            new Progress.Unknown("KiwiVM did not answer in time."),
            new Progress.Running(50, ""),
            new Progress.Unknown("KiwiVM could not be reached.")));

    scheduler.advance(Duration.ofSeconds(60));

    assertThat(chat.edits()).extracting(Reply::plainText).anyMatch(t -> t.contains("50%"));
    assertThat(chat.edits())
        .last()
        .satisfies(
            r ->
                assertThat(r.plainText())
                    .contains("progress unknown")
                    .contains("3 times in a row"));
  }

  @Test
  void failureEndsIt() {
    reporter.follow(
        chat, "Reinstalling web1", looks(new Progress.Failed("KiwiVM rejected the API key.")));

    scheduler.advance(Duration.ofSeconds(20));

    assertThat(chat.sent())
        .singleElement()
        .satisfies(r -> assertThat(r.tone()).isEqualTo(Tone.ERROR));
    assertThat(scheduler.queued()).isZero();
  }
}

package dev.kiwiops.core.reply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one chat message up to date while a long operation runs (reinstall, snapshot, migration).
 *
 * <p>The command answers at once; {@link #follow} then polls on the injected scheduler every {@link
 * Settings#interval()}. The first poll sends one progress message, later polls edit it when what it
 * says changes, and the last edit says finished, failed, or that the reporter stopped following
 * after {@link Settings#timeout()}. Several {@link Progress.Unknown} looks in a row (upstream
 * unreachable) end it as failed. Polls never overlap: each one schedules the next.
 */
public final class ProgressReporter {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
  private static final int MAX_UNKNOWN_IN_A_ROW = 3;

  /** How often to look, and how long to follow at most. */
  public record Settings(Duration interval, Duration timeout) {
    public Settings {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(timeout, "timeout");
      if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) < 0) {
        throw new IllegalArgumentException("progress interval must be > 0 and <= timeout");
      }
    }

    /** Every 5 s for at most 30 min. */
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(5), Duration.ofMinutes(30));
    }
  }

  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Settings settings;

  public ProgressReporter(ScheduledExecutorService scheduler, Clock clock, Settings settings) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Starts following an operation: {@code title} heads the progress message ("Reinstalling web1"),
   * {@code poll} looks at the operation once (it may block on upstream; it runs on the scheduler).
   */
  public void follow(Conversation conversation, String title, Supplier<Progress> poll) {
    new Follower(conversation, title, poll, clock.instant()).scheduleNext();
  }

  private final class Follower implements Runnable {
    private final Conversation conversation;
    private final String title;
    private final Supplier<Progress> poll;
    private final Instant started;
    private Conversation.MessageHandle handle;
    private Reply shown;
    private int unknownInARow;
    private String lastRunning = "";

    Follower(Conversation conversation, String title, Supplier<Progress> poll, Instant started) {
      this.conversation = conversation;
      this.title = title;
      this.poll = poll;
      this.started = started;
    }

    void scheduleNext() {
      try {
        scheduler.schedule(this, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        LOG.info("progress of '{}' no longer followed: shutting down", title);
      }
    }

    @Override
    public void run() {
      Progress progress;
      try {
        progress = poll.get();
      } catch (RuntimeException e) {
        LOG.warn("progress poll for '{}' failed", title, e);
        progress = new Progress.Unknown("an internal error");
      }
      boolean timedOut =
          !Duration.between(started, clock.instant()).minus(settings.timeout()).isNegative();
      if (progress instanceof Progress.Running running) {
        unknownInARow = 0;
        lastRunning = describe(running);
        if (timedOut) {
          show(stoppedFollowing(), true);
          return;
        }
        show(Reply.builder().tone(Tone.PROGRESS).title(title).text(lastRunning).build(), false);
        scheduleNext();
      } else if (progress instanceof Progress.Finished finished) {
        show(
            Reply.builder()
                .tone(Tone.SUCCESS)
                .title(title + " — done")
                .text(finished.text())
                .build(),
            true);
      } else if (progress instanceof Progress.Failed failed) {
        show(
            Reply.builder().tone(Tone.ERROR).title(title + " — failed").text(failed.text()).build(),
            true);
      } else if (progress instanceof Progress.Unknown unknown) {
        unknownInARow++;
        if (unknownInARow >= MAX_UNKNOWN_IN_A_ROW) {
          show(
              Reply.builder()
                  .tone(Tone.ERROR)
                  .title(title + " — progress unknown")
                  .text(
                      "Stopped following: "
                          + unknown.reason()
                          + " ("
                          + MAX_UNKNOWN_IN_A_ROW
                          + " times in a row). The operation may still be running.")
                  .build(),
              true);
        } else if (timedOut) {
          show(stoppedFollowing(), true);
        } else {
          scheduleNext();
        }
      }
    }

    private Reply stoppedFollowing() {
      return Reply.builder()
          .tone(Tone.WARNING)
          .title(title + " — still running")
          .text(
              "Stopped following after "
                  + minutes(settings.timeout())
                  + (lastRunning.isEmpty() ? "" : "; last seen: " + lastRunning)
                  + ". It may still finish: check again later.")
          .build();
    }

    private void show(Reply reply, boolean last) {
      if (handle == null) {
        handle = conversation.send(reply);
      } else if (!reply.equals(shown)) {
        conversation.edit(handle, reply);
      }
      shown = reply;
      if (last) {
        LOG.debug("progress of '{}' ended: {}", title, reply.title());
      }
    }
  }

  /** {@code 45% ▓▓▓▓░░░░░ · Installing packages}. */
  static String describe(Progress.Running running) {
    StringBuilder text = new StringBuilder();
    if (running.percent() >= 0) {
      int p = Math.min(100, running.percent());
      int filled = p / 10;
      text.append(p).append("% ").append("▓".repeat(filled)).append("░".repeat(10 - filled));
    } else {
      text.append("in progress");
    }
    if (!running.text().isBlank()) {
      text.append(" · ").append(running.text().strip());
    }
    return text.toString();
  }

  private static String minutes(Duration d) {
    long m = d.toMinutes();
    return m >= 1 ? m + " min" : d.toSeconds() + " s";
  }
}

package dev.kiwiops.telegram;

import dev.kiwiops.core.platform.PlatformHealth;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's connection state, for the health check and the log: each change is logged once, in
 * one sentence without the token, however often the poller meets the same failure.
 */
final class Health {
  private static final Logger LOG = LoggerFactory.getLogger(Health.class);

  enum State {
    STARTING("starting"),
    UP("connected"),
    CONFLICT(
        "another process is polling this bot token (409 Conflict); only one kiwiops may run per"
            + " bot"),
    UNAUTHORIZED("Telegram refused the bot token (401 Unauthorized): check telegram.token"),
    UNREACHABLE("the Telegram Bot API cannot be reached"),
    STOPPED("stopped");

    final String detail;

    State(String detail) {
      this.detail = detail;
    }
  }

  private final Clock clock;
  private State state = State.STARTING;
  private String reason = "";
  private Instant since;

  Health(Clock clock) {
    this.clock = clock;
    this.since = clock.instant();
  }

  synchronized State state() {
    return state;
  }

  /** Moves to {@code next}; logs only when the state changes. */
  synchronized void enter(State next, String why) {
    if (next == state) {
      return;
    }
    State previous = state;
    state = next;
    reason = why;
    since = clock.instant();
    switch (next) {
      case UP -> {
        if (previous != State.STARTING) {
          LOG.info("Telegram: connected again after: {}", previous.detail);
        }
      }
      case CONFLICT, UNAUTHORIZED -> LOG.error("Telegram: {}; polling goes on.", next.detail);
      case UNREACHABLE -> LOG.warn("Telegram: {} ({}); retrying with backoff.", next.detail, why);
      default -> {}
    }
  }

  synchronized PlatformHealth report() {
    if (state == State.UP) {
      return PlatformHealth.up(since);
    }
    String detail =
        state == State.UNREACHABLE && !reason.isEmpty()
            ? state.detail + ": " + reason
            : state.detail;
    return PlatformHealth.down(detail, since);
  }
}

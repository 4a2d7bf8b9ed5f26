package dev.kiwiops.core.reply;

import java.util.Objects;

/** One look at a long-running operation, as a {@link ProgressReporter} poll sees it. */
public sealed interface Progress {

  /** Still running; {@code percent} is -1 when unknown, {@code text} may be empty. */
  record Running(int percent, String text) implements Progress {
    public Running {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Finished; {@code text} says what the user now has. */
  record Finished(String text) implements Progress {
    public Finished {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Finished badly, or can no longer be followed; {@code text} says why. */
  record Failed(String text) implements Progress {
    public Failed {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * This look failed (a network hiccup) but the operation may well go on; the reporter tries again
   * and gives up only after several in a row.
   */
  record Unknown(String reason) implements Progress {
    public Unknown {
      Objects.requireNonNull(reason, "reason");
    }
  }
}

package dev.kiwiops.core.command;

import java.util.List;
import java.util.Objects;

/**
 * What an action's {@link Foresight} found in KiwiVM before its confirmation prompt: either a
 * refusal (nothing is asked, nothing is sent), or the facts the prompt shows and the values that
 * must still hold when the action runs.
 */
public sealed interface Preview {

  /**
   * The action cannot go ahead: what KiwiVM reports does not fit it ({@code web1 is already
   * stopped.}), or the read that would tell failed. {@code why} is one or two sentences,
   * secret-free.
   */
  record Refused(String why) implements Preview {
    public Refused {
      Objects.requireNonNull(why, "why");
    }
  }

  /**
   * The facts for the prompt, one line each, and the watched values: named facts that must still
   * have the same value when the action runs after its confirmation (or approval), or nothing is
   * sent.
   */
  record Facts(List<String> lines, List<Watched> watched) implements Preview {
    public Facts {
      lines = List.copyOf(lines);
      watched = List.copyOf(watched);
    }
  }

  /**
   * One value that matters for the action, as the prompt showed it.
   *
   * @param what what the value is, to finish "… changed since you were asked": {@code the power
   *     state of web1}
   */
  record Watched(String what, String value) {
    public Watched {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(value, "value");
    }
  }

  static Refused refused(String why) {
    return new Refused(why);
  }

  /** A builder of {@link Facts}. */
  static Builder facts() {
    return new Builder();
  }

  /** Collects the lines and watched values of a {@link Facts}. */
  final class Builder {
    private final java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    private final java.util.ArrayList<Watched> watched = new java.util.ArrayList<>();

    private Builder() {}

    public Builder line(String line) {
      lines.add(line);
      return this;
    }

    public Builder watch(String what, String value) {
      watched.add(new Watched(what, value));
      return this;
    }

    public Facts build() {
      return new Facts(lines, watched);
    }
  }
}

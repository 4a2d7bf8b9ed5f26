package dev.kiwiops.core.command;

import java.util.Objects;

/**
 * An execution that looks before it leaps: its {@link Foresight} runs before the confirmation
 * prompt and again, on fresh reads, right before {@link #run}, which may then rely on what the look
 * checked (see {@link Previews}).
 */
public interface Foreseen extends Execution, Foresight {

  /** {@code run} preceded by {@code look}. */
  static Foreseen of(Foresight look, Execution run) {
    Objects.requireNonNull(look, "look");
    Objects.requireNonNull(run, "run");
    return new Foreseen() {
      @Override
      public Preview look(ExecutionContext context) {
        return look.look(context);
      }

      @Override
      public dev.kiwiops.core.reply.Reply run(ExecutionContext context) {
        return run.run(context);
      }
    };
  }
}

package dev.kiwiops.core.command;

import dev.kiwiops.core.reply.Reply;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an action's {@link Foresight} look: before its prompt ({@link #before}), and again right
 * before it runs ({@link #again}), on fresh reads (the server's cached reads are dropped first, so
 * that a stale cache cannot hide a change). A look that fails (throws) refuses: the action cannot
 * be checked.
 */
final class Previews {
  private static final Logger LOG = LoggerFactory.getLogger(Previews.class);

  private Previews() {}

  /**
   * The look before the prompt. The reads go through {@code context}'s port, which sees them for
   * the audit trail.
   */
  static Preview before(CommandSpec spec, Action action, ExecutionContext context) {
    return look(spec, action, context);
  }

  /**
   * What stops {@code action} right before it runs, as the reply to send instead; empty when it may
   * run. An action previewed before its prompt is looked at again on fresh reads: refused now, or a
   * watched value no longer the same, it stops. An action that was never previewed (it ran without
   * a prompt) is looked at once, as its prompt would have.
   */
  static Optional<Reply> again(CommandSpec spec, Action action, ExecutionContext context) {
    if (action.foresight().isEmpty()) {
      return Optional.empty();
    }
    if (action.preview().isEmpty()) {
      return look(spec, action, context) instanceof Preview.Refused refused
          ? Optional.of(refusal(refused))
          : Optional.empty();
    }
    action.server().ifPresent(server -> context.kiwi().forgetReads(server));
    Preview now = look(spec, action, context);
    if (now instanceof Preview.Refused refused) {
      return Optional.of(Reply.error("Nothing was sent: " + refused.why() + ASK_AGAIN));
    }
    List<Preview.Watched> then = action.preview().get().watched();
    List<Preview.Watched> current = ((Preview.Facts) now).watched();
    for (Preview.Watched before : then) {
      String value =
          current.stream()
              .filter(w -> w.what().equals(before.what()))
              .map(Preview.Watched::value)
              .findFirst()
              .orElse("unknown");
      if (!value.equals(before.value())) {
        return Optional.of(
            Reply.error(
                "Nothing was sent: "
                    + before.what()
                    + " changed since the prompt (it was "
                    + before.value()
                    + ", now "
                    + value
                    + ")."
                    + ASK_AGAIN));
      }
    }
    return Optional.empty();
  }

  private static final String ASK_AGAIN = " Ask again if it is still needed.";

  /** The reply of a look that refused before any prompt: nothing was changed. */
  static Reply refusal(Preview.Refused refused) {
    return Reply.error(refused.why() + " Nothing was changed.");
  }

  private static Preview look(CommandSpec spec, Action action, ExecutionContext context) {
    Foresight foresight = action.foresight().orElseThrow();
    try {
      return java.util.Objects.requireNonNull(foresight.look(context), "preview");
    } catch (RuntimeException e) {
      LOG.error("the checks of {} failed", spec.name(), e);
      return Preview.refused(
          "Something went wrong checking " + spec.name() + "; the error was logged.");
    }
  }
}

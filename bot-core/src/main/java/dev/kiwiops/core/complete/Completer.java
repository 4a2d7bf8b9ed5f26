package dev.kiwiops.core.complete;

import dev.kiwiops.core.Caller;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Completion candidates for one argument while a user types it (Discord autocomplete, a Telegram
 * menu). Answers come from data the bot already holds: cached KiwiVM reads, the alert store, the
 * access policy and the command catalogue. A completer never waits for KiwiVM; what it does not
 * hold yet it answers without (possibly nothing) and asks for in the background, so the next
 * keystroke may see more.
 *
 * <p>Only servers in the caller's scope for {@code permission} are ever offered or looked into.
 * Completions are a convenience: the command is validated and authorized again when it arrives.
 * Implementations are thread-safe and may be called from a platform's event thread.
 */
public interface Completer {

  /** The most choices Discord shows for one autocomplete request. */
  int DISCORD_LIMIT = 25;

  /**
   * The candidates for one argument.
   *
   * @param caller who is typing
   * @param permission the permission of the command being typed (its scope bounds the servers)
   * @param kind where the argument's candidates come from
   * @param server the server already chosen in the command, for per-server kinds
   * @param prefix what the user typed so far; matched case-insensitively at the start
   * @param limit at most this many choices (Discord allows {@value #DISCORD_LIMIT})
   * @return at most {@code limit} choices, best first; empty when there is nothing to offer
   */
  List<Choice> complete(
      Caller caller,
      String permission,
      Suggestions kind,
      Optional<String> server,
      String prefix,
      int limit);

  /**
   * One candidate.
   *
   * @param value what goes into the command when chosen
   * @param label what the user sees (the value with a hint, such as a snapshot's description)
   */
  record Choice(String value, String label) {
    public Choice {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(label, "label");
    }

    /** A choice labelled with its own value. */
    public static Choice of(String value) {
      return new Choice(value, value);
    }
  }
}

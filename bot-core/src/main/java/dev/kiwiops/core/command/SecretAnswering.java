package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Secret;

/**
 * The command that takes answers to the bot's private questions ({@code secret CODE <value>}),
 * reachable without a typed line too: {@link Dispatcher#answerSecret} hands it a value from a modal
 * or a private message, and its typed form goes through the same {@link #answer}.
 */
public interface SecretAnswering extends Command {

  /**
   * The action that uses {@code value} for the question {@code code} asked of {@code caller}; the
   * value is never kept in the action's audit arguments.
   *
   * @throws UsageException when the code is unknown, expired or someone else's
   */
  Action answer(Caller caller, String code, Secret value) throws UsageException;
}

package dev.kiwiops.core.command;

/**
 * One command of the catalogue. Parsing validates every argument without calling upstream and
 * returns the {@link Action} to run; the dispatcher checks access and confirmation in between.
 */
public interface Command {

  CommandSpec spec();

  /** Validates the arguments (after the command words) and binds them into an action. */
  Action parse(CommandInput input) throws UsageException;
}

package dev.kiwiops.core.command;

/**
 * The checks of an action that need KiwiVM data, made before its confirmation prompt: the reads go
 * through {@link ExecutionContext#kiwi()} (cached like any read, counted against the rate limit,
 * seen by the audit trail) and answer a {@link Preview}. The same look is taken again, with the
 * server's cached reads dropped, just before the confirmed action runs; if it is refused then, or a
 * watched value changed, nothing is sent.
 *
 * <p>An action has a foresight when its {@link Execution} is a {@link Foreseen}.
 */
@FunctionalInterface
public interface Foresight {
  Preview look(ExecutionContext context);
}

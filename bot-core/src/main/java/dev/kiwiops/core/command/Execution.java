package dev.kiwiops.core.command;

import dev.kiwiops.core.reply.Reply;

/** The body of an action: calls upstream and builds the reply. */
@FunctionalInterface
public interface Execution {
  Reply run(ExecutionContext context);
}

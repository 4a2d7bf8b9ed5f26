package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an authorized action: gives it a KiwiVM port of its own ({@link UpstreamCalls}), audits what
 * that port saw, and sends the reply. A failing action is logged and answered without details.
 */
final class ActionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

  private final KiwiVm kiwi;
  private final AuditRecorder audit;

  ActionRunner(KiwiVm kiwi, AuditRecorder audit) {
    this.kiwi = kiwi;
    this.audit = audit;
  }

  void run(
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      Action action,
      Conversation conversation,
      Decision decision,
      Instant started,
      String detail) {
    UpstreamCalls upstream = new UpstreamCalls(kiwi);
    ExecutionContext context = new ExecutionContext(caller, chat, conversation, upstream);
    Reply reply;
    String outcome;
    try {
      reply = action.execution().run(context);
      outcome = upstream.outcome();
    } catch (RuntimeException e) {
      LOG.error("command {} failed", spec.name(), e);
      reply =
          Reply.error("Something went wrong running " + spec.name() + "; the error was logged.");
      outcome = "internal-error";
    }
    audit.ran(
        caller, chat, AuditRecorder.Subject.of(spec, action), decision, outcome, started, detail);
    conversation.send(reply);
  }
}

package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an authorized action: gives it a KiwiVM port of its own ({@link UpstreamCalls}), audits what
 * that port saw, and sends the reply. A failing action is logged and answered without details. An
 * action with a {@link Foresight} is looked at again first ({@link Previews#again}): if what its
 * prompt showed no longer holds, nothing is sent.
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
      Optional<Reply> stop = Previews.again(spec, action, context);
      if (stop.isPresent()) {
        reply = stop.get();
        decision = action.preview().isPresent() ? Decision.CHANGED_AT_CONFIRM : Decision.REFUSED;
      } else {
        reply = action.execution().run(context);
      }
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

  /** What a look before the prompt found, and the audit outcome of its reads. */
  record Looked(Preview preview, String outcome) {}

  /** Takes {@code action}'s look before its prompt (it has a {@link Foresight}). */
  Looked preview(
      Caller caller, ChatRef chat, CommandSpec spec, Action action, Conversation conversation) {
    UpstreamCalls upstream = new UpstreamCalls(kiwi);
    ExecutionContext context = new ExecutionContext(caller, chat, conversation, upstream);
    Preview preview = Previews.before(spec, action, context);
    return new Looked(preview, upstream.outcome());
  }
}

package dev.kiwiops.core.command;

import static dev.kiwiops.core.command.Replies.NOTHING_SENT;
import static dev.kiwiops.core.command.Replies.describe;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Person;
import dev.kiwiops.core.command.AuditRecorder.Subject;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.PendingApproval;
import dev.kiwiops.core.confirm.PendingConfirmation;
import dev.kiwiops.core.confirm.Redemption;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirmations and four-eyes approvals: asking, then {@code confirm}, {@code cancel} and {@code
 * approve} by typed code or button token. Who may answer is decided against the policy in force
 * when the answer arrives, so a revoked permission stops a request asked for before.
 *
 * <p>Once the confirmation book hands an entry to one answer (atomically, so racing clicks win
 * once), the prompt is settled: when the answer came from a button, its message ({@code source}) is
 * edited to the outcome without buttons. An answer refused because it is someone else's leaves the
 * prompt as it is, for its owner.
 *
 * <p>The message of each open prompt is remembered with the conversation that sent it (in memory,
 * beside the book's entry, forgotten once the entry is answered or has lapsed). A prompt answered
 * by a typed code is edited the same way as a clicked one, and a prompt nobody answered in time is
 * edited to say it expired, without buttons, when {@link #recordLapsed} finds it (that may run on a
 * scheduler thread). Such an edit never fails the answer or the sweep: a failure is logged.
 */
final class ConfirmationFlow {
  private static final Logger LOG = LoggerFactory.getLogger(ConfirmationFlow.class);
  static final String EXPIRED = "Expired: nothing was sent.";
  static final String APPROVAL_EXPIRED = "Approval expired: nothing was sent.";

  private final ConfirmationBook book;
  private final Supplier<AccessPolicy> policies;
  private final AuditRecorder audit;
  private final ActionRunner runner;
  private final Clock clock;

  /** The open prompts by their request's token: the confirmation prompt, then the approval's. */
  private final Map<String, Prompt> prompts = new ConcurrentHashMap<>();

  ConfirmationFlow(
      ConfirmationBook book,
      Supplier<AccessPolicy> policies,
      AuditRecorder audit,
      ActionRunner runner,
      Clock clock) {
    this.book = book;
    this.policies = policies;
    this.audit = audit;
    this.runner = runner;
    this.clock = clock;
  }

  boolean needsConfirmation(CommandSpec spec) {
    return book.rules().needsConfirmation(spec);
  }

  /**
   * Asks {@code caller} to confirm an authorized action; nothing but reads is sent upstream yet. An
   * action with a {@link Foresight} looks first: refused, it is answered with the reason and no
   * prompt; otherwise the prompt shows what the look found.
   */
  void ask(
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      Action action,
      Conversation conversation,
      Instant started) {
    String outcome = AuditRecorder.NO_OUTCOME;
    if (action.foresight().isPresent()) {
      ActionRunner.Looked looked = runner.preview(caller, chat, spec, action, conversation);
      if (looked.preview() instanceof Preview.Refused refused) {
        audit.ran(
            caller,
            chat,
            Subject.of(spec, action),
            Decision.REFUSED,
            looked.outcome(),
            started,
            "");
        conversation.send(Previews.refusal(refused));
        return;
      }
      action = action.withPreview((Preview.Facts) looked.preview());
      outcome = looked.outcome();
    }
    PendingConfirmation pending = book.request(caller, chat, spec, action);
    if (!audit.decidedDurably(
        caller, chat, Subject.of(spec, action), Decision.PENDING, outcome, started)) {
      book.redeem(pending.token(), caller, chat);
      conversation.send(
          Reply.error(
              "The audit trail cannot be written right now, so "
                  + spec.name()
                  + " is paused."
                  + NOTHING_SENT));
      return;
    }
    remember(
        pending,
        conversation,
        conversation.send(Replies.confirmationPrompt(pending, book.rules())));
  }

  /** Audits the confirmations and approvals that expired unanswered. */
  void recordLapsed() {
    for (ConfirmationBook.Lapsed lapsed : book.drainLapsed()) {
      PendingConfirmation request = lapsed.request();
      boolean approval = lapsed.stage() == ConfirmationBook.Lapsed.Stage.APPROVAL;
      audit.decided(
          request.requester(),
          request.chat(),
          Subject.of(request.spec(), request.action()),
          approval ? Decision.APPROVAL_EXPIRED : Decision.EXPIRED,
          clock.instant(),
          approval ? "nobody approved in time" : "");
      Prompt prompt = prompts.remove(request.token());
      if (prompt != null) {
        prompt.edit(Replies.settled(Tone.INFO, approval ? APPROVAL_EXPIRED : EXPIRED));
      }
    }
  }

  void confirm(
      Caller caller,
      ChatRef chat,
      String code,
      Conversation conversation,
      Optional<Conversation.MessageHandle> source) {
    Instant started = clock.instant();
    Redemption redemption = book.redeem(code, caller, chat);
    if (redemption instanceof Redemption.Invalid invalid) {
      audit.decided(caller, chat, Subject.bare("confirm"), Decision.INVALID_CONFIRMATION, started);
      boolean awaitingApproval = book.findApproval(code, chat).isPresent();
      if (!invalid.notYours() && !awaitingApproval) {
        settle(conversation, source, Tone.INFO, invalid.reason());
      }
      conversation.send(
          Reply.error(
              awaitingApproval
                  ? "That request is already confirmed and waits for someone else to type `approve "
                      + code
                      + "`."
                  : invalid.reason() + NOTHING_SENT));
      return;
    }
    PendingConfirmation pending = ((Redemption.Redeemed) redemption).pending();
    CommandSpec spec = pending.spec();
    Action action = pending.action();
    Subject subject = Subject.of(spec, action);
    String what = describe(spec, action);
    if (!policies.get().allows(caller, spec.permission(), action.server())) {
      audit.decided(caller, chat, subject, Decision.DENIED_AT_CONFIRM, started);
      settle(
          conversation,
          source,
          pending,
          Tone.ERROR,
          "Not run: " + what + ". You are no longer allowed.");
      conversation.send(
          Reply.error("You are no longer allowed to run " + what + "." + NOTHING_SENT));
      return;
    }
    if (spec.secretReply() && !conversation.canReplyPrivately()) {
      // The answer goes to this conversation (or, once approved, to it as the requester's), which
      // need not be the one that was checked when the prompt was asked for.
      audit.decided(caller, chat, subject, Decision.REFUSED_PRIVATE, started, "at confirm");
      settle(conversation, source, pending, Tone.ERROR, "Not run: " + what + ".");
      conversation.send(Reply.error(Replies.cannotReplyPrivately(spec) + NOTHING_SENT));
      return;
    }
    if (book.rules().needsApproval(spec)) {
      PendingApproval approval = book.awaitApproval(pending, conversation);
      audit.decided(caller, chat, subject, Decision.AWAITING_APPROVAL, started);
      settle(
          conversation,
          source,
          pending,
          Tone.WARNING,
          "Confirmed: " + what + ". Waiting for approval.");
      remember(
          pending,
          conversation,
          conversation.send(Replies.approvalRequest(approval, book.rules())));
      return;
    }
    settle(conversation, source, pending, Tone.INFO, "Confirmed: " + what + ".");
    runner.run(caller, chat, spec, action, conversation, Decision.CONFIRMED, started, "");
  }

  void cancel(
      Caller caller,
      ChatRef chat,
      String code,
      Conversation conversation,
      Optional<Conversation.MessageHandle> source) {
    Instant started = clock.instant();
    Redemption redemption = book.redeem(code, caller, chat);
    if (redemption instanceof Redemption.Redeemed redeemed) {
      PendingConfirmation pending = redeemed.pending();
      audit.decided(
          caller, chat, Subject.of(pending.spec(), pending.action()), Decision.CANCELLED, started);
      String what = describe(pending);
      settle(conversation, source, pending, Tone.INFO, "Cancelled: " + what + ".");
      conversation.send(Reply.text("Cancelled: " + what + "." + NOTHING_SENT));
      return;
    }
    Redemption.Invalid invalid = (Redemption.Invalid) redemption;
    Optional<PendingApproval> approval = book.findApproval(code, chat);
    if (approval.isEmpty()) {
      audit.decided(caller, chat, Subject.bare("cancel"), Decision.INVALID_CONFIRMATION, started);
      if (!invalid.notYours()) {
        settle(conversation, source, Tone.INFO, invalid.reason());
      }
      conversation.send(Reply.error(invalid.reason() + NOTHING_SENT));
      return;
    }
    PendingApproval pending = approval.get();
    PendingConfirmation request = pending.request();
    Subject subject = Subject.of(request.spec(), request.action());
    String what = describe(request);
    AccessPolicy policy = policies.get();
    // The requester's other identities (the same person) withdraw it as the requester would.
    boolean requester = policy.people().samePerson(request.requester().user(), caller.user());
    if (!requester && !mayApprove(policy, caller, request)) {
      audit.decided(caller, chat, subject, Decision.CANCEL_REFUSED, started);
      conversation.send(
          Reply.error(
              "Only "
                  + request.requester().user()
                  + " or someone who may approve "
                  + what
                  + " can withdraw it."));
      return;
    }
    if (!book.take(pending)) {
      audit.decided(caller, chat, Subject.bare("cancel"), Decision.INVALID_CONFIRMATION, started);
      settle(conversation, source, Tone.INFO, ConfirmationBook.NO_LONGER_VALID);
      conversation.send(Reply.error(ConfirmationBook.NO_LONGER_VALID + NOTHING_SENT));
      return;
    }
    audit.decided(
        caller,
        chat,
        subject,
        requester ? Decision.CANCELLED : Decision.REJECTED,
        started,
        requester
            ? "withdrawn while awaiting approval"
            : "requested by " + request.requester().user());
    String outcome =
        requester
            ? "Withdrawn: " + what + "."
            : caller.user()
                + " rejected "
                + what
                + ", requested by "
                + request.requester().user()
                + ".";
    settle(conversation, source, request, Tone.INFO, outcome);
    conversation.send(Reply.text(outcome + NOTHING_SENT));
  }

  void approve(
      Caller caller,
      ChatRef chat,
      String code,
      Conversation conversation,
      Optional<Conversation.MessageHandle> source) {
    Instant started = clock.instant();
    Optional<PendingApproval> found = book.findApproval(code, chat);
    if (found.isEmpty()) {
      audit.decided(caller, chat, Subject.bare("approve"), Decision.INVALID_APPROVAL, started);
      String reason =
          "This approval request is no longer valid: it was already approved or withdrawn, it"
              + " expired, or it was made before a restart or a failover.";
      settle(conversation, source, Tone.INFO, reason);
      conversation.send(Reply.error(reason + NOTHING_SENT));
      return;
    }
    PendingApproval pending = found.get();
    PendingConfirmation request = pending.request();
    CommandSpec spec = request.spec();
    Action action = request.action();
    Subject subject = Subject.of(spec, action);
    String what = describe(spec, action);
    String needs = Replies.needs(spec, action);
    AccessPolicy policy = policies.get();
    if (request.requester().user().equals(caller.user())) {
      audit.decided(caller, chat, subject, Decision.APPROVAL_REFUSED, started, "self-approval");
      conversation.send(
          Reply.error(
              "You asked for "
                  + what
                  + " yourself; someone else with "
                  + needs
                  + " has to approve it. It expires "
                  + Units.relative(pending.expiresAt(), clock.instant())
                  + "."));
      return;
    }
    Optional<Person> samePerson = samePerson(policy, request.requester().user(), caller.user());
    if (samePerson.isPresent()) {
      String person = samePerson.get().name();
      audit.decided(
          caller, chat, subject, Decision.APPROVAL_REFUSED, started, "same person " + person);
      conversation.send(
          Reply.error(
              "Approval must come from someone else: "
                  + request.requester().user()
                  + " and "
                  + caller.user()
                  + " are both "
                  + person
                  + "."));
      return;
    }
    if (!mayApprove(policy, caller, request)) {
      audit.decided(
          caller, chat, subject, Decision.APPROVAL_REFUSED, started, "lacks " + spec.permission());
      conversation.send(
          Reply.error("You cannot approve " + what + ": approving it needs " + needs + "."));
      return;
    }
    String requester = request.requester().user().toString();
    if (!policy.allows(request.requester(), spec.permission(), action.server())) {
      book.take(pending);
      audit.decided(
          caller,
          chat,
          subject,
          Decision.DENIED_AT_APPROVAL,
          started,
          "requester " + requester + " no longer allowed");
      String voided =
          requester + " is no longer allowed to run " + what + ", so the request is void.";
      settle(conversation, source, request, Tone.ERROR, voided);
      conversation.send(Reply.error(voided + NOTHING_SENT));
      return;
    }
    if (!book.take(pending)) {
      audit.decided(caller, chat, Subject.bare("approve"), Decision.INVALID_APPROVAL, started);
      settle(conversation, source, Tone.INFO, "This approval request is no longer valid.");
      conversation.send(Reply.error("This approval request is no longer valid." + NOTHING_SENT));
      return;
    }
    audit.decided(
        caller, chat, subject, Decision.APPROVAL_GIVEN, started, "requested by " + requester);
    settle(
        conversation,
        source,
        request,
        Tone.SUCCESS,
        "Approved by " + caller.user() + ": " + what + ", requested by " + requester + ".");
    conversation.send(
        Reply.builder()
            .tone(Tone.SUCCESS)
            .text(
                "Approved "
                    + what
                    + ", requested by "
                    + requester
                    + ". Running it now; the result goes to the requester.")
            .build());
    runner.run(
        request.requester(),
        request.chat(),
        spec,
        action,
        pending.requesterConversation(),
        Decision.APPROVED,
        started,
        "approved by " + caller.user());
  }

  /**
   * The person behind both identities when they differ but belong to one configured person: four
   * eyes means two people, not two accounts of one.
   */
  private static Optional<Person> samePerson(AccessPolicy policy, Identity a, Identity b) {
    return a.equals(b) || !policy.people().samePerson(a, b)
        ? Optional.empty()
        : policy.people().of(a);
  }

  private static boolean mayApprove(
      AccessPolicy policy, Caller caller, PendingConfirmation request) {
    return policy.allows(caller, request.spec().permission(), request.action().server());
  }

  private void remember(
      PendingConfirmation request, Conversation conversation, Conversation.MessageHandle message) {
    if (message != null) {
      prompts.put(request.token(), new Prompt(conversation, message));
    }
  }

  /**
   * Edits the prompt of a request that was just answered to its outcome, without buttons: the
   * message the button was on, or else the prompt as it was sent (an answer typed with its code).
   */
  private void settle(
      Conversation conversation,
      Optional<Conversation.MessageHandle> source,
      PendingConfirmation request,
      Tone tone,
      String outcome) {
    Prompt prompt = prompts.remove(request.token());
    if (source.isPresent()) {
      settle(conversation, source, tone, outcome);
    } else if (prompt != null) {
      prompt.edit(Replies.settled(tone, outcome));
    }
  }

  /** Edits the prompt a button came from to its outcome, without buttons. */
  private static void settle(
      Conversation conversation,
      Optional<Conversation.MessageHandle> source,
      Tone tone,
      String outcome) {
    source.ifPresent(message -> conversation.edit(message, Replies.settled(tone, outcome)));
  }

  /** A prompt's message and the conversation that sent it. */
  private record Prompt(Conversation conversation, Conversation.MessageHandle message) {
    /** Replaces the prompt; a failure is logged, never thrown (the answer or sweep goes on). */
    void edit(Reply reply) {
      try {
        conversation.edit(message, reply);
      } catch (RuntimeException e) {
        LOG.warn("could not update the prompt {}: {}", message, e.toString());
      }
    }
  }
}

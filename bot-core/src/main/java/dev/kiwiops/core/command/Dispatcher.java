package dev.kiwiops.core.command;

import static dev.kiwiops.core.command.Replies.NOTHING_SENT;
import static dev.kiwiops.core.command.Replies.shortened;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.command.AuditRecorder.Subject;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The core's entry point for every chat line, button click and private answer: authorize, then run
 * (or ask for confirmation first). Adapters call {@link #handle}, {@link #click} and {@link
 * #answerSecret} and render what arrives at the {@link Conversation}; nothing here knows a
 * platform. Confirmations and approvals are {@link ConfirmationFlow}'s, audit lines {@link
 * AuditRecorder}'s, and every execution gets a KiwiVM port of its own whose answers are its audit
 * outcome.
 *
 * <p>Four-eyes approval (for permissions listed in {@link ConfirmationRules#approval()}): once the
 * requester confirms, the request waits in its chat for {@code approve CODE} (or the Approve
 * button) from a different person (an identity of no configured person is a person of its own) who
 * holds the same permission on that server; the requester (any of its person's identities, or
 * anyone who could approve) may withdraw it with {@code cancel CODE}. The result of the approved
 * action goes to the requester's conversation, so a secret reply reaches the requester and not the
 * approver.
 *
 * <p><b>Threads.</b> Every entry may be called concurrently from any number of threads; the state
 * they share (the confirmation book, the audit trail, the policy in force) is safe for that, and a
 * confirmation or approval is taken by exactly one of racing answers. Each call blocks until its
 * upstream calls are answered (KiwiVM may take seconds), so an adapter calls it from an executor of
 * its own, never from a platform's event or gateway thread. The {@link Conversation} passed in is
 * called on the calling thread while the call lasts, and may be called later from scheduler threads
 * (progress updates of long operations), and from another caller's thread (an approval runs the
 * request on the approver's thread and answers in the requester's conversation): conversations must
 * be safe to use from several threads.
 */
public final class Dispatcher {
  /** Words that answer a pending confirmation or approval with its code. */
  private static final Set<String> CODE_VERBS = Set.of("confirm", "cancel", "approve");

  private final CommandCatalog catalog;
  private final Supplier<AccessPolicy> policies;
  private final Fleet fleet;
  private final Clock clock;
  private final AuditRecorder audit;
  private final ActionRunner runner;
  private final ConfirmationFlow confirmations;

  /**
   * @param policies the access policy in force, asked once per line (an {@code AccessControl} for
   *     reloadable access, or a fixed {@link AccessPolicy})
   * @param kiwi the KiwiVM port; each execution calls it through its own auditing decorator
   */
  public Dispatcher(
      CommandCatalog catalog,
      Supplier<AccessPolicy> policies,
      ConfirmationBook confirmations,
      AuditTrail audit,
      Fleet fleet,
      KiwiVm kiwi,
      Clock clock) {
    this.catalog = catalog;
    this.policies = policies;
    this.fleet = fleet;
    this.clock = clock;
    this.audit = new AuditRecorder(audit, fleet, policies, clock);
    this.runner = new ActionRunner(kiwi, this.audit);
    this.confirmations = new ConfirmationFlow(confirmations, policies, this.audit, runner, clock);
  }

  /** Handles one line typed by {@code caller} in {@code chat}. */
  public void handle(Caller caller, ChatRef chat, String line, Conversation conversation) {
    recordLapsed();
    List<String> words;
    try {
      words = Tokenizer.split(line);
    } catch (UsageException e) {
      // Nothing of an unreadable line is kept: any of it may be a secret.
      audit.decided(caller, chat, Subject.bare("(unreadable)"), Decision.INVALID, clock.instant());
      conversation.send(Reply.error(shortened(e.getMessage())));
      return;
    }
    if (words.isEmpty()) {
      return;
    }
    String first = words.get(0).toLowerCase(Locale.ROOT);
    if (CODE_VERBS.contains(first) && words.size() != 2) {
      audit.decided(caller, chat, Subject.bare(first), Decision.INVALID, clock.instant());
      conversation.send(Reply.error("Usage: " + first + " CODE"));
      return;
    }
    Optional<Conversation.MessageHandle> typed = Optional.empty();
    switch (first) {
      case "confirm" -> confirmations.confirm(caller, chat, words.get(1), conversation, typed);
      case "cancel" -> confirmations.cancel(caller, chat, words.get(1), conversation, typed);
      case "approve" -> confirmations.approve(caller, chat, words.get(1), conversation, typed);
      default -> dispatch(caller, chat, words, conversation);
    }
  }

  /**
   * Handles one command that a platform delivered with typed options: the same validation, access
   * check, confirmation and audit as {@link #handle(Caller, ChatRef, String, Conversation)}, with
   * the values mapped onto the command's parameters in order instead of being re-tokenized. A name
   * the command does not have, or a missing value, is refused with the usage line before anything
   * is sent to KiwiVM.
   */
  public void handle(Caller caller, ChatRef chat, CommandCall call, Conversation conversation) {
    recordLapsed();
    Optional<CommandSpec> answer = PromptAnswers.find(call.words());
    if (answer.isPresent()) {
      String verb = answer.get().name();
      String code = call.values().get(PromptAnswers.CODE);
      if (code == null || call.values().size() != 1) {
        audit.decided(caller, chat, Subject.bare(verb), Decision.INVALID, clock.instant());
        conversation.send(Reply.error("Usage: " + verb + " CODE"));
        return;
      }
      Optional<Conversation.MessageHandle> typed = Optional.empty();
      switch (verb) {
        case "confirm" -> confirmations.confirm(caller, chat, code, conversation, typed);
        case "cancel" -> confirmations.cancel(caller, chat, code, conversation, typed);
        default -> confirmations.approve(caller, chat, code, conversation, typed);
      }
      return;
    }
    Instant started = clock.instant();
    AccessPolicy policy = policies.get();
    Optional<Command> match = catalog.find(call.words());
    if (match.isEmpty()) {
      List<String> words = new ArrayList<>(call.words());
      words.addAll(call.values().values());
      unknown(caller, chat, words.isEmpty() ? List.of("") : words, policy, started, conversation);
      return;
    }
    Command command = match.get();
    List<String> args;
    Optional<UsageException> unmapped;
    try {
      args = call.arguments(command.spec());
      unmapped = Optional.empty();
    } catch (UsageException e) {
      args = call.valuesForAudit();
      unmapped = Optional.of(e);
    }
    execute(caller, chat, command, args, unmapped, true, conversation, started, policy);
  }

  /**
   * Handles a click on a button of an earlier reply: {@code token} is the {@link Button#token()}
   * exactly as the adapter got it back from the platform. The click runs as {@code caller}, with
   * access checked again and audited as if typed; an unknown or forged token changes nothing. Once
   * a confirmation or approval prompt is settled by the click (confirmed, cancelled, approved, or
   * found no longer valid), {@code source} is edited through {@link Conversation#edit} to the
   * outcome, without buttons; a click refused because the prompt is someone else's leaves it.
   *
   * @param source the message that carried the button, when the adapter can edit it
   */
  public void click(
      Caller caller,
      ChatRef chat,
      String token,
      Conversation conversation,
      Optional<Conversation.MessageHandle> source) {
    recordLapsed();
    Optional<ButtonToken> decoded = ButtonToken.decode(token);
    if (decoded.isEmpty()) {
      // Nothing of the token is kept: it was not one of ours.
      audit.decided(caller, chat, Subject.bare("(button)"), Decision.INVALID, clock.instant());
      conversation.send(Reply.error("This button is not valid." + NOTHING_SENT));
      return;
    }
    ButtonToken button = decoded.get();
    switch (button.intent()) {
      case CONFIRM ->
          confirmations.confirm(caller, chat, button.fields().get(0), conversation, source);
      case CANCEL ->
          confirmations.cancel(caller, chat, button.fields().get(0), conversation, source);
      case APPROVE ->
          confirmations.approve(caller, chat, button.fields().get(0), conversation, source);
      case ACK, SNOOZE, RESOLVE ->
          dispatch(caller, chat, button.commandWords().orElseThrow(), conversation);
    }
  }

  /**
   * Answers a private question of the bot (see {@link Reply#secretRequest()}) with {@code value},
   * as the typed {@code secret CODE <value>} does. Refused, with nothing sent or kept, unless the
   * value arrived as private input: a modal (even one opened from a server channel) or a direct
   * message is; a message in a group chat is not. The value is never logged or audited.
   *
   * @param privateInput whether only the caller and the bot could see the value
   */
  public void answerSecret(
      Caller caller,
      ChatRef chat,
      String code,
      Secret value,
      boolean privateInput,
      Conversation conversation) {
    recordLapsed();
    Instant started = clock.instant();
    Optional<SecretAnswering> answering =
        catalog
            .match(List.of("secret"))
            .filter(SecretAnswering.class::isInstance)
            .map(SecretAnswering.class::cast);
    if (answering.isEmpty()) {
      audit.decided(caller, chat, Subject.bare("secret"), Decision.INVALID, started);
      conversation.send(Reply.error("This bot asks no secrets." + NOTHING_SENT));
      return;
    }
    CommandSpec spec = answering.get().spec();
    if (!privateInput) {
      audit.decided(caller, chat, Subject.bare(spec.name()), Decision.REFUSED_PRIVATE, started);
      conversation.send(
          Reply.error(
              "Send secrets only privately (a direct chat with the bot or its form). If you just"
                  + " sent a password where others can see it, change it."
                  + NOTHING_SENT));
      return;
    }
    Action action;
    try {
      action = answering.get().answer(caller, code, value);
    } catch (UsageException e) {
      audit.decided(
          caller,
          chat,
          audit.unparsed(spec.name(), List.of(code), e.auditArguments()),
          Decision.INVALID,
          started);
      conversation.send(Reply.error(shortened(e.getMessage())));
      return;
    }
    runner.run(caller, chat, spec, action, conversation, Decision.ALLOWED, started, "");
  }

  /**
   * Writes the confirmations and approvals that expired unanswered to the audit trail. Runs at the
   * start of every entry; a scheduler may also call it so that quiet chats are audited.
   */
  public void recordLapsed() {
    confirmations.recordLapsed();
  }

  private void dispatch(
      Caller caller, ChatRef chat, List<String> words, Conversation conversation) {
    Instant started = clock.instant();
    AccessPolicy policy = policies.get();
    Optional<Command> match = catalog.match(words);
    if (match.isEmpty()) {
      unknown(caller, chat, words, policy, started, conversation);
      return;
    }
    Command command = match.get();
    List<String> args = words.subList(command.spec().words().size(), words.size());
    execute(caller, chat, command, args, Optional.empty(), false, conversation, started, policy);
  }

  private void unknown(
      Caller caller,
      ChatRef chat,
      List<String> words,
      AccessPolicy policy,
      Instant started,
      Conversation conversation) {
    audit.decided(caller, chat, audit.unknown(words), Decision.INVALID, started);
    conversation.send(Reply.error(Replies.unknownCommand(catalog, policy, caller, words)));
  }

  /**
   * Authorize, then run or ask for confirmation: from a matched command on, every entry takes this
   * one path.
   *
   * @param unmapped why the named values of a structured call did not fit the command: refused like
   *     a parser's rejection, after the same access check
   * @param wholeRest whether a rest-of-line argument arrived whole (see {@link
   *     CommandInput#wholeRest()})
   */
  private void execute(
      Caller caller,
      ChatRef chat,
      Command command,
      List<String> args,
      Optional<UsageException> unmapped,
      boolean wholeRest,
      Conversation conversation,
      Instant started,
      AccessPolicy policy) {
    CommandSpec spec = command.spec();
    if (!spec.isOpenToAnyone() && !policy.allows(caller, spec.permission(), Optional.empty())) {
      audit.decided(
          caller,
          chat,
          audit.unparsed(spec.name(), args, Optional.empty()),
          Decision.DENIED,
          started);
      conversation.send(Replies.notAllowed(spec, Optional.empty()));
      return;
    }
    Action action;
    try {
      if (unmapped.isPresent()) {
        throw unmapped.get();
      }
      CommandInput input = input(caller, chat, spec, args, policy);
      action = command.parse(wholeRest ? input.withWholeRest() : input);
    } catch (UsageException e) {
      // A parser that rejects input may say which arguments are safe to keep (secrets masked);
      // otherwise everything after the server is withheld from the audit.
      audit.decided(
          caller,
          chat,
          audit.unparsed(spec.name(), args, e.auditArguments()),
          Decision.INVALID,
          started);
      conversation.send(Reply.error(shortened(e.getMessage()) + " Usage: " + spec.usage()));
      return;
    }
    Subject subject = Subject.of(spec, action);
    if (!spec.isOpenToAnyone() && !policy.allows(caller, spec.permission(), action.server())) {
      audit.decided(caller, chat, subject, Decision.DENIED, started);
      conversation.send(Replies.notAllowed(spec, Optional.of(action)));
      return;
    }
    if (spec.secretReply() && !conversation.canReplyPrivately()) {
      audit.decided(caller, chat, subject, Decision.REFUSED_PRIVATE, started);
      conversation.send(Reply.error(Replies.cannotReplyPrivately(spec)));
      return;
    }
    if (confirmations.needsConfirmation(spec)) {
      confirmations.ask(caller, chat, spec, action, conversation, started);
      return;
    }
    runner.run(caller, chat, spec, action, conversation, Decision.ALLOWED, started, "");
  }

  /** The whole scope costs a pass over the fleet per binding; a named server is checked alone. */
  private CommandInput input(
      Caller caller, ChatRef chat, CommandSpec spec, List<String> args, AccessPolicy policy) {
    return spec.isOpenToAnyone()
        ? new CommandInput(
            args, caller, chat, spec, fleet::find, s -> true, () -> List.copyOf(fleet.all()))
        : new CommandInput(
            args,
            caller,
            chat,
            spec,
            fleet::find,
            s -> policy.allows(caller, spec.permission(), Optional.of(s)),
            () -> policy.scope(caller, spec.permission()));
  }
}

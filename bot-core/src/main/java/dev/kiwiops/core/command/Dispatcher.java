package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.confirm.PendingApproval;
import dev.kiwiops.core.confirm.PendingConfirmation;
import dev.kiwiops.core.confirm.Redemption;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's entry point for every chat line and button click: parse, check access, ask for
 * confirmation (and approval) or run, audit. Adapters call {@link #handle} and render what arrives
 * at the {@link Conversation}; nothing here knows a platform.
 *
 * <p>A button click arrives as the text of its command and is handled exactly like typing it: the
 * only thing taken from a confirmation button is its opaque token, which names server-side state.
 * Access is decided against the policy in force when each line arrives, so a revoked permission
 * stops a confirmation or approval that was asked for before.
 *
 * <p>Four-eyes approval (for permissions listed in {@link ConfirmationRules#approval()}): once the
 * requester confirms, the request waits in its chat for {@code approve CODE} from a different
 * identity that holds the same permission on that server; the requester (or anyone who could
 * approve) may withdraw it with {@code cancel CODE}. The result of the approved action goes to the
 * requester's conversation, so a secret reply reaches the requester and not the approver.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final String NOTHING_SENT = " Nothing was sent to KiwiVM.";
  private static final int MAX_ERROR_CHARS = 300;

  /** Words that answer a pending confirmation or approval with its code. */
  private static final Set<String> CODE_VERBS = Set.of("confirm", "cancel", "approve");

  private final CommandCatalog catalog;
  private final Supplier<AccessPolicy> policies;
  private final ConfirmationBook confirmations;
  private final AuditTrail audit;
  private final Fleet fleet;
  private final Clock clock;

  /**
   * @param policies the access policy in force, asked once per line (an {@code AccessControl} for
   *     reloadable access, or a fixed {@link AccessPolicy})
   */
  public Dispatcher(
      CommandCatalog catalog,
      Supplier<AccessPolicy> policies,
      ConfirmationBook confirmations,
      AuditTrail audit,
      Fleet fleet,
      Clock clock) {
    this.catalog = catalog;
    this.policies = policies;
    this.confirmations = confirmations;
    this.audit = audit;
    this.fleet = fleet;
    this.clock = clock;
  }

  /** Handles one line typed (or one button clicked) by {@code caller} in {@code chat}. */
  public void handle(Caller caller, ChatRef chat, String line, Conversation conversation) {
    recordLapsed();
    List<String> words;
    try {
      words = Tokenizer.split(line);
    } catch (UsageException e) {
      // Nothing of an unreadable line is kept: any of it may be a secret.
      recordBare(caller, chat, "(unreadable)", "invalid", clock.instant());
      conversation.send(Reply.error(shortened(e.getMessage())));
      return;
    }
    if (words.isEmpty()) {
      return;
    }
    String first = words.get(0).toLowerCase(Locale.ROOT);
    if (CODE_VERBS.contains(first) && words.size() != 2) {
      recordBare(caller, chat, first, "invalid", clock.instant());
      conversation.send(Reply.error("Usage: " + first + " CODE"));
      return;
    }
    switch (first) {
      case "confirm" -> confirm(caller, chat, words.get(1), conversation);
      case "cancel" -> cancel(caller, chat, words.get(1), conversation);
      case "approve" -> approve(caller, chat, words.get(1), conversation);
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
        recordBare(caller, chat, verb, "invalid", clock.instant());
        conversation.send(Reply.error("Usage: " + verb + " CODE"));
        return;
      }
      switch (verb) {
        case "confirm" -> confirm(caller, chat, code, conversation);
        case "cancel" -> cancel(caller, chat, code, conversation);
        default -> approve(caller, chat, code, conversation);
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
   * Writes the confirmations and approvals that expired unanswered to the audit trail. Runs at the
   * start of every {@link #handle}; a scheduler may also call it so that quiet chats are audited.
   */
  public void recordLapsed() {
    for (ConfirmationBook.Lapsed lapsed : confirmations.drainLapsed()) {
      PendingConfirmation request = lapsed.request();
      boolean approval = lapsed.stage() == ConfirmationBook.Lapsed.Stage.APPROVAL;
      tryRecord(
          entry(
              request.requester(),
              request.chat(),
              request.spec().name(),
              request.action().server(),
              request.action().auditArguments(),
              approval ? "approval-expired" : "expired",
              "none",
              clock.instant(),
              approval ? "nobody approved in time" : ""));
    }
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
    tryRecord(
        entry(
            caller,
            chat,
            "(unknown)",
            Optional.empty(),
            withheld(words),
            "invalid",
            "none",
            started,
            ""));
    conversation.send(Reply.error(unknownCommand(policy, caller, words)));
  }

  /**
   * From a matched command on, both entries take this one path.
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
      recordUnparsed(caller, chat, spec, args, Optional.empty(), "denied", started);
      conversation.send(Reply.error("You are not allowed to run " + spec.name() + "."));
      return;
    }
    // The whole scope costs a pass over the fleet per binding; a named server is checked alone.
    CommandInput input =
        spec.isOpenToAnyone()
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
    Action action;
    try {
      if (unmapped.isPresent()) {
        throw unmapped.get();
      }
      action = command.parse(wholeRest ? input.withWholeRest() : input);
    } catch (UsageException e) {
      // A parser that rejects input may say which arguments are safe to keep (secrets masked);
      // otherwise everything after the server is withheld from the audit.
      recordUnparsed(caller, chat, spec, args, e.auditArguments(), "invalid", started);
      conversation.send(Reply.error(shortened(e.getMessage()) + " Usage: " + spec.usage()));
      return;
    }
    if (!spec.isOpenToAnyone() && !policy.allows(caller, spec.permission(), action.server())) {
      record(caller, chat, spec, action, "denied", "none", started, "");
      conversation.send(
          Reply.error(
              "You are not allowed to run "
                  + spec.name()
                  + action.server().map(s -> " on " + s.name()).orElse("")
                  + "."));
      return;
    }
    if (spec.secretReply() && !conversation.canReplyPrivately()) {
      record(caller, chat, spec, action, "refused-private", "none", started, "");
      conversation.send(Reply.error(cannotReplyPrivately(spec)));
      return;
    }
    if (confirmations.rules().needsConfirmation(spec)) {
      PendingConfirmation pending = confirmations.request(caller, chat, spec, action);
      if (!tryRecord(entry(caller, chat, spec, action, "pending", "none", started, ""))) {
        confirmations.redeem(pending.token(), caller, chat);
        conversation.send(
            Reply.error(
                "The audit trail cannot be written right now, so "
                    + spec.name()
                    + " is paused."
                    + NOTHING_SENT));
        return;
      }
      conversation.send(prompt(pending));
      return;
    }
    run(caller, chat, spec, action, conversation, "allowed", started, "");
  }

  private void confirm(Caller caller, ChatRef chat, String code, Conversation conversation) {
    Instant started = clock.instant();
    Redemption redemption = confirmations.redeem(code, caller, chat);
    if (redemption instanceof Redemption.Invalid invalid) {
      recordBare(caller, chat, "confirm", "invalid-confirmation", started);
      boolean awaitingApproval = confirmations.findApproval(code, chat).isPresent();
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
    AccessPolicy policy = policies.get();
    if (!policy.allows(caller, spec.permission(), action.server())) {
      record(caller, chat, spec, action, "denied-at-confirm", "none", started, "");
      conversation.send(
          Reply.error(
              "You are no longer allowed to run " + describe(spec, action) + "." + NOTHING_SENT));
      return;
    }
    if (spec.secretReply() && !conversation.canReplyPrivately()) {
      // The answer goes to this conversation (or, once approved, to it as the requester's), which
      // need not be the one that was checked when the prompt was asked for.
      record(caller, chat, spec, action, "refused-private", "none", started, "at confirm");
      conversation.send(Reply.error(cannotReplyPrivately(spec) + NOTHING_SENT));
      return;
    }
    if (confirmations.rules().needsApproval(spec)) {
      PendingApproval approval = confirmations.awaitApproval(pending, conversation);
      record(caller, chat, spec, action, "awaiting-approval", "none", started, "");
      conversation.send(approvalRequest(approval));
      return;
    }
    run(caller, chat, spec, action, conversation, "confirmed", started, "");
  }

  private void cancel(Caller caller, ChatRef chat, String code, Conversation conversation) {
    Instant started = clock.instant();
    Redemption redemption = confirmations.redeem(code, caller, chat);
    if (redemption instanceof Redemption.Redeemed redeemed) {
      PendingConfirmation pending = redeemed.pending();
      record(caller, chat, pending.spec(), pending.action(), "cancelled", "none", started, "");
      conversation.send(
          Reply.text(
              "Cancelled: "
                  + describe(pending.spec(), pending.action())
                  + ". Nothing was sent to KiwiVM."));
      return;
    }
    Optional<PendingApproval> approval = confirmations.findApproval(code, chat);
    if (approval.isEmpty()) {
      recordBare(caller, chat, "cancel", "invalid-confirmation", started);
      conversation.send(Reply.error(((Redemption.Invalid) redemption).reason() + NOTHING_SENT));
      return;
    }
    PendingApproval pending = approval.get();
    PendingConfirmation request = pending.request();
    boolean requester = request.requester().user().equals(caller.user());
    if (!requester && !mayApprove(policies.get(), caller, request)) {
      record(caller, chat, request.spec(), request.action(), "cancel-refused", "none", started, "");
      conversation.send(
          Reply.error(
              "Only "
                  + request.requester().user()
                  + " or someone who may approve "
                  + describe(request.spec(), request.action())
                  + " can withdraw it."));
      return;
    }
    if (!confirmations.take(pending)) {
      recordBare(caller, chat, "cancel", "invalid-confirmation", started);
      conversation.send(Reply.error(ConfirmationBook.NO_LONGER_VALID + NOTHING_SENT));
      return;
    }
    record(
        caller,
        chat,
        request.spec(),
        request.action(),
        requester ? "cancelled" : "rejected",
        "none",
        started,
        requester
            ? "withdrawn while awaiting approval"
            : "requested by " + request.requester().user());
    String what = describe(request.spec(), request.action());
    conversation.send(
        Reply.text(
            (requester
                    ? "Withdrawn: " + what + "."
                    : caller.user()
                        + " rejected "
                        + what
                        + ", requested by "
                        + request.requester().user()
                        + ".")
                + NOTHING_SENT));
  }

  private void approve(Caller caller, ChatRef chat, String code, Conversation conversation) {
    Instant started = clock.instant();
    Optional<PendingApproval> found = confirmations.findApproval(code, chat);
    if (found.isEmpty()) {
      recordBare(caller, chat, "approve", "invalid-approval", started);
      conversation.send(
          Reply.error(
              "This approval request is no longer valid: it was already approved or withdrawn, it"
                  + " expired, or it was made before a restart."
                  + NOTHING_SENT));
      return;
    }
    PendingApproval pending = found.get();
    PendingConfirmation request = pending.request();
    CommandSpec spec = request.spec();
    Action action = request.action();
    String what = describe(spec, action);
    String needs = needs(spec, action);
    AccessPolicy policy = policies.get();
    if (request.requester().user().equals(caller.user())) {
      record(caller, chat, spec, action, "approval-refused", "none", started, "self-approval");
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
    if (!mayApprove(policy, caller, request)) {
      record(
          caller,
          chat,
          spec,
          action,
          "approval-refused",
          "none",
          started,
          "lacks " + spec.permission());
      conversation.send(
          Reply.error("You cannot approve " + what + ": approving it needs " + needs + "."));
      return;
    }
    if (!policy.allows(request.requester(), spec.permission(), action.server())) {
      confirmations.take(pending);
      record(
          caller,
          chat,
          spec,
          action,
          "denied-at-approval",
          "none",
          started,
          "requester " + request.requester().user() + " no longer allowed");
      conversation.send(
          Reply.error(
              request.requester().user()
                  + " is no longer allowed to run "
                  + what
                  + ", so the request is void."
                  + NOTHING_SENT));
      return;
    }
    if (!confirmations.take(pending)) {
      recordBare(caller, chat, "approve", "invalid-approval", started);
      conversation.send(Reply.error("This approval request is no longer valid." + NOTHING_SENT));
      return;
    }
    record(
        caller,
        chat,
        spec,
        action,
        "approval-given",
        "none",
        started,
        "requested by " + request.requester().user());
    conversation.send(
        Reply.builder()
            .tone(Tone.SUCCESS)
            .text(
                "Approved "
                    + what
                    + ", requested by "
                    + request.requester().user()
                    + ". Running it now; the result goes to the requester.")
            .build());
    run(
        request.requester(),
        request.chat(),
        spec,
        action,
        pending.requesterConversation(),
        "approved",
        started,
        "approved by " + caller.user());
  }

  private static boolean mayApprove(
      AccessPolicy policy, Caller caller, PendingConfirmation request) {
    return policy.allows(caller, request.spec().permission(), request.action().server());
  }

  private void run(
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      Action action,
      Conversation conversation,
      String decision,
      Instant started,
      String detail) {
    ExecutionContext context = new ExecutionContext(caller, chat, conversation);
    Reply reply;
    String outcome;
    try {
      reply = action.execution().run(context);
      outcome = context.upstreamOutcome();
    } catch (RuntimeException e) {
      LOG.error("command {} failed", spec.name(), e);
      reply =
          Reply.error("Something went wrong running " + spec.name() + "; the error was logged.");
      outcome = "internal-error";
    }
    tryRecord(entry(caller, chat, spec, action, decision, outcome, started, detail));
    conversation.send(reply);
  }

  private static String cannotReplyPrivately(CommandSpec spec) {
    return spec.name()
        + " answers with a secret, which cannot be sent to you privately from here."
        + " Run it in a direct chat with the bot.";
  }

  private Reply prompt(PendingConfirmation pending) {
    String what = describe(pending.spec(), pending.action());
    String approvalNote =
        confirmations.rules().needsApproval(pending.spec())
            ? "After you confirm, someone else with "
                + needs(pending.spec(), pending.action())
                + " must approve it.\n"
            : "";
    return Reply.builder()
        .tone(Tone.WARNING)
        .title("Confirm " + what + "?")
        .text(
            (pending.action().warning().isEmpty() ? "" : pending.action().warning() + "\n")
                + approvalNote
                + "Type `confirm "
                + pending.code()
                + "` within "
                + humanDuration(confirmations.rules().ttl())
                + ", or `cancel "
                + pending.code()
                + "`.")
        .button(new Button("Confirm", "confirm " + pending.token(), Button.Style.DANGER))
        .button(new Button("Cancel", "cancel " + pending.token(), Button.Style.SECONDARY))
        .build();
  }

  private Reply approvalRequest(PendingApproval approval) {
    PendingConfirmation request = approval.request();
    String what = describe(request.spec(), request.action());
    return Reply.builder()
        .tone(Tone.WARNING)
        .title("Approval needed: " + what)
        .text(
            request.requester().user()
                + " confirmed "
                + what
                + ". Someone else with "
                + needs(request.spec(), request.action())
                + " types `approve "
                + approval.code()
                + "` here within "
                + humanDuration(confirmations.rules().approvalTtl())
                + "; `cancel "
                + approval.code()
                + "` withdraws it. Nothing has been sent to KiwiVM yet.")
        .button(new Button("Approve", "approve " + approval.token(), Button.Style.DANGER))
        .button(new Button("Cancel", "cancel " + approval.token(), Button.Style.SECONDARY))
        .build();
  }

  private static String needs(CommandSpec spec, Action action) {
    return "permission "
        + spec.permission()
        + action.server().map(s -> " on " + s.name()).orElse("");
  }

  private static String describe(CommandSpec spec, Action action) {
    return (spec.name() + " " + String.join(" ", action.auditArguments())).strip();
  }

  private static String humanDuration(Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0 && s >= 3600) {
      return (s / 3600) + " h";
    }
    return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
  }

  private String unknownCommand(AccessPolicy policy, Caller caller, List<String> words) {
    List<Command> group = catalog.group(words.get(0));
    if (!group.isEmpty()) {
      List<String> subs =
          group.stream()
              .filter(
                  c ->
                      c.spec().isOpenToAnyone()
                          || policy.allows(caller, c.spec().permission(), Optional.empty()))
              .map(c -> c.spec().words().size() > 1 ? c.spec().words().get(1) : "")
              .filter(s -> !s.isEmpty())
              .toList();
      if (!subs.isEmpty()) {
        return "Usage: "
            + words.get(0).toLowerCase(Locale.ROOT)
            + " "
            + String.join("|", subs)
            + " …";
      }
    }
    return shortened("Unknown command '" + words.get(0) + "'. Type help for the list.");
  }

  /**
   * An error that quotes what the user typed, cut in the middle when that was very long, so the
   * reply stays one short line and keeps its end (what was wrong with the value).
   */
  static String shortened(String message) {
    if (message.length() <= MAX_ERROR_CHARS) {
      return message;
    }
    int headEnd = MAX_ERROR_CHARS * 2 / 3;
    int tailStart = message.length() - MAX_ERROR_CHARS / 3;
    if (Character.isLowSurrogate(message.charAt(headEnd))) {
      headEnd--;
    }
    if (Character.isLowSurrogate(message.charAt(tailStart))) {
      tailStart++;
    }
    return message.substring(0, headEnd) + "…" + message.substring(tailStart);
  }

  /**
   * Arguments that no command has parsed yet may hold a secret (a token pasted by someone not
   * allowed to run the command), and only the command knows which: keep a leading fleet name,
   * withhold the rest.
   */
  private List<String> withheld(List<String> args) {
    List<String> shown = new ArrayList<>();
    int from = 0;
    if (!args.isEmpty() && fleet.find(args.get(0)).isPresent()) {
      shown.add(args.get(0));
      from = 1;
    }
    int rest = args.size() - from;
    if (rest > 0) {
      shown.add("[" + rest + (rest == 1 ? " word" : " words") + " withheld]");
    }
    return shown;
  }

  private void recordUnparsed(
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      List<String> args,
      Optional<List<String>> masked,
      String decision,
      Instant started) {
    Optional<FleetServer> server = args.isEmpty() ? Optional.empty() : fleet.find(args.get(0));
    List<String> shown = masked.orElseGet(() -> withheld(args));
    tryRecord(entry(caller, chat, spec.name(), server, shown, decision, "none", started, ""));
  }

  private void recordBare(
      Caller caller, ChatRef chat, String command, String decision, Instant started) {
    tryRecord(
        entry(caller, chat, command, Optional.empty(), List.of(), decision, "none", started, ""));
  }

  private void record(
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      Action action,
      String decision,
      String outcome,
      Instant started,
      String detail) {
    tryRecord(entry(caller, chat, spec, action, decision, outcome, started, detail));
  }

  private AuditEntry entry(
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      Action action,
      String decision,
      String outcome,
      Instant started,
      String detail) {
    return entry(
        caller,
        chat,
        spec.name(),
        action.server(),
        action.auditArguments(),
        decision,
        outcome,
        started,
        detail);
  }

  private AuditEntry entry(
      Caller caller,
      ChatRef chat,
      String command,
      Optional<FleetServer> server,
      List<String> arguments,
      String decision,
      String outcome,
      Instant started,
      String detail) {
    List<String> shown =
        server.isPresent() && !arguments.isEmpty() && arguments.get(0).equals(server.get().name())
            ? arguments.subList(1, arguments.size())
            : arguments;
    return new AuditEntry(
        started,
        caller.user().toString(),
        chat.toString(),
        command,
        server.map(FleetServer::name),
        String.join(" ", shown),
        decision,
        outcome,
        Duration.between(started, clock.instant()),
        detail);
  }

  /** Records an entry; a failing audit store is logged and reported as {@code false}. */
  private boolean tryRecord(AuditEntry entry) {
    try {
      audit.record(entry);
      return true;
    } catch (RuntimeException e) {
      LOG.error(
          "audit trail unavailable; lost entry: {} {} by {}",
          entry.command(),
          entry.decision(),
          entry.identity(),
          e);
      return false;
    }
  }
}

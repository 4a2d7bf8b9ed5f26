package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.PendingConfirmation;
import dev.kiwiops.core.confirm.Redemption;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's entry point for every chat line and button click: parse, check access, ask for
 * confirmation or run, audit. Adapters call {@link #handle} and render what arrives at the {@link
 * Conversation}; nothing here knows a platform.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final CommandCatalog catalog;
  private final AccessPolicy policy;
  private final ConfirmationBook confirmations;
  private final AuditTrail audit;
  private final Fleet fleet;
  private final Clock clock;

  public Dispatcher(
      CommandCatalog catalog,
      AccessPolicy policy,
      ConfirmationBook confirmations,
      AuditTrail audit,
      Fleet fleet,
      Clock clock) {
    this.catalog = catalog;
    this.policy = policy;
    this.confirmations = confirmations;
    this.audit = audit;
    this.fleet = fleet;
    this.clock = clock;
  }

  /** Handles one line typed (or one button clicked) by {@code caller} in {@code chat}. */
  public void handle(Caller caller, ChatRef chat, String line, Conversation conversation) {
    List<String> words;
    try {
      words = Tokenizer.split(line);
    } catch (UsageException e) {
      conversation.send(Reply.error(e.getMessage()));
      return;
    }
    if (words.isEmpty()) {
      return;
    }
    String first = words.get(0).toLowerCase(Locale.ROOT);
    switch (first) {
      case "confirm" -> redeem(caller, chat, words, conversation, true);
      case "cancel" -> redeem(caller, chat, words, conversation, false);
      default -> dispatch(caller, chat, words, conversation);
    }
  }

  private void dispatch(
      Caller caller, ChatRef chat, List<String> words, Conversation conversation) {
    Optional<Command> match = catalog.match(words);
    if (match.isEmpty()) {
      conversation.send(Reply.error(unknownCommand(caller, words)));
      return;
    }
    Command command = match.get();
    CommandSpec spec = command.spec();
    List<String> args = words.subList(spec.words().size(), words.size());
    Instant started = clock.instant();
    List<FleetServer> scope =
        spec.isOpenToAnyone() ? List.copyOf(fleet.all()) : policy.scope(caller, spec.permission());
    if (!spec.isOpenToAnyone() && !policy.allows(caller, spec.permission(), Optional.empty())) {
      record(caller, chat, spec, Optional.empty(), args, "denied", "none", started);
      conversation.send(Reply.error("You are not allowed to run " + spec.name() + "."));
      return;
    }
    Action action;
    try {
      action = command.parse(new CommandInput(args, caller, chat, spec, fleet::find, scope));
    } catch (UsageException e) {
      record(
          caller,
          chat,
          spec,
          Optional.empty(),
          e.auditArguments().orElse(args),
          "invalid",
          "none",
          started);
      conversation.send(Reply.error(e.getMessage() + "\nUsage: " + spec.usage()));
      return;
    }
    if (!spec.isOpenToAnyone() && !policy.allows(caller, spec.permission(), action.server())) {
      record(
          caller, chat, spec, action.server(), action.auditArguments(), "denied", "none", started);
      conversation.send(
          Reply.error(
              "You are not allowed to run "
                  + spec.name()
                  + action.server().map(s -> " on " + s.name()).orElse("")
                  + "."));
      return;
    }
    if (spec.secretReply() && !conversation.canReplyPrivately()) {
      record(
          caller,
          chat,
          spec,
          action.server(),
          action.auditArguments(),
          "refused-private",
          "none",
          started);
      conversation.send(
          Reply.error(
              spec.name()
                  + " answers with a secret, which cannot be sent to you privately from here."
                  + " Run it in a direct chat with the bot."));
      return;
    }
    if (spec.confirm()) {
      PendingConfirmation pending = confirmations.request(caller, chat, spec, action);
      record(
          caller, chat, spec, action.server(), action.auditArguments(), "pending", "none", started);
      conversation.send(prompt(pending));
      return;
    }
    run(caller, chat, spec, action, conversation, "allowed", started);
  }

  private void redeem(
      Caller caller, ChatRef chat, List<String> words, Conversation conversation, boolean confirm) {
    String verb = confirm ? "confirm" : "cancel";
    if (words.size() != 2) {
      conversation.send(Reply.error("Usage: " + verb + " CODE"));
      return;
    }
    Instant started = clock.instant();
    Redemption redemption = confirmations.redeem(words.get(1), caller, chat);
    if (redemption instanceof Redemption.Invalid invalid) {
      audit.record(
          new AuditEntry(
              started,
              caller.user().toString(),
              chat.toString(),
              verb,
              Optional.empty(),
              "",
              "invalid-confirmation",
              "none",
              Duration.ZERO));
      conversation.send(Reply.error(invalid.reason() + " Nothing was sent to KiwiVM."));
      return;
    }
    PendingConfirmation pending = ((Redemption.Redeemed) redemption).pending();
    CommandSpec spec = pending.spec();
    Action action = pending.action();
    if (!confirm) {
      record(
          caller,
          chat,
          spec,
          action.server(),
          action.auditArguments(),
          "cancelled",
          "none",
          started);
      conversation.send(Reply.text("Cancelled: " + describe(spec, action) + ". Nothing was sent."));
      return;
    }
    if (!policy.allows(caller, spec.permission(), action.server())) {
      record(
          caller,
          chat,
          spec,
          action.server(),
          action.auditArguments(),
          "denied-at-confirm",
          "none",
          started);
      conversation.send(
          Reply.error(
              "You are no longer allowed to run " + spec.name() + ". Nothing was sent to KiwiVM."));
      return;
    }
    run(caller, chat, spec, action, conversation, "confirmed", started);
  }

  private void run(
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      Action action,
      Conversation conversation,
      String decision,
      Instant started) {
    ExecutionContext context = new ExecutionContext(caller, chat, conversation);
    Reply reply;
    try {
      reply = action.execution().run(context);
    } catch (RuntimeException e) {
      LOG.error("command {} failed", spec.name(), e);
      reply =
          Reply.error("Something went wrong running " + spec.name() + "; the error was logged.");
      record(
          caller,
          chat,
          spec,
          action.server(),
          action.auditArguments(),
          decision,
          "internal-error",
          started);
      conversation.send(reply);
      return;
    }
    record(
        caller,
        chat,
        spec,
        action.server(),
        action.auditArguments(),
        decision,
        context.upstreamOutcome(),
        started);
    conversation.send(reply);
  }

  private Reply prompt(PendingConfirmation pending) {
    String what = describe(pending.spec(), pending.action());
    Reply.Builder reply =
        Reply.builder()
            .tone(Tone.WARNING)
            .title("Confirm " + what + "?")
            .text(
                (pending.action().warning().isEmpty() ? "" : pending.action().warning() + "\n")
                    + "Type `confirm "
                    + pending.code()
                    + "` within "
                    + humanSeconds(confirmations.ttl())
                    + ", or `cancel "
                    + pending.code()
                    + "`.")
            .button(new Button("Confirm", "confirm " + pending.token(), Button.Style.DANGER))
            .button(new Button("Cancel", "cancel " + pending.token(), Button.Style.SECONDARY));
    return reply.build();
  }

  private static String describe(CommandSpec spec, Action action) {
    return (spec.name() + " " + String.join(" ", action.auditArguments())).strip();
  }

  private static String humanSeconds(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
  }

  private String unknownCommand(Caller caller, List<String> words) {
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
    return "Unknown command '" + words.get(0) + "'. Type help for the list.";
  }

  private void record(
      Caller caller,
      ChatRef chat,
      CommandSpec spec,
      Optional<FleetServer> server,
      List<String> arguments,
      String decision,
      String outcome,
      Instant started) {
    List<String> shown =
        server.isPresent() && !arguments.isEmpty() && arguments.get(0).equals(server.get().name())
            ? arguments.subList(1, arguments.size())
            : arguments;
    audit.record(
        new AuditEntry(
            started,
            caller.user().toString(),
            chat.toString(),
            spec.name(),
            server.map(FleetServer::name),
            String.join(" ", shown),
            decision,
            outcome,
            Duration.between(started, clock.instant())));
  }
}

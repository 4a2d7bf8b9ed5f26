package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.confirm.PendingApproval;
import dev.kiwiops.core.confirm.PendingConfirmation;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The dispatcher's own wording: prompts, refusals, and what a settled prompt turns into. */
final class Replies {
  static final String NOTHING_SENT = " Nothing was sent to KiwiVM.";
  private static final int MAX_ERROR_CHARS = 300;

  private Replies() {}

  static String describe(CommandSpec spec, Action action) {
    return (spec.name() + " " + String.join(" ", action.auditArguments())).strip();
  }

  static String describe(PendingConfirmation request) {
    return describe(request.spec(), request.action());
  }

  static String needs(CommandSpec spec, Action action) {
    return "permission "
        + spec.permission()
        + action.server().map(s -> " on " + s.name()).orElse("");
  }

  static Reply notAllowed(CommandSpec spec, Optional<Action> action) {
    return Reply.error(
        "You are not allowed to run "
            + spec.name()
            + action.flatMap(Action::server).map(s -> " on " + s.name()).orElse("")
            + ".");
  }

  static String cannotReplyPrivately(CommandSpec spec) {
    return spec.name()
        + " answers with a secret, which cannot be sent to you privately from here."
        + " Run it in a direct chat with the bot.";
  }

  static Reply confirmationPrompt(PendingConfirmation pending, ConfirmationRules rules) {
    String what = describe(pending);
    String approvalNote =
        rules.needsApproval(pending.spec())
            ? "After you confirm, someone else with "
                + needs(pending.spec(), pending.action())
                + " must approve it.\n"
            : "";
    return Reply.builder()
        .tone(Tone.WARNING)
        .title("Confirm " + what + "?")
        .text(
            facts(pending.action())
                + (pending.action().warning().isEmpty() ? "" : pending.action().warning() + "\n")
                + approvalNote
                + "Type `confirm "
                + pending.code()
                + "` within "
                + Units.span(rules.ttl())
                + ", or `cancel "
                + pending.code()
                + "`.")
        .button(Button.of("Confirm", ButtonToken.confirm(pending.token()), Button.Style.DANGER))
        .button(Button.of("Cancel", ButtonToken.cancel(pending.token()), Button.Style.SECONDARY))
        .build();
  }

  /** What the action's look found, a line each ({@code • }), or nothing. */
  private static String facts(Action action) {
    StringBuilder out = new StringBuilder();
    action
        .preview()
        .ifPresent(
            facts -> facts.lines().forEach(line -> out.append("• ").append(line).append('\n')));
    return out.toString();
  }

  static Reply approvalRequest(PendingApproval approval, ConfirmationRules rules) {
    PendingConfirmation request = approval.request();
    String what = describe(request);
    return Reply.builder()
        .tone(Tone.WARNING)
        .title("Approval needed: " + what)
        .text(
            facts(request.action())
                + request.requester().user()
                + " confirmed "
                + what
                + ". Someone else with "
                + needs(request.spec(), request.action())
                + " types `approve "
                + approval.code()
                + "` here within "
                + Units.span(rules.approvalTtl())
                + "; `cancel "
                + approval.code()
                + "` withdraws it. Nothing has been sent to KiwiVM yet.")
        .button(Button.of("Approve", ButtonToken.approve(approval.token()), Button.Style.DANGER))
        .button(Button.of("Cancel", ButtonToken.cancel(approval.token()), Button.Style.SECONDARY))
        .build();
  }

  /** What a prompt whose buttons were used becomes: the outcome in one line, no buttons. */
  static Reply settled(Tone tone, String text) {
    return Reply.builder().tone(tone).text(text).build();
  }

  static String unknownCommand(
      CommandCatalog catalog, AccessPolicy policy, Caller caller, List<String> words) {
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
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.SecretAnswering;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.reply.Reply;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code secret CODE <value>}: answers a question of {@link SecretPrompts}, typed or (through
 * {@code Dispatcher.answerSecret}) from private input. Typed, it is accepted only in a direct chat
 * with the bot; the value is never shown, stored or audited (the audit line is {@code secret CODE
 * ******}). Open to anyone so that help lists it, but a code only works for the user it was given
 * to, who must still hold the asking command's permission.
 */
final class SecretCommand implements SecretAnswering {
  private static final CommandSpec SPEC =
      CommandSpec.builder("secret")
          .parameter(Parameter.required("code", ParamKind.CODE, "the code of the bot's question"))
          .parameter(
              Parameter.required("value", ParamKind.TEXT, "the answer; never shown or stored")
                  .asSecret())
          .summary("answer the bot's private question for a password (direct chat only)")
          .openToAnyone()
          .examples("secret K7F2QA 'the remote root password'")
          .build();
  private static final String MASK = Secret.of("").toString();

  private final SecretPrompts prompts;
  private final Supplier<AccessPolicy> policy;

  SecretCommand(SecretPrompts prompts, Supplier<AccessPolicy> policy) {
    this.prompts = prompts;
    this.policy = policy;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Action parse(CommandInput input) throws UsageException {
    List<String> args = input.args();
    List<String> masked =
        args.isEmpty()
            ? List.of()
            : args.size() == 1 ? List.of(args.get(0)) : List.of(args.get(0), MASK);
    if (args.size() != 2 || args.get(1).isEmpty()) {
      throw new UsageException("Give the code and the value (quote a value with spaces).", masked);
    }
    if (!input.chat().direct()) {
      throw new UsageException(
          "Send secrets only in a direct chat with the bot. If you just sent a password here,"
              + " others can see it: change it.",
          masked);
    }
    return answer(input.caller(), args.get(0), Secret.of(args.get(1)));
  }

  @Override
  public Action answer(Caller caller, String code, Secret value) throws UsageException {
    List<String> masked = List.of(code, MASK);
    Optional<SecretPrompts.Pending> pending = prompts.redeem(code, caller.user());
    if (pending.isEmpty()) {
      throw new UsageException("That code is unknown, expired or not yours.", masked);
    }
    SecretPrompts.Pending p = pending.get();
    return new Action(
        Optional.of(p.server()),
        List.of(p.server().name(), code, MASK),
        List.of(p.server().name(), code, MASK),
        "",
        ctx -> {
          if (!policy.get().allows(ctx.caller(), p.permission(), Optional.of(p.server()))) {
            return Reply.error("You are no longer allowed to do this. Nothing was sent to KiwiVM.");
          }
          return p.then().apply(value).run(ctx);
        });
  }
}

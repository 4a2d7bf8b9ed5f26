package dev.kiwiops.core.command;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code confirm CODE}, {@code cancel CODE} and {@code approve CODE}: the answers to a prompt. They
 * are no commands of the catalogue (the dispatcher settles them itself), but a platform registers
 * them like commands, so they are described the same way.
 */
public final class PromptAnswers {
  /** The name of their one parameter. */
  public static final String CODE = "code";

  public static final CommandSpec CONFIRM = answer("confirm", "run a command you asked for");
  public static final CommandSpec CANCEL = answer("cancel", "withdraw a command you asked for");
  public static final CommandSpec APPROVE =
      answer("approve", "approve someone else's command (four-eyes)");

  public static final List<CommandSpec> ALL = List.of(CONFIRM, CANCEL, APPROVE);

  private PromptAnswers() {}

  /** The answer named by {@code words}, if they are one ({@code ["confirm"]}). */
  public static Optional<CommandSpec> find(List<String> words) {
    if (words.size() != 1) {
      return Optional.empty();
    }
    String word = words.get(0).toLowerCase(Locale.ROOT);
    return ALL.stream().filter(s -> s.name().equals(word)).findFirst();
  }

  private static CommandSpec answer(String word, String summary) {
    return CommandSpec.builder(word)
        .parameter(Parameter.required(CODE, ParamKind.CODE, "the code of the prompt, or its token"))
        .summary(summary)
        .openToAnyone()
        .examples(word + " K7F2QA")
        .build();
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.reply.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code help [command…]}: lists only what the caller may run, with examples. */
public final class HelpCommand implements Command {
  private static final CommandSpec SPEC =
      CommandSpec.builder("help")
          .parameter(
              Parameter.optional("command", ParamKind.COMMAND, "a command or group to explain")
                  .toEnd())
          .summary("what you can run here")
          .openToAnyone()
          .examples("help", "help power")
          .build();

  private final Supplier<Collection<Command>> commands;
  private final Supplier<AccessPolicy> policy;

  public HelpCommand(Supplier<Collection<Command>> commands, Supplier<AccessPolicy> policy) {
    this.commands = commands;
    this.policy = policy;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Action parse(CommandInput input) throws UsageException {
    List<Command> allowed =
        commands.get().stream()
            .filter(
                c ->
                    c.spec().isOpenToAnyone()
                        || policy
                            .get()
                            .allows(input.caller(), c.spec().permission(), Optional.empty()))
            .toList();
    // A platform sends the topic as one value ("power kill"), the console as words.
    List<String> topic =
        input.args().stream()
            .flatMap(a -> Arrays.stream(a.strip().split("\\s+")))
            .filter(w -> !w.isEmpty())
            .map(w -> w.toLowerCase(Locale.ROOT).replace('-', '_'))
            .toList();
    List<Command> shown =
        topic.isEmpty()
            ? allowed
            : allowed.stream()
                .filter(
                    c -> startsWith(c.spec().words(), topic) || startsWith(topic, c.spec().words()))
                .toList();
    if (!topic.isEmpty() && shown.isEmpty()) {
      throw new UsageException(
          "No command '" + String.join(" ", topic) + "' that you may run. Type help for the list.");
    }
    // Only the command words are kept for the audit trail: whatever was typed after them may be a
    // secret ("help secret CODE password") and help never reads it.
    int kept =
        shown.stream()
            .mapToInt(c -> Math.min(c.spec().words().size(), topic.size()))
            .max()
            .orElse(0);
    return Action.of(
        Optional.empty(), topic.subList(0, kept), ctx -> render(shown, !topic.isEmpty()));
  }

  private static Reply render(List<Command> shown, boolean detailed) {
    List<List<String>> rows = new ArrayList<>();
    StringBuilder parameters = new StringBuilder();
    StringBuilder examples = new StringBuilder();
    for (Command c : shown) {
      CommandSpec s = c.spec();
      String flags =
          (s.confirm() ? " (asks to confirm)" : "") + (s.secretReply() ? " (private)" : "");
      rows.add(List.of(s.usage(), s.summary() + flags));
      if (detailed) {
        s.parameters()
            .forEach(
                p ->
                    parameters
                        .append("  ")
                        .append(s.name())
                        .append(' ')
                        .append(p.syntax())
                        .append(": ")
                        .append(p.description())
                        .append('\n'));
        s.examples().forEach(e -> examples.append("  ").append(e).append('\n'));
      }
    }
    Reply.Builder reply =
        Reply.builder()
            .title("Commands you can run")
            .table(List.of("command", "what it does"), rows);
    if (detailed && parameters.length() > 0) {
      reply.text("Parameters:\n" + parameters.toString().stripTrailing());
    }
    if (detailed && examples.length() > 0) {
      reply.text("Examples:\n" + examples.toString().stripTrailing());
    } else if (!detailed) {
      reply.text("`help <command>` shows examples. Destructive commands ask for `confirm CODE`.");
    }
    return reply.build();
  }

  private static boolean startsWith(List<String> list, List<String> prefix) {
    return list.size() >= prefix.size() && list.subList(0, prefix.size()).equals(prefix);
  }
}

package dev.kiwiops.discord;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCall;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.PromptAnswers;
import dev.kiwiops.core.complete.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that turns the core's catalogue into slash commands, and a slash invocation back
 * into what the core takes. The first command word is the slash command, a second word a
 * subcommand; the command's typed parameters are options (numbers, ports and record ids as
 * integers, on/off and {@code --flags} as booleans, fixed values as choices), the server option is
 * {@code server} everywhere. A first word that is both a command and a group ({@code alerts},
 * {@code alerts ack}) gets the bare command as the subcommand {@code show}. {@code confirm}, {@code
 * cancel} and {@code approve} are commands too, for codes typed instead of clicked.
 */
final class CatalogueSlashes {
  static final int MAX_DESCRIPTION = 100;
  static final String BARE_SUBCOMMAND = "show";

  private final List<SlashCommand> commands;
  private final Map<String, Target> targets = new LinkedHashMap<>();

  /** What a slash invocation runs: the core's command words and how to read its options. */
  record Target(
      List<String> words, List<SlashOption> options, boolean secretReply, String permission) {}

  private final boolean autocomplete;

  /**
   * @param autocomplete whether options with a source of suggestions ask the bot while the user
   *     types (only when a {@code Completer} answers them)
   */
  CatalogueSlashes(CommandCatalog catalog, boolean autocomplete) {
    this.autocomplete = autocomplete;
    Map<String, List<CommandSpec>> byFirst = new LinkedHashMap<>();
    for (Command command : catalog.all()) {
      CommandSpec spec = command.spec();
      byFirst.computeIfAbsent(spec.words().get(0), k -> new ArrayList<>()).add(spec);
    }
    List<SlashCommand> built = new ArrayList<>();
    for (Map.Entry<String, List<CommandSpec>> group : byFirst.entrySet()) {
      built.add(slash(group.getKey(), group.getValue()));
    }
    for (CommandSpec answer : PromptAnswers.ALL) {
      if (!byFirst.containsKey(answer.words().get(0))) {
        built.add(slash(answer.words().get(0), List.of(answer)));
      }
    }
    this.commands = List.copyOf(built);
  }

  List<SlashCommand> commands() {
    return commands;
  }

  /** The target of {@code /name [sub]}, or empty when it is not ours. */
  Optional<Target> resolve(String name, String subcommand) {
    String key = subcommand == null ? name : name + " " + subcommand;
    return Optional.ofNullable(targets.get(key));
  }

  /**
   * The structured call the core takes: the command words and each given option by its parameter
   * name, values whole (never re-tokenized); Discord's booleans become {@code on}/{@code off} for
   * on/off parameters, and flags stay {@code true}/{@code false}.
   */
  static CommandCall call(Target target, Map<String, String> values) {
    Map<String, String> named = new LinkedHashMap<>();
    for (SlashOption option : target.options()) {
      String value = values.get(option.name());
      if (value != null) {
        named.put(
            option.name(), option.onOff() ? (Boolean.parseBoolean(value) ? "on" : "off") : value);
      }
    }
    return new CommandCall(target.words(), named);
  }

  private SlashCommand slash(String first, List<CommandSpec> specs) {
    if (specs.size() == 1 && specs.get(0).words().size() == 1) {
      CommandSpec spec = specs.get(0);
      List<SlashOption> options = options(spec, autocomplete);
      targets.put(first, new Target(spec.words(), options, spec.secretReply(), spec.permission()));
      return new SlashCommand(first, describe(spec), options, List.of());
    }
    List<SlashCommand.Sub> subs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (CommandSpec spec : specs) {
      String sub =
          spec.words().size() == 1
              ? BARE_SUBCOMMAND
              : String.join("-", spec.words().subList(1, spec.words().size()));
      List<SlashOption> options = options(spec, autocomplete);
      subs.add(new SlashCommand.Sub(sub, describe(spec), options, spec.words()));
      targets.put(
          first + " " + sub,
          new Target(spec.words(), options, spec.secretReply(), spec.permission()));
      names.add(sub);
    }
    return new SlashCommand(first, fit(first + ": " + String.join(", ", names)), List.of(), subs);
  }

  private static String describe(CommandSpec spec) {
    return fit(spec.summary().isBlank() ? spec.name() : spec.summary());
  }

  static String fit(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.isEmpty()) {
      return "-";
    }
    return flat.length() <= MAX_DESCRIPTION ? flat : flat.substring(0, MAX_DESCRIPTION - 1) + "…";
  }

  /** The options of a spec, from its typed parameters. */
  static List<SlashOption> options(CommandSpec spec, boolean autocomplete) {
    List<SlashOption> options = new ArrayList<>();
    for (Parameter p : spec.parameters()) {
      SlashOption.Kind kind =
          switch (p.kind()) {
            case FLAG, ON_OFF -> SlashOption.Kind.BOOLEAN;
            case NUMBER, PORT, RECORD_ID -> SlashOption.Kind.INTEGER;
            default -> SlashOption.Kind.STRING;
          };
      boolean onOff = p.kind() == ParamKind.ON_OFF;
      List<String> choices = kind == SlashOption.Kind.STRING ? p.choices() : List.of();
      boolean suggest =
          autocomplete
              && kind == SlashOption.Kind.STRING
              && choices.isEmpty()
              && p.suggestions() != Suggestions.NONE;
      String description =
          p.rest()
              ? fit(p.description() + " (the rest of the line, as typed)")
              : fit(p.description());
      if (p.rest() && description.length() == MAX_DESCRIPTION) {
        description = fit(p.description());
      }
      options.add(
          new SlashOption(
              p.name(),
              description,
              kind,
              p.required(),
              choices,
              suggest,
              p.kind() == ParamKind.FLAG ? "--" + p.name() : "",
              p.rest(),
              onOff,
              p.suggestions()));
    }
    return options;
  }
}

package dev.kiwiops.discord;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
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
  private static final List<String> CODE_VERBS = List.of("confirm", "cancel", "approve");

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
    for (String verb : CODE_VERBS) {
      if (!byFirst.containsKey(verb)) {
        List<SlashOption> code =
            List.of(
                new SlashOption(
                    "code",
                    "the code of the prompt",
                    SlashOption.Kind.STRING,
                    true,
                    List.of(),
                    false,
                    "",
                    false,
                    false,
                    Suggestions.NONE));
        built.add(new SlashCommand(verb, verb + " a pending request by its code", code, List.of()));
        targets.put(verb, new Target(List.of(verb), code, false, ""));
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
   * The command line the core parses: the words, then each given option in usage order, quoted so
   * the core's tokenizer reads it back as one word; a rest-of-line option goes in as typed.
   */
  static String line(Target target, Map<String, String> values) {
    StringBuilder line = new StringBuilder(String.join(" ", target.words()));
    for (SlashOption option : target.options()) {
      String value = values.get(option.name());
      if (value == null) {
        continue;
      }
      if (!option.flag().isEmpty()) {
        if (Boolean.parseBoolean(value)) {
          line.append(' ').append(option.flag());
        }
      } else if (option.onOff()) {
        line.append(' ').append(Boolean.parseBoolean(value) ? "on" : "off");
      } else if (option.rest()) {
        line.append(' ').append(value);
      } else {
        line.append(' ').append(quote(value));
      }
    }
    return line.toString();
  }

  /**
   * Quotes a value for the core's tokenizer: double quotes around everything but double quotes,
   * which go inside single quotes; adjacent quoted parts join into one word.
   */
  static String quote(String value) {
    if (value.isEmpty()) {
      return "\"\"";
    }
    StringBuilder out = new StringBuilder();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        if (run.length() > 0) {
          out.append('"').append(run).append('"');
          run.setLength(0);
        }
        out.append("'\"'");
      } else {
        run.append(c);
      }
    }
    if (run.length() > 0) {
      out.append('"').append(run).append('"');
    }
    return out.toString();
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

package dev.kiwiops.core.command;

import dev.kiwiops.core.complete.Suggestions;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One argument of a command, described as data: the usage line, {@code help}, Discord's slash
 * options and the structured entry ({@link CommandCall}) are all generated from it.
 *
 * @param name the option name, legal on every platform ({@link #NAME}): {@code server}, {@code
 *     file}
 * @param kind what sort of value it takes
 * @param required whether the command needs it (a leading {@code server} may still be left out when
 *     the caller's scope holds exactly one server)
 * @param choices the only values it accepts, or empty for any value of its kind
 * @param suggestions where a platform's autocomplete takes candidates from
 * @param secret whether the value is a secret: masked in the audit trail and never echoed
 * @param rest whether it takes the rest of the line (only the last parameter may)
 * @param description one short line for help and for platforms (at most {@link #MAX_DESCRIPTION}
 *     characters)
 */
public record Parameter(
    String name,
    ParamKind kind,
    boolean required,
    List<String> choices,
    Suggestions suggestions,
    boolean secret,
    boolean rest,
    String description) {

  /** Names every platform accepts: Telegram's command names, Discord's option names. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");

  /** Discord's limit for a description. */
  public static final int MAX_DESCRIPTION = 100;

  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    choices = List.copyOf(choices);
    Objects.requireNonNull(suggestions, "suggestions");
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("parameter name not legal on every platform: " + name);
    }
    if (description.isBlank() || description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException(
          "parameter " + name + " needs a description of 1 to " + MAX_DESCRIPTION + " characters");
    }
    if (kind == ParamKind.FLAG && (required || rest || !choices.isEmpty())) {
      throw new IllegalArgumentException("a flag is optional, one word, without choices: " + name);
    }
  }

  /** A required parameter whose suggestions follow from its kind. */
  public static Parameter required(String name, ParamKind kind, String description) {
    return new Parameter(
        name, kind, true, List.of(), defaultSuggestions(kind), false, false, description);
  }

  /** An optional parameter whose suggestions follow from its kind. */
  public static Parameter optional(String name, ParamKind kind, String description) {
    return new Parameter(
        name, kind, false, List.of(), defaultSuggestions(kind), false, false, description);
  }

  /** The leading {@code <server>} of most commands: a fleet name in the caller's scope. */
  public static Parameter server() {
    return required("server", ParamKind.SERVER, "the server (a fleet name)");
  }

  /** A {@code --name} switch. */
  public static Parameter flag(String name, String description) {
    return optional(name, ParamKind.FLAG, description);
  }

  /** This parameter, accepting only {@code values}. */
  public Parameter choices(String... values) {
    return new Parameter(
        name, kind, required, List.of(values), suggestions, secret, rest, description);
  }

  /** This parameter, with its completions taken from {@code from}. */
  public Parameter suggest(Suggestions from) {
    return new Parameter(name, kind, required, choices, from, secret, rest, description);
  }

  /** This parameter, holding a secret. */
  public Parameter asSecret() {
    return new Parameter(name, kind, required, choices, suggestions, true, rest, description);
  }

  /** This parameter, taking the rest of the line. */
  public Parameter toEnd() {
    return new Parameter(name, kind, required, choices, suggestions, secret, true, description);
  }

  /**
   * How the usage line writes it: {@code <server>}, {@code [period]}, {@code on|off}, {@code
   * <command…>}, {@code [--screen]}.
   */
  public String syntax() {
    if (kind == ParamKind.FLAG) {
      return "[--" + name + "]";
    }
    String inner = choices.isEmpty() ? name + (rest ? "…" : "") : String.join("|", choices);
    if (!required) {
      return "[" + inner + "]";
    }
    return choices.isEmpty() ? "<" + inner + ">" : inner;
  }

  private static Suggestions defaultSuggestions(ParamKind kind) {
    return switch (kind) {
      case SERVER -> Suggestions.SERVERS;
      case SNAPSHOT_FILE -> Suggestions.SNAPSHOT_FILES;
      case OS_TEMPLATE -> Suggestions.OS_TEMPLATES;
      case ISO -> Suggestions.ISOS;
      case LOCATION -> Suggestions.LOCATIONS;
      case BACKUP_TOKEN -> Suggestions.BACKUP_TOKENS;
      case ALERT_ID -> Suggestions.ALERT_IDS;
      case COMMAND -> Suggestions.COMMANDS;
      default -> Suggestions.NONE;
    };
  }
}

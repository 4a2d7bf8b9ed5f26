package dev.kiwiops.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A command as a chat platform delivers it when it has typed options (Discord's slash commands and
 * modals): the command words and each parameter's value by name. Values are taken whole, never
 * split or unquoted again, so {@code p'w"d} or a value with spaces arrives as given.
 *
 * @param words the command words ({@code ["snapshot", "sticky"]})
 * @param values each given parameter's value by its {@link Parameter#name()}
 */
public record CommandCall(List<String> words, Map<String, String> values) {
  public CommandCall {
    words = List.copyOf(words);
    values = Map.copyOf(values);
  }

  /**
   * The arguments in the command's parameter order, as the command's parser takes them after the
   * command words. A parameter left out is skipped; a flag that is on becomes {@code --name}; an
   * on/off value may also be {@code true} or {@code false}.
   *
   * @throws UsageException for a name the command does not have, a missing required value (the
   *     leading server excepted: the parser defaults it when the caller's scope holds one server),
   *     or a flag that is neither on nor off
   */
  public List<String> arguments(CommandSpec spec) throws UsageException {
    TreeSet<String> unknown = new TreeSet<>(values.keySet());
    spec.parameters().forEach(p -> unknown.remove(p.name()));
    if (!unknown.isEmpty()) {
      throw new UsageException(
          spec.name()
              + " has no parameter '"
              + unknown.first()
              + "'"
              + (spec.parameters().isEmpty() ? "." : " (it takes " + names(spec) + ")."));
    }
    List<String> arguments = new ArrayList<>();
    for (Parameter p : spec.parameters()) {
      String value = values.get(p.name());
      if (p.kind() == ParamKind.FLAG) {
        if (value != null && isOn(p, value)) {
          arguments.add("--" + p.name());
        }
      } else if (value != null && p.kind() == ParamKind.ON_OFF) {
        arguments.add(onOff(value));
      } else if (value != null) {
        arguments.add(value);
      } else if (p.required() && p.kind() != ParamKind.SERVER) {
        throw new UsageException("Missing " + p.name() + ".");
      }
    }
    return arguments;
  }

  /** The given values, a leading server first: what the audit may show of a call it refused. */
  List<String> valuesForAudit() {
    List<String> shown = new ArrayList<>();
    String server = values.get("server");
    if (server != null) {
      shown.add(server);
    }
    values.entrySet().stream()
        .filter(e -> !e.getKey().equals("server"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> shown.add(e.getValue()));
    return shown;
  }

  /**
   * A platform may offer on/off as a boolean: {@code true} and {@code false} read as on and off.
   */
  private static String onOff(String value) {
    return switch (value) {
      case "true" -> "on";
      case "false" -> "off";
      default -> value;
    };
  }

  private static boolean isOn(Parameter p, String value) throws UsageException {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes" -> true;
      case "false", "off", "no" -> false;
      default -> throw new UsageException("Say on or off for " + p.name() + ".");
    };
  }

  private static String names(CommandSpec spec) {
    return String.join(", ", spec.parameters().stream().map(Parameter::name).toList());
  }
}

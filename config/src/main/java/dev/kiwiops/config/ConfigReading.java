package dev.kiwiops.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every {@link ConfigNode} of one file shares while it is read: the file's name and folder,
 * the environment for {@code ${NAME}}, the problems found so far and the values that came from
 * {@code ${…}} (which are never printed).
 */
final class ConfigReading {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

  private final String file;
  private final Path folder;
  private final Function<String, String> environment;
  private final List<ConfigProblem> problems = new ArrayList<>();

  /** Values that came from {@code ${…}}, with the references they came from: never printed. */
  private final Map<String, String> substituted = new LinkedHashMap<>();

  ConfigReading(String file, Path folder, Function<String, String> environment) {
    this.file = file;
    this.folder = folder;
    this.environment = environment;
  }

  Path folder() {
    return folder;
  }

  /** The problems found so far, ordered by line (in the order found within a line). */
  List<ConfigProblem> problems() {
    List<ConfigProblem> byLine = new ArrayList<>(problems);
    byLine.sort(java.util.Comparator.comparingInt(ConfigProblem::line));
    return byLine;
  }

  /** Records {@code message} at {@code line}, masked by {@link #scrub}. */
  void problem(int line, String message) {
    problems.add(new ConfigProblem(file, line, scrub(message)));
  }

  /** True when {@code value} came from a {@code ${…}} reference. */
  boolean substituted(String value) {
    return substituted.containsKey(value);
  }

  /**
   * Expands {@code ${NAME}} and {@code ${file:PATH}}; a missing one is a problem of {@code where}
   * at {@code line}, never printed.
   */
  Optional<String> resolve(String raw, int line, String where) {
    Matcher m = REFERENCE.matcher(raw);
    StringBuilder out = new StringBuilder();
    List<String> references = new ArrayList<>();
    boolean ok = true;
    while (m.find()) {
      String ref = m.group(1);
      references.add("${" + ref + "}");
      String replacement;
      if (ref.startsWith("file:")) {
        Path p = folder.resolve(ref.substring(5));
        try {
          replacement = ConfigText.secretFile(p);
        } catch (IOException e) {
          // The path is printed as written (a file name is no secret; scrubbing would mangle it).
          problems.add(
              new ConfigProblem(
                  file, line, scrub(where) + ": secret file " + p + " " + e.getMessage()));
          replacement = "";
          ok = false;
        }
      } else {
        replacement = environment.apply(ref);
        if (replacement == null) {
          problem(line, where + ": environment variable " + ref + " is not set");
          replacement = "";
          ok = false;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    if (!references.isEmpty()) {
      substituted.put(out.toString(), String.join(" and ", references));
      substituted.put(out.toString().strip(), String.join(" and ", references));
    }
    return ok ? Optional.of(out.toString()) : Optional.empty();
  }

  /**
   * How a value is quoted in a problem: never a value that came from {@code ${…}} (the reference is
   * named instead), never one shaped like a key or token (pasted into the wrong field), and never
   * more than a short excerpt.
   */
  String shown(String value) {
    String reference = substituted.get(value);
    if (reference != null) {
      return "the value of " + reference;
    }
    if (Secrets.looksLikeSecret(value)) {
      return "a value that looks like a key or token (not shown)";
    }
    return "'" + Secrets.excerpt(value) + "'";
  }

  /** Like {@link #shown} for a number, which reads better without quotes. */
  String bare(String number) {
    String quoted = shown(number);
    return quoted.startsWith("'") ? number : quoted;
  }

  /** Last line of defence for messages built elsewhere (parsers' exceptions): masks secrets. */
  String scrub(String message) {
    String result = message;
    for (Map.Entry<String, String> e : substituted.entrySet()) {
      if (e.getKey().length() >= Secrets.MIN_MASKED && result.contains(e.getKey())) {
        result = result.replace(e.getKey(), "(the value of " + e.getValue() + ")");
      }
    }
    return Secrets.maskTokens(result);
  }
}

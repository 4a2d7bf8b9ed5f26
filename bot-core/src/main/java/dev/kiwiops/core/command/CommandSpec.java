package dev.kiwiops.core.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outside of one command: its words ({@code power kill}), its parameters as data, permission,
 * and the safety flags of the catalogue. Built with {@link #builder(String)}; the usage line and
 * {@code help} are generated from the parameters, and so are the platforms' typed options.
 *
 * <p>Every spec is legal on every platform: command words and parameter names match {@link
 * Parameter#NAME}, the summary fits {@link Parameter#MAX_DESCRIPTION} characters, parameter names
 * are unique, required parameters come before optional ones, only the last takes the rest of the
 * line, and there are at most {@link #MAX_PARAMETERS}.
 */
public final class CommandSpec {
  /** Discord's limit of options per command. */
  public static final int MAX_PARAMETERS = 25;

  private final List<String> words;
  private final List<Parameter> parameters;
  private final String summary;
  private final String permission;
  private final boolean confirm;
  private final boolean secretReply;
  private final List<String> examples;

  private CommandSpec(Builder b) {
    this.words = List.copyOf(b.words);
    this.parameters = List.copyOf(b.parameters);
    this.summary = b.summary;
    this.permission = b.permission == null ? String.join(".", b.words) : b.permission;
    this.confirm = b.confirm;
    this.secretReply = b.secretReply;
    this.examples = List.copyOf(b.examples);
  }

  /**
   * Starts a spec for {@code words} (separated by single spaces). Its permission is the words
   * joined by dots unless {@link Builder#permission} or {@link Builder#openToAnyone} says
   * otherwise.
   */
  public static Builder builder(String words) {
    return new Builder(List.of(words.split(" ", -1)));
  }

  /** The command words as typed ({@code ["power", "kill"]}). */
  public List<String> words() {
    return words;
  }

  /** The arguments after the command words, in order. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** One line for {@code help}. */
  public String summary() {
    return summary;
  }

  /** The permission name, or empty for commands anyone may run. */
  public String permission() {
    return permission;
  }

  /** Whether the command waits for {@code confirm CODE} before running. */
  public boolean confirm() {
    return confirm;
  }

  /** Whether the reply holds a secret and may only be delivered privately. */
  public boolean secretReply() {
    return secretReply;
  }

  /** Example invocations for {@code help <command>}. */
  public List<String> examples() {
    return examples;
  }

  /** The command words joined by spaces: {@code power kill}. */
  public String name() {
    return String.join(" ", words);
  }

  /** The argument syntax generated from the parameters: {@code <server> <file> on|off}. */
  public String arguments() {
    return parameters.stream().map(Parameter::syntax).collect(Collectors.joining(" "));
  }

  /** The one-line usage: {@code power kill <server>}. */
  public String usage() {
    return parameters.isEmpty() ? name() : name() + " " + arguments();
  }

  public boolean isOpenToAnyone() {
    return permission.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommandSpec s
        && words.equals(s.words)
        && parameters.equals(s.parameters)
        && summary.equals(s.summary)
        && permission.equals(s.permission)
        && confirm == s.confirm
        && secretReply == s.secretReply
        && examples.equals(s.examples);
  }

  @Override
  public int hashCode() {
    return Objects.hash(words, parameters, summary, permission, confirm, secretReply, examples);
  }

  @Override
  public String toString() {
    return "CommandSpec[" + usage() + "]";
  }

  /** Builds a {@link CommandSpec}; {@link #build} refuses one a platform would not accept. */
  public static final class Builder {
    private final List<String> words;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<String> examples = new ArrayList<>();
    private String summary = "";
    private String permission;
    private boolean confirm;
    private boolean secretReply;

    private Builder(List<String> words) {
      this.words = words;
    }

    /** Adds the next parameter. */
    public Builder parameter(Parameter parameter) {
      parameters.add(Objects.requireNonNull(parameter, "parameter"));
      return this;
    }

    /** Adds the leading {@code <server>} parameter ({@link Parameter#server()}). */
    public Builder server() {
      return parameter(Parameter.server());
    }

    public Builder summary(String summary) {
      this.summary = Objects.requireNonNull(summary, "summary");
      return this;
    }

    /** A permission other than the command words joined by dots. */
    public Builder permission(String permission) {
      this.permission = Objects.requireNonNull(permission, "permission");
      return this;
    }

    /** No permission needed: anyone may run it. */
    public Builder openToAnyone() {
      this.permission = "";
      return this;
    }

    /** The command waits for {@code confirm CODE}. */
    public Builder confirm() {
      this.confirm = true;
      return this;
    }

    /** The reply holds a secret: delivered only privately. */
    public Builder secretReply() {
      this.secretReply = true;
      return this;
    }

    public Builder examples(String... examples) {
      this.examples.addAll(List.of(examples));
      return this;
    }

    public CommandSpec build() {
      if (words.isEmpty() || words.size() > 3) {
        throw new IllegalArgumentException("a command has 1 to 3 words: " + words);
      }
      for (String word : words) {
        if (!Parameter.NAME.matcher(word).matches()) {
          throw new IllegalArgumentException("command word not legal on every platform: " + word);
        }
      }
      String name = String.join(" ", words);
      if (summary.isBlank() || summary.length() > Parameter.MAX_DESCRIPTION) {
        throw new IllegalArgumentException(
            name + " needs a summary of 1 to " + Parameter.MAX_DESCRIPTION + " characters");
      }
      if (parameters.size() > MAX_PARAMETERS) {
        throw new IllegalArgumentException(name + " has more than " + MAX_PARAMETERS + " options");
      }
      Set<String> seen = new HashSet<>();
      boolean optionalSeen = false;
      for (int i = 0; i < parameters.size(); i++) {
        Parameter p = parameters.get(i);
        if (!seen.add(p.name())) {
          throw new IllegalArgumentException(name + " names two parameters " + p.name());
        }
        if (p.required() && optionalSeen) {
          throw new IllegalArgumentException(
              name + ": required parameter " + p.name() + " after an optional one");
        }
        optionalSeen |= !p.required();
        if (p.rest() && i != parameters.size() - 1) {
          throw new IllegalArgumentException(
              name + ": only the last parameter may take the rest of the line");
        }
      }
      return new CommandSpec(this);
    }
  }
}

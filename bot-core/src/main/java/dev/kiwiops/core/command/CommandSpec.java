package dev.kiwiops.core.command;

import java.util.List;
import java.util.Objects;

/**
 * The outside of one command: its words ({@code power kill}), argument syntax, permission, and the
 * safety flags of the catalogue.
 *
 * @param words the command words as typed ({@code ["power", "kill"]})
 * @param arguments the argument syntax for the usage line ({@code <server>})
 * @param summary one line for {@code help}
 * @param permission the permission name, or empty for commands anyone may run
 * @param confirm whether the command waits for {@code confirm CODE} before running
 * @param secretReply whether the reply holds a secret and may only be delivered privately
 * @param examples example invocations for {@code help <command>}
 */
public record CommandSpec(
    List<String> words,
    String arguments,
    String summary,
    String permission,
    boolean confirm,
    boolean secretReply,
    List<String> examples) {

  public CommandSpec {
    words = List.copyOf(words);
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(permission, "permission");
    examples = List.copyOf(examples);
  }

  /** The command words joined by spaces: {@code power kill}. */
  public String name() {
    return String.join(" ", words);
  }

  /** The one-line usage: {@code power kill <server>}. */
  public String usage() {
    return arguments.isEmpty() ? name() : name() + " " + arguments;
  }

  public boolean isOpenToAnyone() {
    return permission.isEmpty();
  }
}

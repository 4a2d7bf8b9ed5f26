package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.CommandSpec;
import java.util.List;

/** Builds catalogue specs whose permission is the command words joined by dots. */
final class Specs {
  private Specs() {}

  /** A command that runs at once and whose reply holds no secret. */
  static CommandSpec plain(String words, String arguments, String summary, String... examples) {
    return of(words, arguments, summary, false, false, examples);
  }

  static CommandSpec of(
      String words,
      String arguments,
      String summary,
      boolean confirm,
      boolean secretReply,
      String... examples) {
    List<String> w = List.of(words.split(" "));
    return new CommandSpec(
        w, arguments, summary, String.join(".", w), confirm, secretReply, List.of(examples));
  }
}

package dev.kiwiops.discord;

import java.util.List;

/**
 * One top-level slash command: either a leaf with options ({@code /info server:web1}) or a group of
 * subcommands ({@code /power kill server:web1}).
 */
record SlashCommand(
    String name, String description, List<SlashOption> options, List<Sub> subcommands) {

  SlashCommand {
    options = List.copyOf(options);
    subcommands = List.copyOf(subcommands);
  }

  /** A subcommand and the core command words it stands for. */
  record Sub(String name, String description, List<SlashOption> options, List<String> words) {
    Sub {
      options = List.copyOf(options);
      words = List.copyOf(words);
    }
  }
}

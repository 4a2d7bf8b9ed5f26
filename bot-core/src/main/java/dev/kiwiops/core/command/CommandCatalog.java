package dev.kiwiops.core.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every command by its words, matched on the longest prefix of what was typed. */
public final class CommandCatalog {
  private final Map<List<String>, Command> byWords = new LinkedHashMap<>();

  public CommandCatalog(Collection<? extends Command> commands) {
    for (Command command : commands) {
      if (byWords.putIfAbsent(command.spec().words(), command) != null) {
        throw new IllegalArgumentException("duplicate command: " + command.spec().name());
      }
    }
  }

  /**
   * The command whose words are the longest prefix of {@code typed} (case-insensitive). A hyphen
   * typed in a command word stands for its underscore, so the older {@code panel-log} still finds
   * {@code panel_log}.
   */
  public Optional<Command> match(List<String> typed) {
    List<String> lower = typed.stream().map(CommandCatalog::normalized).toList();
    for (int n = Math.min(3, lower.size()); n >= 1; n--) {
      Command command = byWords.get(lower.subList(0, n));
      if (command != null) {
        return Optional.of(command);
      }
    }
    return Optional.empty();
  }

  /**
   * The command whose words are exactly {@code words} (case-insensitive), as a platform names it.
   */
  public Optional<Command> find(List<String> words) {
    return Optional.ofNullable(
        byWords.get(words.stream().map(CommandCatalog::normalized).toList()));
  }

  private static String normalized(String word) {
    return word.toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** The commands whose first word is {@code word}: a group such as {@code power}. */
  public List<Command> group(String word) {
    String lower = normalized(word);
    List<Command> group = new ArrayList<>();
    for (Command command : byWords.values()) {
      if (command.spec().words().get(0).equals(lower)) {
        group.add(command);
      }
    }
    return group;
  }

  public Collection<Command> all() {
    return byWords.values();
  }
}

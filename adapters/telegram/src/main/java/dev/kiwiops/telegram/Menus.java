package dev.kiwiops.telegram;

import dev.kiwiops.core.command.CommandSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/**
 * The command menu Telegram shows: one entry per first command word, named as Telegram allows
 * ({@code [a-z0-9_]}, so {@code panel-log} shows as {@code panel_log}), described by the command's
 * summary or, for a group such as {@code power}, by its subcommands.
 */
final class Menus {
  static final Pattern LEGAL = Pattern.compile("[a-z0-9_]{1,32}");
  private static final int MAX_ENTRIES = 100;
  private static final int MAX_DESCRIPTION = 256;

  private Menus() {}

  /** The name Telegram shows for a first command word. */
  static String telegramName(String word) {
    return word.toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** Telegram names that differ from the core's word, to map typed commands back. */
  static Map<String, String> aliases(Collection<CommandSpec> specs) {
    Map<String, String> aliases = new LinkedHashMap<>();
    for (CommandSpec spec : specs) {
      String word = spec.words().get(0);
      String name = telegramName(word);
      if (!name.equals(word)) {
        aliases.put(name, word);
      }
    }
    return aliases;
  }

  /** The menu entries for the specs that {@code visible} lets through, in catalogue order. */
  static List<BotCommand> entries(Collection<CommandSpec> specs, Predicate<CommandSpec> visible) {
    Map<String, List<CommandSpec>> groups = new LinkedHashMap<>();
    for (CommandSpec spec : specs) {
      if (visible.test(spec)) {
        groups.computeIfAbsent(spec.words().get(0), k -> new ArrayList<>()).add(spec);
      }
    }
    List<BotCommand> entries = new ArrayList<>();
    for (Map.Entry<String, List<CommandSpec>> group : groups.entrySet()) {
      String name = telegramName(group.getKey());
      if (!LEGAL.matcher(name).matches() || entries.size() == MAX_ENTRIES) {
        continue;
      }
      entries.add(new BotCommand(name, description(group.getValue())));
    }
    return entries;
  }

  private static String description(List<CommandSpec> group) {
    String text;
    if (group.size() == 1 && group.get(0).words().size() == 1) {
      text = group.get(0).summary();
    } else {
      List<String> subs = new ArrayList<>();
      for (CommandSpec spec : group) {
        subs.add(
            spec.words().size() > 1
                ? String.join(" ", spec.words().subList(1, spec.words().size()))
                : spec.summary());
      }
      text = String.join(", ", subs);
    }
    text = text.isBlank() ? group.get(0).name() : text.strip();
    return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION - 1) + "…" : text;
  }
}

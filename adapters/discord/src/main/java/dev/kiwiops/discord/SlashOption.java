package dev.kiwiops.discord;

import dev.kiwiops.core.complete.Suggestions;
import java.util.List;

/**
 * One option of a slash command, platform-neutral so that Discord's limits can be checked without a
 * connection.
 *
 * @param name the option name ({@code server})
 * @param description what to type, as Discord shows it
 * @param kind the value type Discord enforces
 * @param required whether Discord insists on a value
 * @param choices fixed values ({@code on}, {@code off}); empty for free input
 * @param autocomplete whether the bot suggests values while the user types
 * @param flag a boolean that stands for a literal word in the command line ({@code --screen})
 * @param rest whether the value is the rest of the command line, passed through unquoted
 * @param onOff a boolean that the core reads as {@code on} or {@code off}
 * @param suggestions where autocomplete candidates come from ({@code NONE}: no autocomplete)
 */
record SlashOption(
    String name,
    String description,
    Kind kind,
    boolean required,
    List<String> choices,
    boolean autocomplete,
    String flag,
    boolean rest,
    boolean onOff,
    Suggestions suggestions) {

  SlashOption {
    choices = List.copyOf(choices);
  }

  /** The Discord option types kiwiops uses. */
  enum Kind {
    STRING,
    INTEGER,
    BOOLEAN
  }
}

package dev.kiwiops.discord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** The slash command model as JDA's command data; Discord wants required options first. */
final class JdaCommands {
  private JdaCommands() {}

  static List<CommandData> of(List<SlashCommand> commands) {
    List<CommandData> data = new ArrayList<>();
    for (SlashCommand command : commands) {
      SlashCommandData slash = Commands.slash(command.name(), command.description());
      slash.addOptions(options(command.options()));
      for (SlashCommand.Sub sub : command.subcommands()) {
        slash.addSubcommands(
            new SubcommandData(sub.name(), sub.description()).addOptions(options(sub.options())));
      }
      data.add(slash);
    }
    return data;
  }

  private static List<OptionData> options(List<SlashOption> options) {
    List<SlashOption> ordered = new ArrayList<>(options);
    ordered.sort(Comparator.comparing(o -> !o.required()));
    List<OptionData> data = new ArrayList<>();
    for (SlashOption option : ordered) {
      OptionType type =
          switch (option.kind()) {
            case STRING -> OptionType.STRING;
            case INTEGER -> OptionType.INTEGER;
            case BOOLEAN -> OptionType.BOOLEAN;
          };
      OptionData o =
          new OptionData(
              type, option.name(), option.description(), option.required(), option.autocomplete());
      for (String choice : option.choices()) {
        o.addChoice(choice, choice);
      }
      data.add(o);
    }
    return data;
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.List;
import java.util.Optional;

/**
 * {@code reload}: re-reads the configuration file of the running bot (as {@code SIGHUP} does). A
 * file with problems changes nothing, and the reply lists each problem as {@code FILE:LINE:
 * message}.
 */
public final class ReloadCommand implements Command {
  private static final CommandSpec SPEC =
      CommandSpec.builder("reload")
          .summary("re-read the configuration file (access, servers, routes)")
          .examples("reload")
          .build();

  /** The port through which the host re-reads its configuration. */
  @FunctionalInterface
  public interface Reloader {
    Result reload();
  }

  /**
   * What a reload did.
   *
   * @param applied whether the new configuration is now in force
   * @param summary one sentence: what is in force now, or why nothing changed
   * @param lines the problems ({@code FILE:LINE: message}) or notes (settings that need a restart)
   */
  public record Result(boolean applied, String summary, List<String> lines) {
    public Result {
      lines = List.copyOf(lines);
    }
  }

  private final Reloader reloader;

  public ReloadCommand(Reloader reloader) {
    this.reloader = reloader;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Action parse(CommandInput input) throws UsageException {
    if (!input.args().isEmpty()) {
      throw new UsageException("reload takes no arguments.");
    }
    return Action.of(
        Optional.empty(),
        List.of(),
        ctx -> {
          Result result = reloader.reload();
          String text =
              result.lines().isEmpty()
                  ? result.summary()
                  : result.summary() + "\n" + String.join("\n", result.lines());
          return result.applied()
              ? Reply.builder().tone(Tone.SUCCESS).text(text).build()
              : Reply.error(text);
        });
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Foreseen;
import dev.kiwiops.core.command.Foresight;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.Preview;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.ShellExecResult;
import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code shell cd|exec|script}. KiwiVM's {@code basicShell/exec} has no working-directory
 * parameter: {@code basicShell/cd} only computes a new directory. So the directory a user reached
 * with {@code shell cd} is kept per user and server, and {@code shell exec} runs {@code cd '<dir>'
 * && <command>}.
 */
final class ShellCommands {
  /** Output longer than this is attached as a file (and previewed) instead of shown inline. */
  static final int INLINE_CHARS = 1500;

  static final int INLINE_LINES = 30;
  static final int PREVIEW_LINES = 10;
  private static final Pattern PLAIN_WORD = Pattern.compile("\\S+");
  private static final String SHELL_SPECIAL = ";&|$`<>()'\"\\";

  private ShellCommands() {}

  static List<Command> all(KiwiVm kiwi, ShellDirectories directories) {
    return List.of(cd(kiwi, directories), exec(kiwi, directories), script(kiwi));
  }

  static Command cd(KiwiVm kiwi, ShellDirectories directories) {
    return new ServerCommand(
        CommandSpec.builder("shell cd")
            .server()
            .parameter(Parameter.required("dir", ParamKind.DIRECTORY, "the directory to change to"))
            .summary("change your working directory for shell exec on that server")
            .examples("shell cd web1 /var/log", "shell cd web1 ..")
            .build(),
        1,
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "directory");
          String dir = directory(rest.get(0));
          return ctx -> {
            String current =
                directories.of(ctx.caller().user(), server.name()).orElse(DEFAULT_DIRECTORY);
            ApiResult<String> result = ctx.kiwi().shellCd(server, current, dir);
            if (!(result instanceof ApiResult.Ok<String> ok)) {
              return Outcomes.failure(server, "change directory on", result);
            }
            String pwd = ok.value().strip();
            if (pwd.isEmpty() || !pwd.startsWith("/")) {
              return Reply.error("No such directory: " + dir + " (still in " + current + ").");
            }
            directories.set(ctx.caller().user(), server.name(), pwd);
            return Reply.text(server.name() + ":" + pwd);
          };
        });
  }

  /** Where KiwiVM's basic shell starts: root's home. */
  static final String DEFAULT_DIRECTORY = "/root";

  static Command exec(KiwiVm kiwi, ShellDirectories directories) {
    return ServerCommand.withRest(
        CommandSpec.builder("shell exec")
            .server()
            .parameter(
                Parameter.required("command", ParamKind.TEXT, "the shell command to run as root")
                    .toEnd())
            .summary("run a shell command as root; output sent to you privately")
            .confirm()
            .secretReply()
            .examples("shell exec web1 df -h", "shell exec web1 systemctl status nginx | head -20")
            .build(),
        "The command runs as root on the server.",
        (server, rest, whole) -> {
          if (rest.isEmpty()) {
            throw new UsageException("Missing command.");
          }
          String command = whole ? commandLine(rest.get(0)) : commandLine(rest);
          Foresight look =
              ctx -> {
                String dir =
                    directories.of(ctx.caller().user(), server.name()).orElse(DEFAULT_DIRECTORY);
                return Preview.facts()
                    .line("Runs as root on " + server.name() + ", in " + dir + ":")
                    .line(command)
                    .line("The output is sent to you privately.")
                    .watch("your working directory on " + server.name(), dir)
                    .build();
              };
          return Foreseen.of(
              look,
              ctx -> {
                Optional<String> dir = directories.of(ctx.caller().user(), server.name());
                String sent = dir.map(d -> "cd " + quote(d) + " && " + command).orElse(command);
                ApiResult<ShellExecResult> result = ctx.kiwi().shellExec(server, sent);
                if (!(result instanceof ApiResult.Ok<ShellExecResult> ok)) {
                  return Outcomes.failure(server, "run the command on", result);
                }
                return output(
                    server.name(), dir.orElse(DEFAULT_DIRECTORY), command, ok.value(), "exec");
              });
        });
  }

  static Command script(KiwiVm kiwi) {
    return ServerCommand.withRest(
        CommandSpec.builder("shell script")
            .server()
            .parameter(
                Parameter.required("script", ParamKind.TEXT, "the shell script to start as root")
                    .toEnd())
            .summary("start a shell script as root in the background; answers its log file name")
            .confirm()
            .examples("shell script web1 apt-get update && apt-get -y upgrade")
            .build(),
        "The script runs as root on the server, in the background.",
        (server, rest, whole) -> {
          if (rest.isEmpty()) {
            throw new UsageException("Missing script.");
          }
          String script = whole ? commandLine(rest.get(0)) : commandLine(rest);
          Foresight look =
              ctx ->
                  Preview.facts()
                      .line("Starts as root on " + server.name() + ", in the background:")
                      .line(script)
                      .build();
          return Foreseen.of(
              look,
              ctx -> {
                ApiResult<String> result = ctx.kiwi().shellScript(server, script);
                if (!(result instanceof ApiResult.Ok<String> ok)) {
                  return Outcomes.failure(server, "start the script on", result);
                }
                return Outcomes.success(
                    "Script started on "
                        + server.name()
                        + "; its output goes to "
                        + ok.value()
                        + " (read it with `shell exec "
                        + server.name()
                        + " cat "
                        + ok.value()
                        + "`).");
              });
        });
  }

  static Reply output(
      String server, String dir, String command, ShellExecResult result, String kind) {
    String out = result.output();
    long lines = out.lines().count();
    Reply.Builder reply =
        Reply.builder()
            .privately()
            .tone(result.exitStatus() == 0 ? Tone.SUCCESS : Tone.WARNING)
            .title(
                server
                    + ":"
                    + dir
                    + "# "
                    + Arguments.shorten(command)
                    + " — exit "
                    + result.exitStatus());
    if (out.isBlank()) {
      reply.text("(no output)");
    } else if (out.length() > INLINE_CHARS || lines > INLINE_LINES) {
      String preview = String.join("\n", out.lines().limit(PREVIEW_LINES).toList());
      reply
          .code(preview)
          .text(
              "First "
                  + PREVIEW_LINES
                  + " of "
                  + lines
                  + " lines; the whole output ("
                  + out.length()
                  + " characters) is attached.")
          .attach(Attachment.text(server + "-" + kind + "-output.txt", out));
    } else {
      reply.code(out.stripTrailing());
    }
    return reply.build();
  }

  /**
   * Rebuilds the command line from chat words. The tokenizer dropped the user's quotes, so a word
   * that held white space (it must have been quoted) is single-quoted again; every other word is
   * passed as typed, keeping pipes, redirections and {@code $VARS} working.
   */
  static String commandLine(List<String> words) throws UsageException {
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      if (word.indexOf('\n') >= 0 || word.indexOf('\0') >= 0) {
        throw new UsageException("The command may not contain line breaks.");
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(PLAIN_WORD.matcher(word).matches() ? word : quote(word));
    }
    if (line.length() > 4000) {
      throw new UsageException("The command is too long (4000 characters at most).");
    }
    return line.toString();
  }

  /**
   * A command line given whole (a platform's option): sent as given, with the same limits as one
   * rebuilt from words.
   */
  static String commandLine(String whole) throws UsageException {
    if (whole.isBlank()) {
      throw new UsageException("Missing command.");
    }
    if (whole.indexOf('\n') >= 0 || whole.indexOf('\r') >= 0 || whole.indexOf('\0') >= 0) {
      throw new UsageException("The command may not contain line breaks.");
    }
    String line = whole.strip();
    if (line.length() > 4000) {
      throw new UsageException("The command is too long (4000 characters at most).");
    }
    return line;
  }

  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /**
   * A directory for {@code basicShell/cd}. KiwiVM does the {@code cd} on the server, and how it
   * quotes the value is not documented; {@code shell cd} asks for no confirmation and may be
   * granted without {@code shell exec}. So a directory may not hold what a shell would take as more
   * than a path: command separators, pipes, redirections, substitutions, quotes, escapes, control
   * characters.
   */
  private static String directory(String text) throws UsageException {
    if (text.isEmpty()
        || text.length() > 1024
        || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || SHELL_SPECIAL.indexOf(c) >= 0)) {
      throw new UsageException(
          "That is not a directory path (no ; & | $ ` < > ( ) quotes or backslashes).");
    }
    return text;
  }
}

package dev.kiwiops.console;

import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link Reply} as plain terminal text: aligned fields and tables, indented code. */
public final class PlainTextRenderer {

  /** Renders everything but attachments, which the console writes to files itself. */
  public String render(Reply reply) {
    StringBuilder out = new StringBuilder();
    String prefix = prefix(reply.tone());
    if (!reply.title().isEmpty()) {
      out.append(prefix).append(reply.title()).append('\n');
      prefix = "";
    }
    for (Block block : reply.blocks()) {
      if (block instanceof Block.Text t) {
        out.append(prefix).append(t.text()).append('\n');
      } else if (block instanceof Block.Code c) {
        c.text().lines().forEach(line -> out.append("    ").append(line).append('\n'));
      } else if (block instanceof Block.Fields f) {
        int width = f.fields().stream().mapToInt(x -> x.name().length()).max().orElse(0);
        for (Block.Field field : f.fields()) {
          out.append("  ")
              .append(pad(field.name() + ":", width + 1))
              .append(' ')
              .append(field.value())
              .append('\n');
        }
      } else if (block instanceof Block.Table t) {
        table(out, t);
      }
      prefix = "";
    }
    List<String> hints = new ArrayList<>();
    for (Button button : reply.buttons()) {
      // Confirm, cancel and approve carry a random token that is never shown: their prompt says
      // what to type instead. The others print the command that does the same as a click.
      ButtonToken.decode(button.token())
          .flatMap(ButtonToken::commandWords)
          .ifPresent(
              words -> hints.add("[" + button.label() + ": " + String.join(" ", words) + "]"));
    }
    if (!hints.isEmpty()) {
      out.append("  ").append(String.join(" ", hints)).append('\n');
    }
    return out.toString();
  }

  private static void table(StringBuilder out, Block.Table t) {
    for (String line : t.alignedLines()) {
      out.append(("  " + line).stripTrailing()).append('\n');
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String prefix(Tone tone) {
    return switch (tone) {
      case ERROR -> "! ";
      case WARNING -> "⚠ ";
      case SUCCESS -> "✓ ";
      case PROGRESS -> "… ";
      case INFO -> "";
    };
  }
}

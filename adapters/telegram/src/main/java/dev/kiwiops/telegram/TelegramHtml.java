package dev.kiwiops.telegram;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Reply} as Telegram HTML: every text from users and the API escaped, the title in
 * bold, `code` spans as {@code <code>}, fields as bold names, tables and code as {@code <pre>}.
 * Long replies are split into messages of at most {@value #LIMIT} characters at line boundaries,
 * closing and reopening {@code <pre>} around a split so that no message ends inside a tag. Long
 * code (shell output, logs) goes as a text document instead, charts and screenshots as photos.
 */
final class TelegramHtml {
  static final int LIMIT = 4096;

  /** A code block longer than this is attached as a file rather than pasted. */
  static final int LONG_CODE = 3000;

  /** Lines longer than this (before escaping) are wrapped, so that one line always fits. */
  static final int WRAP = 700;

  static final String OUTPUT_FILE = "output.txt";

  /** What to send for one reply: text messages in order, then photos, then documents. */
  record Rendered(
      List<String> messages,
      List<Attachment> photos,
      List<Attachment> documents,
      List<Button> buttons) {}

  private record Line(String html, boolean pre) {}

  private TelegramHtml() {}

  static Rendered render(Reply reply) {
    List<Line> lines = new ArrayList<>();
    List<Attachment> photos = new ArrayList<>();
    List<Attachment> documents = new ArrayList<>();
    String icon = icon(reply.tone());
    if (!reply.title().isEmpty()) {
      addProse(lines, reply.title(), icon, true);
      icon = "";
    }
    for (Block block : reply.blocks()) {
      if (block instanceof Block.Text t) {
        addProse(lines, t.text(), icon, false);
      } else if (block instanceof Block.Fields f) {
        for (Block.Field field : f.fields()) {
          for (String wrapped : wrap(field.value())) {
            lines.add(new Line("<b>" + escape(field.name()) + ":</b> " + inline(wrapped), false));
          }
        }
      } else if (block instanceof Block.Table t) {
        t.alignedLines()
            .forEach(row -> wrap(row).forEach(w -> lines.add(new Line(escape(w), true))));
      } else if (block instanceof Block.Code c) {
        if (c.text().length() > LONG_CODE) {
          documents.add(Attachment.text(OUTPUT_FILE, c.text()));
          long count = c.text().lines().count();
          lines.add(
              new Line(
                  "<i>The output (" + count + " lines) is attached as " + OUTPUT_FILE + ".</i>",
                  false));
        } else {
          c.text().lines().forEach(l -> wrap(l).forEach(w -> lines.add(new Line(escape(w), true))));
        }
      }
      icon = "";
    }
    for (Attachment a : reply.attachments()) {
      (a.mediaType().equals("image/png") || a.mediaType().equals("image/jpeg") ? photos : documents)
          .add(a);
    }
    return new Rendered(split(lines), photos, documents, reply.buttons());
  }

  /** One message for an edit: the first part of the rendering, marked as cut when longer. */
  static String single(Reply reply) {
    List<String> messages = render(reply.toBuilder().build()).messages();
    if (messages.isEmpty()) {
      return "…";
    }
    String first = messages.get(0);
    return messages.size() == 1 ? first : first + "\n…";
  }

  /** Telegram's HTML escaping: the three characters it requires, and quotes. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Escapes a line of prose, turning `quoted` spans into {@code <code>}. */
  static String inline(String raw) {
    String[] parts = raw.split("`", -1);
    StringBuilder out = new StringBuilder();
    int pairs = (parts.length - 1) / 2 * 2; // an unmatched last backtick stays literal
    for (int i = 0; i < parts.length; i++) {
      if (i > 0 && i > pairs) {
        out.append('`');
      }
      boolean code = i % 2 == 1 && i <= pairs;
      out.append(code ? "<code>" + escape(parts[i]) + "</code>" : escape(parts[i]));
    }
    return out.toString();
  }

  private static void addProse(List<Line> lines, String text, String icon, boolean bold) {
    boolean first = true;
    for (String line : text.split("\n", -1)) {
      for (String wrapped : wrap(line)) {
        String html = bold ? "<b>" + inline(wrapped) + "</b>" : inline(wrapped);
        lines.add(new Line(first && !icon.isEmpty() ? icon + " " + html : html, false));
        first = false;
      }
    }
  }

  private static List<String> wrap(String line) {
    if (line.length() <= WRAP) {
      return List.of(line);
    }
    List<String> parts = new ArrayList<>();
    int at = 0;
    while (at < line.length()) {
      int end = Math.min(line.length(), at + WRAP);
      if (end < line.length() && Character.isHighSurrogate(line.charAt(end - 1))) {
        end--;
      }
      parts.add(line.substring(at, end));
      at = end;
    }
    return parts;
  }

  /** Packs lines into messages of at most {@link #LIMIT} characters, never inside a tag. */
  private static List<String> split(List<Line> lines) {
    List<String> messages = new ArrayList<>();
    List<Line> current = new ArrayList<>();
    for (Line line : lines) {
      current.add(line);
      if (current.size() > 1 && serialize(current).length() > LIMIT) {
        current.remove(current.size() - 1);
        messages.add(serialize(current));
        current = new ArrayList<>();
        current.add(line);
      }
    }
    if (!current.isEmpty()) {
      String last = serialize(current);
      if (!last.isBlank()) {
        messages.add(last);
      }
    }
    return messages;
  }

  private static String serialize(List<Line> lines) {
    StringBuilder out = new StringBuilder();
    boolean inPre = false;
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line.pre() && !inPre) {
        if (i > 0) {
          out.append('\n');
        }
        out.append("<pre>");
        inPre = true;
      } else if (!line.pre() && inPre) {
        out.append("</pre>\n");
        inPre = false;
      } else if (i > 0) {
        out.append('\n');
      }
      out.append(line.html());
    }
    if (inPre) {
      out.append("</pre>");
    }
    return out.toString();
  }

  private static String icon(Tone tone) {
    return switch (tone) {
      case ERROR -> "❌";
      case WARNING -> "⚠️";
      case SUCCESS -> "✅";
      case PROGRESS -> "⏳";
      case INFO -> "";
    };
  }

  /** The UTF-8 size Telegram counts for callback data. */
  static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}

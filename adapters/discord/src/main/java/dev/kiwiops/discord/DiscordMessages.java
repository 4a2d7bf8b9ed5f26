package dev.kiwiops.discord;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Renders the core's {@link Reply} as a Discord message within Discord's limits: a titled reply or
 * one with fields as an embed (colour by tone), tables and code as code blocks, PNGs as image
 * attachments, text too long for a message (2000) or an embed (4096 description, 6000 in all) as a
 * {@code reply.txt} file with its beginning shown, buttons as rows of at most five (a question for
 * a secret gets a button that opens a form). Mentions are never parsed, so text from KiwiVM cannot
 * ping anyone.
 */
final class DiscordMessages {
  static final int MAX_CONTENT = 2000;
  static final int MAX_DESCRIPTION = 4096;
  static final int MAX_EMBED_TOTAL = 6000;
  static final int MAX_TITLE = 256;
  static final int MAX_FIELDS = 25;
  static final int MAX_FIELD_NAME = 256;
  static final int MAX_FIELD_VALUE = 1024;
  static final int MAX_FILES = 10;
  static final int MAX_BUTTONS = 25;
  static final int MAX_CUSTOM_ID = 100;
  static final int MAX_LABEL = 80;
  static final String FULL_TEXT_FILE = "reply.txt";
  private static final String CUT = "\n… (the full text is attached as " + FULL_TEXT_FILE + ")";

  private DiscordMessages() {}

  static MessageCreateData create(Reply reply, boolean withButtons) {
    boolean embed =
        !reply.title().isEmpty()
            || reply.blocks().stream().anyMatch(b -> b instanceof Block.Fields);
    List<FileUpload> files = new ArrayList<>();
    MessageCreateBuilder message = new MessageCreateBuilder().setAllowedMentions(List.of());
    String image = null;
    for (Attachment attachment : reply.attachments()) {
      if (files.size() < MAX_FILES - 1) {
        files.add(FileUpload.fromData(attachment.data(), attachment.fileName()));
        if (image == null && attachment.mediaType().startsWith("image/")) {
          image = attachment.fileName();
        }
      }
    }
    if (embed) {
      message.setEmbeds(List.of(embed(reply, image, files)));
    } else {
      String body = body(reply.blocks(), true);
      if (body.length() > MAX_CONTENT) {
        files.add(fullText(reply));
        body = cut(body, MAX_CONTENT - CUT.length()) + CUT;
      }
      message.setContent(body.isEmpty() && files.isEmpty() ? "Done." : body);
    }
    message.setFiles(files);
    if (withButtons) {
      message.setComponents(buttons(reply));
    } else {
      message.setComponents(List.of());
    }
    return message.build();
  }

  /**
   * The edit that makes a message show {@code reply}: text, embeds and buttons are replaced; the
   * files already attached stay unless the reply brings its own.
   */
  static MessageEditData edit(Reply reply, boolean withButtons) {
    MessageCreateData created = create(reply, withButtons);
    MessageEditBuilder edit =
        new MessageEditBuilder()
            .setAllowedMentions(List.of())
            .setContent(created.getContent())
            .setEmbeds(created.getEmbeds())
            .setComponents(created.getComponents());
    if (!created.getFiles().isEmpty()) {
      edit.setFiles(created.getFiles());
    }
    return edit.build();
  }

  /** A short plain message (no embed, no buttons). */
  static MessageCreateData text(String text) {
    return new MessageCreateBuilder()
        .setAllowedMentions(List.of())
        .setContent(cut(text, MAX_CONTENT))
        .build();
  }

  private static MessageEmbed embed(Reply reply, String image, List<FileUpload> files) {
    EmbedBuilder embed = new EmbedBuilder().setColor(colour(reply.tone()));
    int total = 0;
    if (!reply.title().isEmpty()) {
      String title = cut(reply.title(), MAX_TITLE);
      embed.setTitle(title);
      total += title.length();
    }
    List<Block> prose = new ArrayList<>();
    List<Block.Field> fields = new ArrayList<>();
    for (Block block : reply.blocks()) {
      if (block instanceof Block.Fields f
          && fields.size() + f.fields().size() <= MAX_FIELDS
          && fits(f)) {
        fields.addAll(f.fields());
      } else {
        prose.add(block);
      }
    }
    for (Block.Field field : fields) {
      total += field.name().length() + field.value().length();
    }
    String description = body(prose, false);
    int room = Math.min(MAX_DESCRIPTION, MAX_EMBED_TOTAL - total - 50);
    if (description.length() > room) {
      files.add(fullText(reply));
      description = cut(description, room - CUT.length()) + CUT;
    }
    if (!description.isEmpty()) {
      embed.setDescription(description);
    }
    for (Block.Field field : fields) {
      embed.addField(
          field.name().isEmpty() ? "\u200b" : field.name(),
          field.value().isEmpty() ? "—" : field.value(),
          field.value().length() <= 40);
    }
    if (image != null) {
      embed.setImage("attachment://" + image);
    }
    return embed.build();
  }

  private static boolean fits(Block.Fields block) {
    return block.fields().stream()
        .allMatch(
            f -> f.name().length() <= MAX_FIELD_NAME && f.value().length() <= MAX_FIELD_VALUE);
  }

  private static FileUpload fullText(Reply reply) {
    return FileUpload.fromData(reply.plainText().getBytes(StandardCharsets.UTF_8), FULL_TEXT_FILE);
  }

  private static String body(List<Block> blocks, boolean fieldsInline) {
    StringBuilder out = new StringBuilder();
    for (Block block : blocks) {
      if (out.length() > 0) {
        out.append('\n');
      }
      if (block instanceof Block.Text t) {
        out.append(t.text());
      } else if (block instanceof Block.Code c) {
        out.append(codeBlock(c.text()));
      } else if (block instanceof Block.Table t) {
        out.append(codeBlock(table(t)));
      } else if (block instanceof Block.Fields f) {
        for (Block.Field field : f.fields()) {
          out.append("**").append(field.name()).append(":** ").append(field.value()).append('\n');
        }
      }
    }
    return out.toString().strip();
  }

  private static String codeBlock(String text) {
    // A fence inside the text would end the block early.
    return "```\n" + text.replace("```", "`\u200b``") + "\n```";
  }

  /** A table as aligned columns, rows shorter than the header padded. */
  static String table(Block.Table table) {
    int columns = table.headers().size();
    for (List<String> row : table.rows()) {
      columns = Math.max(columns, row.size());
    }
    int[] width = new int[columns];
    List<List<String>> all = new ArrayList<>();
    all.add(table.headers());
    all.addAll(table.rows());
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = i < row.size() ? row.get(i) : "";
        line.append(cell).append(" ".repeat(width[i] - cell.length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString().stripTrailing();
  }

  private static List<ActionRow> buttons(Reply reply) {
    List<net.dv8tion.jda.api.components.buttons.Button> rendered = new ArrayList<>();
    reply
        .secretRequest()
        .ifPresent(
            request ->
                rendered.add(
                    net.dv8tion.jda.api.components.buttons.Button.primary(
                        ButtonIds.secret(request.code()),
                        cut(
                            "Enter " + request.fieldLabel().toLowerCase(java.util.Locale.ROOT),
                            MAX_LABEL))));
    for (Button button : reply.buttons()) {
      String id = ButtonIds.of(button);
      if (id.isEmpty() || id.length() > MAX_CUSTOM_ID || rendered.size() == MAX_BUTTONS) {
        continue;
      }
      String label = cut(button.label(), MAX_LABEL);
      rendered.add(
          switch (button.style()) {
            case PRIMARY -> net.dv8tion.jda.api.components.buttons.Button.primary(id, label);
            case SECONDARY -> net.dv8tion.jda.api.components.buttons.Button.secondary(id, label);
            case DANGER -> net.dv8tion.jda.api.components.buttons.Button.danger(id, label);
          });
    }
    return rendered.isEmpty() ? List.of() : ActionRow.partitionOf(rendered);
  }

  private static int colour(Tone tone) {
    return switch (tone) {
      case SUCCESS -> 0x2ECC71;
      case WARNING -> 0xF1C40F;
      case ERROR -> 0xE74C3C;
      default -> 0x3498DB;
    };
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Math.max(0, max - 1);
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}

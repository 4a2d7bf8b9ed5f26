package dev.kiwiops.core.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform-neutral answer: an optional title, body blocks, attachments, buttons, visibility and
 * tone, and possibly a question for a secret ({@link #secretRequest()}) that the adapter turns into
 * private input. Adapters render it their own way; the core never formats for one platform.
 */
public record Reply(
    String title,
    List<Block> blocks,
    List<Attachment> attachments,
    List<Button> buttons,
    Visibility visibility,
    Tone tone,
    Optional<SecretRequest> secretRequest) {

  public Reply {
    Objects.requireNonNull(title, "title");
    blocks = List.copyOf(blocks);
    attachments = List.copyOf(attachments);
    buttons = List.copyOf(buttons);
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(tone, "tone");
    Objects.requireNonNull(secretRequest, "secretRequest");
  }

  public static Reply text(String text) {
    return builder().text(text).build();
  }

  public static Reply error(String text) {
    return builder().tone(Tone.ERROR).text(text).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().title(title).visibility(visibility).tone(tone);
    b.secretRequest = secretRequest;
    b.blocks.addAll(blocks);
    b.attachments.addAll(attachments);
    b.buttons.addAll(buttons);
    return b;
  }

  public boolean isPrivate() {
    return visibility == Visibility.PRIVATE;
  }

  /** All text of the reply, for tests and logs (attachments by name only). */
  public String plainText() {
    StringBuilder out = new StringBuilder(title);
    for (Block block : blocks) {
      out.append('\n');
      if (block instanceof Block.Text t) {
        out.append(t.text());
      } else if (block instanceof Block.Code c) {
        out.append(c.text());
      } else if (block instanceof Block.Fields f) {
        f.fields().forEach(x -> out.append(x.name()).append(": ").append(x.value()).append('\n'));
      } else if (block instanceof Block.Table t) {
        out.append(String.join(" | ", t.headers())).append('\n');
        t.rows().forEach(r -> out.append(String.join(" | ", r)).append('\n'));
      }
    }
    attachments.forEach(a -> out.append("\n[").append(a.fileName()).append(']'));
    buttons.forEach(b -> out.append("\n(").append(b.label()).append(')'));
    return out.toString().strip();
  }

  /** Builds a {@link Reply}; every method returns this builder. */
  public static final class Builder {
    private String title = "";
    private final List<Block> blocks = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private final List<Button> buttons = new ArrayList<>();
    private Visibility visibility = Visibility.PUBLIC;
    private Tone tone = Tone.INFO;
    private Optional<SecretRequest> secretRequest = Optional.empty();

    public Builder title(String title) {
      this.title = Objects.requireNonNull(title);
      return this;
    }

    public Builder text(String text) {
      blocks.add(new Block.Text(text));
      return this;
    }

    public Builder code(String text) {
      blocks.add(new Block.Code(text));
      return this;
    }

    public Builder fields(List<Block.Field> fields) {
      blocks.add(new Block.Fields(fields));
      return this;
    }

    public Builder table(List<String> headers, List<List<String>> rows) {
      blocks.add(new Block.Table(headers, rows));
      return this;
    }

    public Builder block(Block block) {
      blocks.add(block);
      return this;
    }

    public Builder attach(Attachment attachment) {
      attachments.add(attachment);
      return this;
    }

    public Builder button(Button button) {
      buttons.add(button);
      return this;
    }

    public Builder visibility(Visibility visibility) {
      this.visibility = visibility;
      return this;
    }

    public Builder privately() {
      return visibility(Visibility.PRIVATE);
    }

    public Builder tone(Tone tone) {
      this.tone = tone;
      return this;
    }

    /** Asks the caller for a secret through private input (see {@link SecretRequest}). */
    public Builder secretRequest(SecretRequest request) {
      this.secretRequest = Optional.of(request);
      return this;
    }

    public Reply build() {
      return new Reply(title, blocks, attachments, buttons, visibility, tone, secretRequest);
    }
  }
}

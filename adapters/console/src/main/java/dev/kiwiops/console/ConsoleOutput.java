package dev.kiwiops.console;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's screen: replies, progress updates and alerts are printed here one whole message at
 * a time (so an alert arriving mid-reply never interleaves with it), and attachments are written to
 * an {@link AttachmentFolder} with their paths printed.
 */
public final class ConsoleOutput {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleOutput.class);

  private final PrintStream out;
  private final AttachmentFolder attachments;
  private final PlainTextRenderer renderer = new PlainTextRenderer();
  private final AtomicInteger messages = new AtomicInteger();

  /** Attachments go to {@code attachmentDir}, checked as {@link AttachmentFolder#chosen} is. */
  public ConsoleOutput(PrintStream out, Path attachmentDir) {
    this(out, AttachmentFolder.checkedOnFirstUse(attachmentDir));
  }

  public ConsoleOutput(PrintStream out, AttachmentFolder attachments) {
    this.out = out;
    this.attachments = attachments;
  }

  /** Prints something that did not come from a command, such as an alert. */
  public void print(Reply reply) {
    show(reply, "");
  }

  /** The conversation of this console: everything it gets is printed, in order. */
  public Conversation conversation() {
    return new Conversation() {
      @Override
      public MessageHandle send(Reply reply) {
        Handle handle = new Handle(messages.incrementAndGet());
        show(reply, "");
        return handle;
      }

      @Override
      public void edit(MessageHandle message, Reply reply) {
        show(reply, "(update) ");
      }

      @Override
      public boolean canReplyPrivately() {
        return true;
      }
    };
  }

  private synchronized void show(Reply reply, String marker) {
    String text = renderer.render(reply);
    out.print(marker.isEmpty() ? text : marker + text);
    for (Attachment attachment : reply.attachments()) {
      out.println("  attachment: " + write(attachment));
    }
    out.flush();
  }

  private String write(Attachment attachment) {
    try {
      Path file = attachments.write(attachment.fileName(), attachment.data());
      return file + " (" + attachment.size() + " bytes)";
    } catch (IOException e) {
      LOG.warn("could not write attachment {}: {}", attachment.fileName(), e.toString());
      return attachment.fileName() + " (could not be written: " + e.getMessage() + ")";
    }
  }

  private record Handle(int id) implements Conversation.MessageHandle {}
}

package dev.kiwiops.console;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal chat: each input line is one command as typed in chat (a leading {@code /} is
 * optional); replies and alerts are printed as plain text; attachments are written to a folder and
 * their paths printed. {@code quit} or end of input ends the session.
 */
public final class ConsoleChat {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleChat.class);
  static final ChatRef CHAT = new ChatRef("console", "tty", true);

  private final Dispatcher dispatcher;
  private final Caller caller;
  private final PrintStream out;
  private final Path attachmentDir;
  private final PlainTextRenderer renderer = new PlainTextRenderer();
  private final AtomicInteger messages = new AtomicInteger();

  public ConsoleChat(Dispatcher dispatcher, Caller caller, PrintStream out, Path attachmentDir) {
    this.dispatcher = dispatcher;
    this.caller = caller;
    this.out = out;
    this.attachmentDir = attachmentDir;
  }

  /** Reads commands until {@code quit} or end of input. */
  public void run(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      String trimmed = line.strip();
      if (trimmed.equalsIgnoreCase("quit") || trimmed.equalsIgnoreCase("/quit")) {
        break;
      }
      if (trimmed.isEmpty()) {
        continue;
      }
      handle(trimmed);
    }
  }

  /** Runs one command line as this console's user. */
  public void handle(String line) {
    dispatcher.handle(caller, CHAT, line, conversation());
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
      Files.createDirectories(attachmentDir);
      String safe = attachment.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
      Path file = attachmentDir.resolve(messages.get() + "-" + safe);
      Files.write(file, attachment.data());
      return file.toString() + " (" + attachment.size() + " bytes)";
    } catch (IOException e) {
      LOG.warn("could not write attachment {}: {}", attachment.fileName(), e.toString());
      return attachment.fileName() + " (could not be written: " + e.getMessage() + ")";
    }
  }

  private record Handle(int id) implements Conversation.MessageHandle {}
}

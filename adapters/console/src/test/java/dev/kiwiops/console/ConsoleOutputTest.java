package dev.kiwiops.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleOutputTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private ConsoleOutput output() {
    try {
      return new ConsoleOutput(
          new PrintStream(out, true, StandardCharsets.UTF_8), AttachmentFolder.chosen(dir));
    } catch (AttachmentFolder.UnsafeFolderException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void attachmentsAreWrittenToTheFolderAndTheirPathPrinted() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};

    output()
        .print(Reply.builder().text("chart").attach(Attachment.png("web1 usage.png", png)).build());

    Path written = dir.resolve("0-web1_usage.png");
    assertThat(Files.readAllBytes(written)).isEqualTo(png);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("attachment: " + written + " (4 bytes)");
  }

  @Test
  void editsOfAProgressMessageArePrintedAsUpdates() {
    Conversation conversation = output().conversation();
    Conversation.MessageHandle message = conversation.send(Reply.text("Reinstalling… 0%"));

    conversation.edit(message, Reply.text("Reinstalling… 40%"));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("Reinstalling… 0%\n(update) Reinstalling… 40%\n");
  }

  @Test
  void theConsoleIsPrivateToItsUser() {
    assertThat(output().conversation().canReplyPrivately()).isTrue();
  }
}

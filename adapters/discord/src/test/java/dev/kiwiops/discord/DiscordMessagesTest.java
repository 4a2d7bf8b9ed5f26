package dev.kiwiops.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.SecretRequest;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;

/** Replies rendered within Discord's limits. */
class DiscordMessagesTest {

  @Test
  void plainTextIsContentAndMentionsAreNeverParsed() {
    MessageCreateData message = DiscordMessages.create(Reply.text("hello @everyone"), true);

    assertThat(message.getContent()).isEqualTo("hello @everyone");
    assertThat(message.getEmbeds()).isEmpty();
    assertThat(message.getAllowedMentions()).isEmpty();
  }

  @Test
  void longTextIsCutWithinTheLimitAndAttachedWhole() {
    String long1 = "x".repeat(5000);
    MessageCreateData message = DiscordMessages.create(Reply.builder().code(long1).build(), true);

    assertThat(message.getContent().length()).isLessThanOrEqualTo(DiscordMessages.MAX_CONTENT);
    assertThat(message.getContent()).contains(DiscordMessages.FULL_TEXT_FILE);
    assertThat(message.getFiles()).extracting(FileUpload::getName).containsExactly("reply.txt");
  }

  @Test
  void aTitledReplyIsAnEmbedWithFieldsAndATableAsACodeBlock() {
    Reply reply =
        Reply.builder()
            .title("web — info")
            .fields(List.of(new Block.Field("OS", "debian-12")))
            .table(List.of("file", "size"), List.of(List.of("a.tar.gz", "1 GiB"), List.of("b")))
            .build();

    MessageEmbed embed = DiscordMessages.create(reply, true).getEmbeds().get(0);

    assertThat(embed.getTitle()).isEqualTo("web — info");
    assertThat(embed.getFields()).extracting(MessageEmbed.Field::getName).containsExactly("OS");
    assertThat(embed.getDescription())
        .startsWith("```\n")
        .contains("a.tar.gz  1 GiB")
        .endsWith("```");
  }

  @Test
  void aHugeEmbedStaysUnderDiscordsLimitsAndKeepsTheFullText() {
    List<Block.Field> fields = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      fields.add(new Block.Field("field " + i, "v".repeat(200)));
    }
    Reply reply =
        Reply.builder().title("t".repeat(400)).fields(fields).text("d".repeat(9000)).build();

    MessageCreateData message = DiscordMessages.create(reply, true);
    MessageEmbed embed = message.getEmbeds().get(0);

    assertThat(embed.getTitle().length()).isLessThanOrEqualTo(DiscordMessages.MAX_TITLE);
    assertThat(embed.getDescription().length())
        .isLessThanOrEqualTo(DiscordMessages.MAX_DESCRIPTION);
    assertThat(embed.getLength()).isLessThanOrEqualTo(DiscordMessages.MAX_EMBED_TOTAL);
    assertThat(message.getFiles()).extracting(FileUpload::getName).contains("reply.txt");
  }

  @Test
  void aChartIsAnImageAttachmentShownInTheEmbed() {
    Reply reply =
        Reply.builder()
            .title("web — usage")
            .attach(Attachment.png("usage.png", new byte[] {1, 2, 3}))
            .build();

    MessageCreateData message = DiscordMessages.create(reply, true);

    assertThat(message.getFiles()).extracting(FileUpload::getName).containsExactly("usage.png");
    assertThat(message.getEmbeds().get(0).getImage().getUrl()).isEqualTo("attachment://usage.png");
  }

  @Test
  void buttonsCarryTheCoreTokensAndASecretQuestionOpensAForm() {
    Reply reply =
        Reply.builder()
            .text("Confirm?")
            .button(Button.of("Confirm", ButtonToken.confirm("abc"), Button.Style.DANGER))
            .button(Button.of("Ack", ButtonToken.ack("A7"), Button.Style.PRIMARY))
            .secretRequest(
                new SecretRequest("K7F2QA", "Root password of 198.51.100.20", "Root password"))
            .build();

    MessageCreateData message = DiscordMessages.create(reply, true);
    String json = message.toData().toString();

    assertThat(json)
        .contains(ButtonToken.confirm("abc").encode())
        .contains(ButtonToken.ack("A7").encode())
        .contains(ButtonIds.secret("K7F2QA"))
        .contains("Enter root password");
    assertThat(DiscordMessages.create(reply, false).getComponents()).isEmpty();
  }
}

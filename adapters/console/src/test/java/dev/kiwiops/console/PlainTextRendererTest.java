package dev.kiwiops.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.ButtonToken;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTextRendererTest {
  private final PlainTextRenderer renderer = new PlainTextRenderer();

  @Test
  void fieldsAreAlignedUnderTheTitle() {
    Reply reply =
        Reply.builder()
            .title("web1 — info")
            .fields(List.of(new Block.Field("OS", "debian"), new Block.Field("Bandwidth", "1 GiB")))
            .build();

    assertThat(renderer.render(reply))
        .isEqualTo("web1 — info\n  OS:        debian\n  Bandwidth: 1 GiB\n");
  }

  @Test
  void tableColumnsAreAlignedAndTrailingSpaceTrimmed() {
    Reply reply =
        Reply.builder()
            .table(
                List.of("server", "state"),
                List.of(List.of("web1", "running"), List.of("legacy1", "")))
            .build();

    assertThat(renderer.render(reply))
        .isEqualTo("  server   state\n  web1     running\n  legacy1\n");
  }

  @Test
  void errorsAreMarkedAndCodeIsIndented() {
    Reply reply = Reply.builder().tone(Tone.ERROR).text("failed").code("line 1\nline 2").build();

    assertThat(renderer.render(reply)).isEqualTo("! failed\n    line 1\n    line 2\n");
  }

  @Test
  void confirmationButtonsAreNotPrintedButOtherButtonsShowTheirCommand() {
    Reply reply =
        Reply.builder()
            .text("alert")
            .button(Button.of("Confirm", ButtonToken.confirm("SECRET-TOKEN"), Button.Style.DANGER))
            .button(Button.of("Resolve", ButtonToken.resolve("web1", 14), Button.Style.DANGER))
            .build();

    assertThat(renderer.render(reply))
        .doesNotContain("SECRET-TOKEN")
        .contains("[Resolve: abuse resolve web1 14]");
  }

  @Test
  void approvalButtonsHideTheirTokenAndAlertButtonsShowTheTypedCommand() {
    Reply reply =
        Reply.builder()
            .text("approval")
            .button(
                Button.of("Approve", ButtonToken.approve("APPROVAL-TOKEN"), Button.Style.DANGER))
            .button(
                Button.of("Cancel", ButtonToken.cancel("APPROVAL-TOKEN"), Button.Style.SECONDARY))
            .button(Button.of("Ack", ButtonToken.ack("A7"), Button.Style.PRIMARY))
            .button(Button.of("Snooze 1h", ButtonToken.snooze("A7", "1h"), Button.Style.SECONDARY))
            .build();

    assertThat(renderer.render(reply))
        .doesNotContain("APPROVAL-TOKEN")
        .contains("[Ack: alerts ack A7] [Snooze 1h: alerts snooze A7 1h]");
  }
}

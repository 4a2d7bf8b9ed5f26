package dev.kiwiops.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Button;
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
            .button(new Button("Confirm", "confirm SECRET-TOKEN", Button.Style.DANGER))
            .button(new Button("Resolve", "abuse resolve web1 14", Button.Style.DANGER))
            .build();

    assertThat(renderer.render(reply))
        .doesNotContain("SECRET-TOKEN")
        .contains("[Resolve: abuse resolve web1 14]");
  }
}

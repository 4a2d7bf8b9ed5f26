package dev.kiwiops.core.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chat sentence of a failure stays short whatever KiwiVM put in its answer. */
class ApiResultTest {

  @Test
  void aShortApiErrorMessageIsQuotedWhole() {
    assertThat(new ApiResult.ApiError<Done>(700001, "Invalid ve_id").describeFailure())
        .isEqualTo("KiwiVM error 700001: Invalid ve_id");
  }

  @Test
  void aHugeApiErrorMessageIsCut() {
    String text = new ApiResult.ApiError<Done>(1, "x".repeat(100_000)).describeFailure();

    assertThat(text).startsWith("KiwiVM error 1: xxx").endsWith("x…");
    assertThat(text).hasSize("KiwiVM error 1: ".length() + ApiResult.MAX_QUOTED);
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\ud83d\ude00";
    String text = new ApiResult.ApiError<Done>(1, emoji.repeat(500)).describeFailure();

    String quoted = text.substring("KiwiVM error 1: ".length(), text.length() - 1);
    assertThat(quoted).isEqualTo(emoji.repeat(quoted.length() / 2));
  }

  @Test
  void aHugeLockDescriptionIsCut() {
    String text =
        new ApiResult.Locked<Done>("op".repeat(5_000), 40, "p".repeat(5_000), 3).describeFailure();

    assertThat(text.length()).isLessThan(2 * ApiResult.MAX_QUOTED + 80);
    assertThat(text).startsWith("The server is busy with opop").contains("(40%, ppp");
  }
}

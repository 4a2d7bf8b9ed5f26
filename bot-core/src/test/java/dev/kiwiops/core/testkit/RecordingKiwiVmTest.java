package dev.kiwiops.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import org.junit.jupiter.api.Test;

/** A name that is not on the port fails loudly instead of counting zero calls. */
class RecordingKiwiVmTest {
  final RecordingKiwiVm kiwi = new RecordingKiwiVm();

  @Test
  void aMisspelledMethodCannotCountZero() {
    assertThatThrownBy(() -> kiwi.count("kil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kil");
    assertThatThrownBy(() -> kiwi.calls("killServer")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> kiwi.answer("stopp", new ApiResult.Ok<>(Done.INSTANCE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FleetKiwi("web1").count("web1", "kil"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMethodOnThePortCountsItsCalls() {
    assertThat(kiwi.count("kill")).isZero();
    kiwi.port().kill(null);
    assertThat(kiwi.count("kill")).isEqualTo(1);
  }
}

package dev.kiwiops.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.testkit.FakeServiceInfo;
import dev.kiwiops.core.testkit.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InfoRenderingTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:10:00Z");

  @Test
  void bandwidthShowsTheScaledFiguresTheRawOnesAndTheReset() {
    FakeServiceInfo fake = new FakeServiceInfo();
    fake.dataCounter = 400 * FakeServiceInfo.GIB;
    fake.multiplier = 1.5;

    assertThat(InfoCommands.bandwidth(fake.info(), clock))
        .isEqualTo(
            "600 GiB of 1.46 TiB (40%), multiplier ×1.5 (raw 400 GiB of 1000 GiB);"
                + " resets in 18 days (2026-01-20 00:00 UTC)");
  }

  @Test
  void aNullrouteWithoutADurationEndsAtItsStartTime() {
    FakeServiceInfo fake = new FakeServiceInfo();
    fake.nullroutes.put(
        "192.0.2.1", new ServiceInfo.Nullroute(Instant.parse("2026-01-01T00:00:00Z"), 0, "log"));

    String text = InfoCommands.renderInfo(CommandsFixture.WEB1, fake.info(), clock).plainText();

    assertThat(text).containsPattern("Nullrouted: 192.0.2.1 since 2026-01-01 00:00 UTC(\\.|\\n|$)");
  }
}

package dev.kiwiops.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnitsTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

  @Test
  void bytesAreBinary() {
    assertThat(Units.bytes(512)).isEqualTo("512 B");
    assertThat(Units.bytes(2147483648000L)).isEqualTo("1.95 TiB");
    assertThat(Units.bytes(1536)).isEqualTo("1.50 KiB");
  }

  @Test
  void bytesAtUnitAndPrecisionBoundaries() {
    assertThat(Units.bytes(1023)).isEqualTo("1023 B");
    assertThat(Units.bytes(1024)).isEqualTo("1.00 KiB");
    assertThat(Units.bytes(1024L * 1024 * 1024 * 1024)).isEqualTo("1.00 TiB");
    assertThat(Units.bytes(1024L * 1024 - 1)).isEqualTo("1.00 MiB");
    assertThat(Units.bytes(1024L * 1024 * 1024 * 1024 - 1)).isEqualTo("1.00 TiB");
    assertThat(Units.bytes(10 * 1024 - 1)).isEqualTo("10.0 KiB");
    assertThat(Units.bytes(100 * 1024 - 1)).isEqualTo("100 KiB");
  }

  @Test
  void relativeTimes() {
    assertThat(Units.relative(NOW.plus(Duration.ofDays(11)), NOW)).isEqualTo("in 11 days");
    assertThat(Units.relative(NOW.minus(Duration.ofHours(3)), NOW)).isEqualTo("3 hours ago");
    assertThat(Units.relative(NOW, NOW)).isEqualTo("now");
  }

  @Test
  void utcToTheMinute() {
    assertThat(Units.utc(Instant.parse("2025-09-09T15:27:59Z"))).isEqualTo("2025-09-09 15:27 UTC");
  }

  @Test
  void ratesAreDecimalBits() {
    assertThat(Units.rate(300_000_000L, Duration.ofMinutes(5))).isEqualTo("8.0 Mbit/s");
    assertThat(Units.rate(10, Duration.ofSeconds(1))).isEqualTo("80 bit/s");
  }

  @Test
  void periodsAsTyped() {
    assertThat(Units.period(Duration.ofHours(24))).isEqualTo("1d");
    assertThat(Units.period(Duration.ofHours(6))).isEqualTo("6h");
    assertThat(Units.period(Duration.ofMinutes(90))).isEqualTo("90m");
  }
}

package dev.kiwiops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.kiwivm.UsageStats;
import dev.kiwiops.core.kiwivm.VmType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class JFreeUsageChartRendererTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static UsageStats day() {
    List<UsageStats.Sample> samples = new ArrayList<>();
    for (int i = 0; i < 288; i++) {
      samples.add(
          new UsageStats.Sample(
              START.plus(Duration.ofMinutes(5L * i)),
              i % 100,
              80_000_000L + i * 1000,
              70_000_000L,
              i * 4096L,
              5_000_000L));
    }
    return new UsageStats(VmType.KVM, samples);
  }

  @Test
  void pngDecodesAtTheRequestedSize() throws IOException {
    byte[] png = new JFreeUsageChartRenderer(800, 600).renderPng("web1", day(), Duration.ofDays(1));

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(600);
  }

  @Test
  void axesAreLabelledAndTheTitleNamesServerAndPeriod() {
    JFreeChart chart = new JFreeUsageChartRenderer().chart("web1", day(), Duration.ofHours(6));

    CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getPlot();
    List<XYPlot> subplots = plot.getSubplots();
    assertThat(chart.getTitle().getText()).isEqualTo("web1 — usage, last 6h");
    assertThat(plot.getDomainAxis().getLabel()).isEqualTo("Time (UTC)");
    assertThat(subplots)
        .extracting(p -> p.getRangeAxis().getLabel())
        .containsExactly("CPU %", "Network (Mbit/s)", "Disk I/O (MiB/s)");
    assertThat(subplots).extracting(p -> p.getDataset().getSeriesCount()).containsExactly(1, 2, 2);
  }

  @Test
  void networkIsPlottedAsARateOverTheSampleInterval() {
    JFreeChart chart = new JFreeUsageChartRenderer().chart("web1", day(), Duration.ofDays(1));

    XYPlot network = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(1);
    // 70 000 000 bytes out in 300 s = 1.8667 Mbit/s.
    assertThat(network.getDataset().getYValue(1, 0))
        .isCloseTo(1.8667, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void aSingleSampleStillRenders() throws IOException {
    UsageStats one =
        new UsageStats(VmType.OVZ, List.of(new UsageStats.Sample(START, 3, 1, 2, 3, 4)));

    byte[] png = new JFreeUsageChartRenderer(400, 300).renderPng("vz1", one, Duration.ofHours(1));

    assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(400);
  }
}

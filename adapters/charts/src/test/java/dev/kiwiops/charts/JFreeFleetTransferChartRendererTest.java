package dev.kiwiops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.format.FleetTransferChartRenderer.Bar;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;

class JFreeFleetTransferChartRendererTest {
  private static final long GIB = 1024L * 1024 * 1024;
  private final List<Bar> bars =
      List.of(
          new Bar("web1", 800 * GIB, Optional.of(2400 * GIB), 2000 * GIB),
          new Bar("db1", 100 * GIB, Optional.empty(), 1000 * GIB));

  @Test
  void drawsAPngOfTheRequestedSize() throws Exception {
    byte[] png = new JFreeFleetTransferChartRenderer(800, 500).renderPng("Transfer", bars);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(500);
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void eachServerHasUsedProjectedAndQuotaInGib() {
    JFreeChart chart = new JFreeFleetTransferChartRenderer().chart("Transfer", bars);
    CategoryPlot plot = chart.getCategoryPlot();
    var data = plot.getDataset();
    assertThat(data.getColumnKeys()).containsExactly("web1", "db1");
    assertThat(data.getRowKeys())
        .containsExactly(
            JFreeFleetTransferChartRenderer.USED,
            JFreeFleetTransferChartRenderer.PROJECTED,
            JFreeFleetTransferChartRenderer.QUOTA);
    assertThat(data.getValue(JFreeFleetTransferChartRenderer.PROJECTED, "web1").doubleValue())
        .isEqualTo(2400.0);
    assertThat(data.getValue(JFreeFleetTransferChartRenderer.QUOTA, "db1").doubleValue())
        .isEqualTo(1000.0);
    assertThat(data.getValue(JFreeFleetTransferChartRenderer.PROJECTED, "db1").doubleValue())
        .isZero();
    assertThat(plot.getRangeAxis().getLabel()).isEqualTo("Transfer (GiB)");
  }
}

package dev.kiwiops.charts;

import dev.kiwiops.core.format.FleetTransferChartRenderer;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The reports' fleet chart with JFreeChart: per server three bars in GiB, used so far, projected at
 * the reset (0 when not known yet) and the quota, multiplier applied. Draws off-screen.
 */
public final class JFreeFleetTransferChartRenderer implements FleetTransferChartRenderer {
  static final String USED = "used";
  static final String PROJECTED = "at the reset (forecast)";
  static final String QUOTA = "quota";
  static final String VALUE_AXIS = "Transfer (GiB)";
  private static final double GIB = 1024.0 * 1024 * 1024;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private final int width;
  private final int height;

  public JFreeFleetTransferChartRenderer() {
    this(1000, 600);
  }

  public JFreeFleetTransferChartRenderer(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @Override
  public byte[] renderPng(String title, List<Bar> bars) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart(title, bars), width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the fleet transfer chart", e);
    }
    return png.toByteArray();
  }

  /** The chart before rendering, for tests. */
  JFreeChart chart(String title, List<Bar> bars) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Bar bar : bars) {
      data.addValue(bar.used() / GIB, USED, bar.server());
      data.addValue(bar.projected().orElse(0L) / GIB, PROJECTED, bar.server());
      data.addValue(bar.quota() / GIB, QUOTA, bar.server());
    }
    CategoryAxis servers = new CategoryAxis("Server");
    if (bars.size() > 8) {
      servers.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    NumberAxis gib = new NumberAxis(VALUE_AXIS);
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, new Color(0x1971C2));
    renderer.setSeriesPaint(1, new Color(0xF08C00));
    renderer.setSeriesPaint(2, new Color(0xADB5BD));
    CategoryPlot plot = new CategoryPlot(data, servers, gib, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}

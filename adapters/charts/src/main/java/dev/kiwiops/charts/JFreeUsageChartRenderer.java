package dev.kiwiops.charts;

import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.format.UsageChartRenderer;
import dev.kiwiops.core.kiwivm.UsageStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The {@code usage} chart with JFreeChart: three stacked plots sharing a UTC time axis, CPU in
 * percent, network in/out in Mbit/s and disk read/write in MiB/s (the API's per-sample byte counts
 * divided by the sample interval). Draws off-screen, so it needs no display ({@code
 * java.awt.headless} is set to true when unset).
 */
public final class JFreeUsageChartRenderer implements UsageChartRenderer {
  static final String TIME_AXIS = "Time (UTC)";
  static final String CPU_AXIS = "CPU %";
  static final String NETWORK_AXIS = "Network (Mbit/s)";
  static final String DISK_AXIS = "Disk I/O (MiB/s)";
  private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private final int width;
  private final int height;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** A renderer of 1000×700 pixel images, readable on a phone and a desktop alike. */
  public JFreeUsageChartRenderer() {
    this(1000, 700);
  }

  public JFreeUsageChartRenderer(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @Override
  public byte[] renderPng(String server, UsageStats samples, Duration period) {
    JFreeChart chart = chart(server, samples, period);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the usage chart", e);
    }
    return png.toByteArray();
  }

  /** The chart before rendering: titles, axes and series, for tests and other outputs. */
  JFreeChart chart(String server, UsageStats stats, Duration period) {
    List<UsageStats.Sample> samples = stats.samples();
    Duration interval = interval(samples);
    double seconds = interval.toMillis() / 1000.0;

    TimeSeries cpu = new TimeSeries("CPU");
    TimeSeries in = new TimeSeries("in");
    TimeSeries out = new TimeSeries("out");
    TimeSeries read = new TimeSeries("read");
    TimeSeries write = new TimeSeries("write");
    for (UsageStats.Sample s : samples) {
      FixedMillisecond t = new FixedMillisecond(s.at().toEpochMilli());
      cpu.addOrUpdate(t, s.cpuUsage());
      in.addOrUpdate(t, s.networkInBytes() * 8 / seconds / 1e6);
      out.addOrUpdate(t, s.networkOutBytes() * 8 / seconds / 1e6);
      read.addOrUpdate(t, s.diskReadBytes() / seconds / (1024 * 1024));
      write.addOrUpdate(t, s.diskWriteBytes() / seconds / (1024 * 1024));
    }

    DateAxis time = new DateAxis(TIME_AXIS);
    time.setTimeZone(TimeZone.getTimeZone("UTC"));
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(12);
    NumberAxis cpuAxis = new NumberAxis(CPU_AXIS);
    cpuAxis.setRange(
        0,
        Math.max(100, samples.stream().mapToDouble(UsageStats.Sample::cpuUsage).max().orElse(100)));
    plot.add(subplot(cpuAxis, new Color(0xD9480F), cpu), 1);
    plot.add(subplot(new NumberAxis(NETWORK_AXIS), new Color(0x1971C2), in, out), 1);
    plot.add(subplot(new NumberAxis(DISK_AXIS), new Color(0x2F9E44), read, write), 1);

    JFreeChart chart =
        new JFreeChart(
            server + " — usage, last " + Units.period(period),
            JFreeChart.DEFAULT_TITLE_FONT,
            plot,
            true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static XYPlot subplot(NumberAxis axis, Color first, TimeSeries... series) {
    TimeSeriesCollection data = new TimeSeriesCollection();
    for (TimeSeries s : series) {
      data.addSeries(s);
    }
    axis.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    lines.setSeriesPaint(0, first);
    lines.setSeriesPaint(1, first.darker().darker());
    lines.setSeriesStroke(0, new BasicStroke(1.5f));
    lines.setSeriesStroke(1, new BasicStroke(1.5f));
    XYPlot plot = new XYPlot(data, null, axis, lines);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  /** The samples' spacing (5 minutes upstream), from the data when there are two or more. */
  static Duration interval(List<UsageStats.Sample> samples) {
    if (samples.size() < 2) {
      return DEFAULT_INTERVAL;
    }
    Instant first = samples.get(0).at();
    Instant last = samples.get(samples.size() - 1).at();
    Duration average = Duration.between(first, last).dividedBy(samples.size() - 1);
    return average.isZero() || average.isNegative() ? DEFAULT_INTERVAL : average;
  }
}

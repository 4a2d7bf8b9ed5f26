package dev.kiwiops.core.format;

import dev.kiwiops.core.kiwivm.UsageStats;
import java.time.Duration;

/**
 * Draws the {@code usage} chart: CPU %, network in/out and disk read/write over time, as a PNG. The
 * core knows no charting library; an adapter ({@code adapter-charts}) implements this port.
 */
public interface UsageChartRenderer {

  /**
   * Renders the samples (already limited to the period, oldest first) as a PNG image.
   *
   * @param server the fleet name, for the title
   * @param samples the samples to draw, not empty
   * @param period how far back the chart looks, for the title
   */
  byte[] renderPng(String server, UsageStats samples, Duration period);
}

package dev.kiwiops.core.format;

import java.util.List;
import java.util.Optional;

/**
 * Draws the reports' chart: each server's transfer this month against its quota, and the forecast
 * at the reset, as a PNG. An adapter ({@code adapter-charts}) implements this port.
 */
public interface FleetTransferChartRenderer {

  /**
   * One server's bar: bytes used, projected at the reset (when known) and the quota, all with the
   * multiplier applied.
   */
  record Bar(String server, long used, Optional<Long> projected, long quota) {}

  /** Renders the bars (not empty), in the given order, with {@code title} above. */
  byte[] renderPng(String title, List<Bar> bars);
}

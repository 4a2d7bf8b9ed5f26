package dev.kiwiops.core.kiwivm;

import java.time.Instant;
import java.util.List;

/** {@code getRawUsageStats}: 5-minute samples of CPU, network and disk I/O. */
public record UsageStats(VmType vmType, List<Sample> samples) {
  public UsageStats {
    samples = List.copyOf(samples);
  }

  /** One sample; byte counts are per sample interval. */
  public record Sample(
      Instant at,
      double cpuUsage,
      long networkInBytes,
      long networkOutBytes,
      long diskReadBytes,
      long diskWriteBytes) {}
}

package dev.kiwiops.core.format;

import dev.kiwiops.core.kiwivm.UsageStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The text beside a usage chart: average and peak CPU (with when), total network in/out and disk
 * read/write over the period.
 */
public record UsageSummary(
    int samples,
    Instant from,
    Instant to,
    double cpuAverage,
    double cpuPeak,
    Instant cpuPeakAt,
    long networkIn,
    long networkOut,
    long diskRead,
    long diskWrite,
    long networkPeakBytes,
    Instant networkPeakAt) {

  /** Summarises the samples; they must not be empty. */
  public static UsageSummary of(List<UsageStats.Sample> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double cpuSum = 0;
    UsageStats.Sample cpuPeak = samples.get(0);
    UsageStats.Sample netPeak = samples.get(0);
    long in = 0;
    long out = 0;
    long read = 0;
    long write = 0;
    Instant from = samples.get(0).at();
    Instant to = from;
    for (UsageStats.Sample s : samples) {
      cpuSum += s.cpuUsage();
      if (s.cpuUsage() > cpuPeak.cpuUsage()) {
        cpuPeak = s;
      }
      if (s.networkInBytes() + s.networkOutBytes()
          > netPeak.networkInBytes() + netPeak.networkOutBytes()) {
        netPeak = s;
      }
      in += s.networkInBytes();
      out += s.networkOutBytes();
      read += s.diskReadBytes();
      write += s.diskWriteBytes();
      from = s.at().isBefore(from) ? s.at() : from;
      to = s.at().isAfter(to) ? s.at() : to;
    }
    return new UsageSummary(
        samples.size(),
        from,
        to,
        cpuSum / samples.size(),
        cpuPeak.cpuUsage(),
        cpuPeak.at(),
        in,
        out,
        read,
        write,
        netPeak.networkInBytes() + netPeak.networkOutBytes(),
        netPeak.at());
  }

  /** Lines for the reply, one fact each. */
  public List<String> lines(Duration sampleInterval) {
    return List.of(
        String.format(
            Locale.ROOT,
            "CPU: average %.1f%%, peak %.0f%% at %s",
            cpuAverage,
            cpuPeak,
            Units.utc(cpuPeakAt)),
        "Network: "
            + Units.bytes(networkIn)
            + " in, "
            + Units.bytes(networkOut)
            + " out"
            + "; busiest "
            + Units.rate(networkPeakBytes, sampleInterval)
            + " at "
            + Units.utc(networkPeakAt),
        "Disk: " + Units.bytes(diskRead) + " read, " + Units.bytes(diskWrite) + " written",
        samples + " samples from " + Units.utc(from) + " to " + Units.utc(to));
  }
}

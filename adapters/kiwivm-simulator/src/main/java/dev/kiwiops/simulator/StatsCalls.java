package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;

import dev.kiwiops.simulator.ApiCalls.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The read-only statistics calls: usage, the audit log and the rate-limit budget. */
final class StatsCalls {

  void register(CallTable table) {
    table.read("getUsageGraphs", this::usageGraphs);
    table.read("getRawUsageStats", this::rawUsageStats);
    table.read("getAuditLog", this::auditLog);
    table.read("getRateLimitStatus", this::rateLimitStatus);
  }

  private Map<String, Object> usageGraphs(Request r) {
    throw new ApiError(
        ApiError.NOT_SUPPORTED, "getUsageGraphs is obsolete, use getRawUsageStats instead");
  }

  private Map<String, Object> rawUsageStats(Request r) {
    SimulatedServer s = r.server();
    long now = s.now().getEpochSecond();
    long last = now - now % 300;
    List<Object> data = new ArrayList<>();
    for (long t = last - 287 * 300; t <= last; t += 300) {
      data.add(usageSample(s, t));
    }
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("data", data);
    b.put("vm_type", s.vmType().wireName());
    b.put("error", 0);
    return b;
  }

  /** A believable 5-minute sample, the same every time it is asked for. */
  private static Map<String, Object> usageSample(SimulatedServer s, long timestamp) {
    SplittableRandom random = new SplittableRandom(s.veid() * 1_000_003L + timestamp);
    // Busier in the (UTC) evening, quiet at night.
    double hour = (timestamp % 86400) / 3600.0;
    double daily = 0.6 + 0.4 * Math.sin((hour - 8) / 24 * 2 * Math.PI);
    boolean latest = timestamp > s.now().getEpochSecond() - 300;
    boolean hot = s.cpuThrottled && latest;
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("timestamp", timestamp);
    sample.put(
        "cpu_usage", hot ? 95 + random.nextInt(6) : (int) (daily * (4 + random.nextInt(12))));
    sample.put("network_in_bytes", (long) (daily * (40_000_000 + random.nextInt(60_000_000))));
    sample.put("network_out_bytes", (long) (daily * (30_000_000 + random.nextInt(70_000_000))));
    sample.put("disk_read_bytes", random.nextInt(4) == 0 ? 0L : 4096L * random.nextInt(64));
    sample.put(
        "disk_write_bytes",
        4096L * (500 + random.nextInt(s.diskThrottled && latest ? 100000 : 1500)));
    return sample;
  }

  private Map<String, Object> auditLog(Request r) {
    List<Object> entries = new ArrayList<>();
    for (SimulatedServer.AuditEntry e : r.server().auditLog) {
      Map<String, Object> one = new LinkedHashMap<>();
      // The live log mixes strings and numbers; API entries come as strings, logins as numbers.
      boolean strings = e.type() != 0;
      one.put(
          "timestamp",
          strings
              ? String.valueOf(e.timestamp().getEpochSecond())
              : e.timestamp().getEpochSecond());
      one.put("requestor_ipv4", strings ? String.valueOf(e.requestorIpv4()) : e.requestorIpv4());
      one.put("type", strings ? String.valueOf(e.type()) : e.type());
      one.put("summary", e.summary());
      entries.add(one);
    }
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("log_entries", entries);
    b.put("error", 0);
    return b;
  }

  private Map<String, Object> rateLimitStatus(Request r) {
    Map<String, Object> b = ok();
    b.put("remaining_points_15min", r.server().remainingPoints15min());
    b.put("remaining_points_24h", r.server().remainingPoints24h());
    return b;
  }
}

package dev.kiwiops.core.testkit;

import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.VmType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds service info answers for watcher tests: a calm KVM server unless told otherwise. */
public final class FakeServiceInfo {
  public static final long GIB = 1024L * 1024 * 1024;

  public final Map<String, ServiceInfo.Nullroute> nullroutes = new LinkedHashMap<>();
  public boolean suspended;
  public boolean policyViolation;
  public long abusePoints;
  public long maxAbusePoints = 100;
  public long dataCounter = 10 * GIB;
  public long monthlyData = 1000 * GIB;
  public double multiplier = 1.0;
  public Instant nextReset = Instant.parse("2026-01-20T00:00:00Z");
  public PowerState power = PowerState.RUNNING;
  public boolean cpuThrottled;
  public boolean diskThrottled;

  public FakeServiceInfo nullroute(String ip, String log) {
    nullroutes.put(ip, new ServiceInfo.Nullroute(Instant.parse("2026-01-01T00:00:00Z"), 3600, log));
    return this;
  }

  public ServiceInfo info() {
    return new ServiceInfo(
        VmType.KVM,
        "host",
        "node",
        "US, California",
        "USCA_6",
        "DC6",
        true,
        "kvmv3-ssd-1g",
        20 * GIB,
        GIB,
        0,
        monthlyData,
        multiplier,
        dataCounter,
        nextReset,
        "debian-12-x86_64",
        "ops@example.com",
        List.of("192.0.2.1", "2001:db8::1"),
        List.of(),
        nullroutes,
        "",
        "",
        List.of(),
        1,
        true,
        false,
        false,
        Map.of(),
        suspended,
        policyViolation,
        0,
        abusePoints,
        maxAbusePoints);
  }

  public LiveServiceInfo live() {
    return new LiveServiceInfo(
        info(),
        power,
        cpuThrottled,
        diskThrottled,
        22,
        "host",
        "0.00 0.00 0.00 1/147 6101",
        500_000L,
        0L,
        0L,
        5 * GIB,
        20L,
        "00:00:00:00:00:01",
        null,
        Map.of(),
        Map.of());
  }
}

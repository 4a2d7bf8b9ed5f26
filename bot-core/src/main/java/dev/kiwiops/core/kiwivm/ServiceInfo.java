package dev.kiwiops.core.kiwivm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code getServiceInfo}: plan, location, addresses, bandwidth, abuse state. Quotas are raw bytes
 * as the API reports them; {@code monthlyDataMultiplier} applies to both the counter and the quota
 * (see {@link #scaledDataCounter()} and {@link #scaledMonthlyData()}).
 */
public record ServiceInfo(
    VmType vmType,
    String hostname,
    String nodeAlias,
    String nodeLocation,
    String nodeLocationId,
    String nodeDatacenter,
    boolean locationIpv6Ready,
    String plan,
    long planDiskBytes,
    long planRamBytes,
    long planSwapBytes,
    long planMonthlyDataBytes,
    double monthlyDataMultiplier,
    long dataCounterBytes,
    Instant dataNextReset,
    String os,
    String email,
    List<String> ipAddresses,
    List<String> privateIpAddresses,
    Map<String, Nullroute> nullroutes,
    String iso1,
    String iso2,
    List<String> availableIsos,
    int planMaxIpv6s,
    boolean rdnsApiAvailable,
    boolean planPrivateNetworkAvailable,
    boolean locationPrivateNetworkAvailable,
    Map<String, String> ptr,
    boolean suspended,
    boolean policyViolation,
    int suspensionCount,
    long totalAbusePoints,
    long maxAbusePoints) {

  public ServiceInfo {
    ipAddresses = List.copyOf(ipAddresses);
    privateIpAddresses = List.copyOf(privateIpAddresses);
    nullroutes = Map.copyOf(nullroutes);
    availableIsos = List.copyOf(availableIsos);
    ptr = Map.copyOf(ptr);
  }

  /** Transfer used this month, with the location's multiplier applied. */
  public long scaledDataCounter() {
    return Math.round(dataCounterBytes * monthlyDataMultiplier);
  }

  /** Monthly transfer quota, with the location's multiplier applied. */
  public long scaledMonthlyData() {
    return Math.round(planMonthlyDataBytes * monthlyDataMultiplier);
  }

  /** A DDoS nullroute on one IP: when it started, how long it lasts, the raw attack log. */
  public record Nullroute(Instant since, long durationSeconds, String log) {}
}

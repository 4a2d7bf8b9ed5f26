package dev.kiwiops.core.kiwivm;

import java.util.Map;

/**
 * {@code getLiveServiceInfo}: everything of {@link ServiceInfo} plus the live state. KVM fills the
 * {@code ve*}/memory fields; OpenVZ fills {@code vzStatus}/{@code vzQuota} (string values as the
 * API sends them) and leaves the KVM-only fields null.
 */
public record LiveServiceInfo(
    ServiceInfo info,
    PowerState powerState,
    boolean cpuThrottled,
    boolean diskThrottled,
    Integer sshPort,
    String liveHostname,
    String loadAverage,
    Long memAvailableKb,
    Long swapTotalKb,
    Long swapAvailableKb,
    Long usedDiskBytes,
    Long diskQuotaGb,
    String mac,
    byte[] screenshotPng,
    Map<String, String> vzStatus,
    Map<String, String> vzQuota) {

  public LiveServiceInfo {
    vzStatus = Map.copyOf(vzStatus);
    vzQuota = Map.copyOf(vzQuota);
  }
}

package dev.kiwiops.simulator;

import dev.kiwiops.simulator.SimulatedServer.PowerState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The service information calls, stored and live, for KVM and OpenVZ. */
final class InfoCalls {

  static final String SCREENDUMP_PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  private static final long GIB = 1024L * 1024 * 1024;

  void register(CallTable table) {
    table.read("getServiceInfo", r -> serviceInfo(r.server(), false));
    table.read("getLiveServiceInfo", r -> serviceInfo(r.server(), true));
  }

  Map<String, Object> serviceInfo(SimulatedServer s, boolean live) {
    return s.vmType() == VmType.KVM ? kvmInfo(s, live) : ovzInfo(s, live);
  }

  private Map<String, Object> kvmInfo(SimulatedServer s, boolean live) {
    ServerSpec spec = s.spec();
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("vm_type", "kvm");
    b.put("hostname", s.hostname);
    b.put("node_alias", s.nodeAlias);
    b.put("node_location_id", s.location.id());
    b.put("node_location", s.location.nodeLocation());
    b.put("node_datacenter", s.location.datacenter());
    b.put("location_ipv6_ready", true);
    b.put("plan", spec.plan());
    b.put("plan_monthly_data", spec.planMonthlyData());
    b.put("monthly_data_multiplier", s.monthlyDataMultiplier);
    b.put("plan_disk", spec.planDisk());
    b.put("plan_ram", spec.planRam());
    b.put("plan_swap", spec.planSwap());
    b.put("plan_max_ipv6s", spec.planMaxIpv6s());
    b.put("os", s.os);
    b.put("email", spec.email());
    b.put("data_counter", s.dataCounter);
    b.put("data_next_reset", nextMonthlyReset(s.now()));
    b.put("ip_addresses", ipAddresses(s));
    b.put("ipv6_sit_tunnel_endpoint", s.location.nodeIp());
    b.put("private_ip_addresses", List.copyOf(s.privateIps));
    b.put("ip_nullroutes", nullroutes(s));
    b.put("iso1", s.iso1);
    b.put("iso2", "");
    b.put("available_isos", spec.availableIsos());
    b.put("plan_private_network_available", spec.privateNetworkAvailable());
    b.put("location_private_network_available", true);
    b.put("rdns_api_available", spec.rdnsApiAvailable());
    b.put("ptr", new LinkedHashMap<>(s.ptr));
    b.put("suspended", !s.suspensions.isEmpty());
    b.put("policy_violation", !s.violations.isEmpty());
    b.put("suspension_count", s.suspensionCount);
    b.put("total_abuse_points", s.totalAbusePoints);
    b.put("max_abuse_points", s.maxAbusePoints);
    b.put("free_ip_replacement_interval", -100);
    b.put("error", 0);
    if (!live) {
      return b;
    }
    boolean running = s.power == PowerState.RUNNING;
    b.put("ve_status", running ? "running" : "stopped");
    b.put(
        "ve_mac1",
        String.format(
            "02:00:00:%02x:%02x:%02x",
            (s.veid() >> 16) & 0xff, (s.veid() >> 8) & 0xff, s.veid() & 0xff));
    b.put("ve_used_disk_space_b", 6285897728L + s.snapshots.size() * 1024L * 1024);
    b.put("ve_disk_quota_gb", String.valueOf(spec.planDisk() / GIB));
    b.put("is_cpu_throttled", s.cpuThrottled ? (Object) 1 : "");
    b.put("is_disk_throttled", s.diskThrottled ? (Object) 1 : "");
    if (running) {
      b.put("ssh_port", spec.sshPort());
    }
    b.put("live_hostname", running ? s.hostname : "");
    b.put("load_average", running ? kvmLoadAverage(s) : "");
    b.put("mem_available_kb", running ? spec.planRam() / 1024 * 86 / 100 : 0);
    b.put("swap_total_kb", running ? 558076 : 0);
    b.put("swap_available_kb", running ? 558076 : 0);
    b.put("screendump_png_base64", SCREENDUMP_PNG_BASE64);
    b.put("veid", s.veid());
    return b;
  }

  private static String kvmLoadAverage(SimulatedServer s) {
    return s.cpuThrottled ? "3.97 3.85 3.60 5/163 8123" : "0.00 0.01 0.05 1/147 6101";
  }

  private Map<String, Object> ovzInfo(SimulatedServer s, boolean live) {
    ServerSpec spec = s.spec();
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("vm_type", "ovz");
    if (live) {
      b.put("vz_status", vzStatus(s));
      b.put("vz_quota", vzQuota(spec));
      b.put("is_cpu_throttled", s.cpuThrottled ? (Object) 1 : "");
      b.put("ssh_port", spec.sshPort());
    }
    b.put("hostname", s.hostname);
    b.put("node_ip", s.location.nodeIp());
    b.put("node_alias", s.nodeAlias);
    b.put("node_location", s.location.nodeLocation());
    b.put("location_ipv6_ready", true);
    b.put("plan", spec.plan());
    b.put("plan_monthly_data", spec.planMonthlyData());
    if (s.monthlyDataMultiplier != 1) {
      // Legacy OpenVZ answers carry the multiplier only where it matters.
      b.put("monthly_data_multiplier", s.monthlyDataMultiplier);
    }
    b.put("plan_disk", spec.planDisk());
    b.put("plan_ram", spec.planRam());
    b.put("plan_swap", spec.planSwap());
    b.put("plan_max_ipv6s", spec.planMaxIpv6s());
    b.put("os", s.os);
    b.put("email", spec.email());
    b.put("data_counter", s.dataCounter);
    b.put("data_next_reset", nextMonthlyReset(s.now()));
    b.put("ip_addresses", ipAddresses(s));
    b.put("private_ip_addresses", List.copyOf(s.privateIps));
    b.put("ip_nullroutes", nullroutes(s));
    b.put("rdns_api_available", spec.rdnsApiAvailable());
    b.put("ptr", new LinkedHashMap<>(s.ptr));
    b.put("suspended", !s.suspensions.isEmpty());
    b.put("policy_violation", !s.violations.isEmpty());
    b.put("suspension_count", s.suspensionCount);
    b.put("total_abuse_points", s.totalAbusePoints);
    b.put("max_abuse_points", s.maxAbusePoints);
    b.put("error", 0);
    return b;
  }

  private static Map<String, Object> vzStatus(SimulatedServer s) {
    boolean running = s.power == PowerState.RUNNING;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("status", running ? "running" : "stopped");
    v.put("hostname", s.hostname);
    v.put("load_average", running ? (s.cpuThrottled ? "1.02/0.97/0.88" : "0.00/0.00/0.00") : "");
    v.put("nproc", running ? "7" : "0");
    v.put("nproc_b", "200");
    v.put("kmemsize", running ? "2079775" : "0");
    v.put("kmemsize_b", "134217728");
    v.put("privvmpages", running ? "3380" : "0");
    v.put("privvmpages_b", String.valueOf(s.spec().planRam() / 1024));
    v.put("oomguarpages", running ? "2304" : "0");
    v.put("oomguarpages_b", String.valueOf(s.spec().planRam() / 4096));
    v.put("numtcpsock", running ? "17" : "0");
    v.put("numtcpsock_b", "1670");
    v.put("numfile", running ? "114" : "0");
    v.put("numfile_b", "10240");
    v.put("swappages", running ? "883" : "0");
    v.put("swappages_b", String.valueOf(s.spec().planSwap() / 4096));
    v.put("physpages", running ? "4359" : "0");
    v.put("physpages_l", String.valueOf(s.spec().planRam() / 4096));
    return v;
  }

  private static Map<String, Object> vzQuota(ServerSpec spec) {
    long softKb = spec.planDisk() / 1024;
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("occupied_kb", "665424");
    q.put("softlimit_kb", String.valueOf(softKb));
    q.put("hardlimit_kb", String.valueOf(softKb * 105 / 100));
    q.put("occupied_inodes", "23231");
    q.put("softlimit_inodes", "12288000");
    q.put("hardlimit_inodes", "12902400");
    return q;
  }

  private static List<String> ipAddresses(SimulatedServer s) {
    List<String> all = new ArrayList<>(s.ipv4);
    all.addAll(s.ipv6);
    return all;
  }

  private static Map<String, Object> nullroutes(SimulatedServer s) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (SimulatedServer.Nullroute n : s.nullroutes.values()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("nullroute_timestamp", n.since().getEpochSecond());
      one.put("nullroute_duration_s", n.durationSeconds());
      one.put("log", n.log());
      all.put(n.ip(), one);
    }
    return all;
  }

  private static long nextMonthlyReset(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return today.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }
}

package dev.kiwiops.kiwivm;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.kiwivm.AvailableOs;
import dev.kiwiops.core.kiwivm.Backup;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.MigrateLocations;
import dev.kiwiops.core.kiwivm.MigrateStarted;
import dev.kiwiops.core.kiwivm.PanelAuditLog;
import dev.kiwiops.core.kiwivm.PasswordReset;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.ReinstallResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.kiwivm.SnapshotExport;
import dev.kiwiops.core.kiwivm.SshKeys;
import dev.kiwiops.core.kiwivm.StartResult;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.kiwivm.UsageStats;
import dev.kiwiops.core.kiwivm.VmType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successful ({@code error: 0}) KiwiVM answers into the port's records.
 *
 * <p>Missing optional fields are tolerated: strings become "", counts 0, times the epoch, the data
 * multiplier 1; fields the record declares nullable ({@code Integer}, {@code Long}, {@code
 * Boolean}, {@code byte[]}) stay null. Unknown fields are ignored.
 */
final class AnswerParser {
  private AnswerParser() {}

  static StartResult start(WireObject answer) {
    return new StartResult(answer.optFlag("is_mounted"));
  }

  static ServiceInfo serviceInfo(WireObject a) {
    Map<String, ServiceInfo.Nullroute> nullroutes = new LinkedHashMap<>();
    WireObject byIp = a.object("ip_nullroutes");
    for (String ip : byIp.names()) {
      WireObject route = byIp.object(ip);
      nullroutes.put(
          ip,
          new ServiceInfo.Nullroute(
              epoch(route, "nullroute_timestamp"),
              route.longValue("nullroute_duration_s", 0),
              route.string("log")));
    }
    return new ServiceInfo(
        VmType.parse(a.optString("vm_type")),
        a.string("hostname"),
        a.string("node_alias"),
        a.string("node_location"),
        a.string("node_location_id"),
        a.string("node_datacenter"),
        a.flag("location_ipv6_ready"),
        a.string("plan"),
        a.longValue("plan_disk", 0),
        a.longValue("plan_ram", 0),
        a.longValue("plan_swap", 0),
        a.longValue("plan_monthly_data", 0),
        a.doubleValue("monthly_data_multiplier", 1.0),
        a.longValue("data_counter", 0),
        epochOrNull(a, "data_next_reset"),
        a.string("os"),
        a.string("email"),
        a.stringList("ip_addresses"),
        a.stringList("private_ip_addresses"),
        nullroutes,
        a.string("iso1"),
        a.string("iso2"),
        a.stringList("available_isos"),
        a.intValue("plan_max_ipv6s", 0),
        a.flag("rdns_api_available"),
        a.flag("plan_private_network_available"),
        a.flag("location_private_network_available"),
        a.stringMap("ptr"),
        a.flag("suspended"),
        a.flag("policy_violation"),
        a.intValue("suspension_count", 0),
        a.longValue("total_abuse_points", 0),
        a.longValue("max_abuse_points", 0));
  }

  /** KVM answers carry {@code ve_*} fields; OpenVZ answers {@code vz_status}/{@code vz_quota}. */
  static LiveServiceInfo liveServiceInfo(WireObject a) {
    ServiceInfo info = serviceInfo(a);
    Map<String, String> vzStatus = a.stringMap("vz_status");
    Map<String, String> vzQuota = a.stringMap("vz_quota");
    boolean openVz = info.vmType() == VmType.OVZ || (!a.has("ve_status") && a.has("vz_status"));
    String status = openVz ? vzStatus.get("status") : a.optString("ve_status");
    return new LiveServiceInfo(
        info,
        PowerState.parse(status),
        a.flag("is_cpu_throttled"),
        a.flag("is_disk_throttled"),
        a.optInt("ssh_port"),
        openVz ? vzStatus.get("hostname") : a.optString("live_hostname"),
        openVz ? vzStatus.get("load_average") : a.optString("load_average"),
        a.optLong("mem_available_kb"),
        a.optLong("swap_total_kb"),
        a.optLong("swap_available_kb"),
        a.optLong("ve_used_disk_space_b"),
        a.optLong("ve_disk_quota_gb"),
        a.optString("ve_mac1"),
        a.optBase64("screendump_png_base64"),
        vzStatus,
        vzQuota);
  }

  static AvailableOs availableOs(WireObject a) {
    return new AvailableOs(a.string("installed"), a.stringList("templates"));
  }

  static UsageStats usageStats(WireObject a) {
    List<UsageStats.Sample> samples = new ArrayList<>();
    for (WireObject s : a.objectList("data")) {
      samples.add(
          new UsageStats.Sample(
              epoch(s, "timestamp"),
              s.doubleValue("cpu_usage", 0),
              s.longValue("network_in_bytes", 0),
              s.longValue("network_out_bytes", 0),
              s.longValue("disk_read_bytes", 0),
              s.longValue("disk_write_bytes", 0)));
    }
    return new UsageStats(VmType.parse(a.optString("vm_type")), samples);
  }

  static PanelAuditLog auditLog(WireObject a) {
    List<PanelAuditLog.Entry> entries = new ArrayList<>();
    for (WireObject e : a.objectList("log_entries")) {
      entries.add(
          new PanelAuditLog.Entry(
              epoch(e, "timestamp"),
              ipv4(e, "requestor_ipv4"),
              e.intValue("type", 0),
              e.string("summary")));
    }
    return new PanelAuditLog(entries);
  }

  static RateLimitStatus rateLimitStatus(WireObject a) {
    if (!a.has("remaining_points_15min") && !a.has("remaining_points_24h")) {
      throw new WireShapeException("no remaining points in a rate-limit answer");
    }
    return new RateLimitStatus(
        a.longValue("remaining_points_15min", 0), a.longValue("remaining_points_24h", 0));
  }

  static ReinstallResult reinstall(WireObject a) {
    return new ReinstallResult(
        Secret.of(a.string("rootPassword")),
        a.optInt("sshPort"),
        a.stringList("sshKeysBrief"),
        a.string("notificationEmail"));
  }

  static SshKeys sshKeys(WireObject a) {
    return new SshKeys(
        a.stringList("ssh_keys_veid"),
        a.stringList("ssh_keys_user"),
        a.stringList("ssh_keys_preferred"),
        a.stringList("shortened_ssh_keys_veid"),
        a.stringList("shortened_ssh_keys_user"),
        a.stringList("shortened_ssh_keys_preferred"));
  }

  static PasswordReset passwordReset(WireObject a) {
    return new PasswordReset(Secret.of(required(a, "password")));
  }

  static List<Snapshot> snapshots(WireObject a) {
    List<Snapshot> snapshots = new ArrayList<>();
    for (WireObject s : a.objectList("snapshots")) {
      snapshots.add(
          new Snapshot(
              s.string("fileName"),
              s.string("os"),
              base64Text(s.string("description")),
              s.longValue("size", 0),
              s.longValue("uncompressed", 0),
              s.string("md5"),
              s.flag("sticky"),
              Duration.ofSeconds(s.longValue("purgesIn", 0)),
              s.string("downloadLink"),
              s.string("downloadLinkSSL")));
    }
    return snapshots;
  }

  static SnapshotExport snapshotExport(WireObject a) {
    return new SnapshotExport(Secret.of(required(a, "token")));
  }

  /** Keyed by backup token (live answers), or a list with {@code backupToken} (the reference). */
  static List<Backup> backups(WireObject a) {
    List<Backup> backups = new ArrayList<>();
    Object raw = a.raw("backups");
    if (raw instanceof List<?>) {
      for (WireObject b : a.objectList("backups")) {
        backups.add(backup(b.string("backupToken"), b));
      }
    } else {
      WireObject byToken = a.object("backups");
      for (String token : byToken.names()) {
        backups.add(backup(token, byToken.object(token)));
      }
    }
    return backups;
  }

  private static Backup backup(String token, WireObject b) {
    return new Backup(
        token, b.longValue("size", 0), b.string("os"), b.string("md5"), epoch(b, "timestamp"));
  }

  /**
   * {@code ipv6/add}: the assigned address ({@code ip}); answers that give only the subnet ({@code
   * assigned_subnet}) yield the subnet.
   */
  static String ipv6Added(WireObject a) {
    String ip = a.optString("ip");
    if (ip != null && !ip.isEmpty()) {
      return ip;
    }
    return required(a, "assigned_subnet");
  }

  static MigrateLocations migrateLocations(WireObject a) {
    Map<String, String> descriptions = a.stringMap("descriptions");
    WireObject multipliers = a.object("dataTransferMultipliers");
    List<MigrateLocations.Location> locations = new ArrayList<>();
    for (String id : a.stringList("locations")) {
      locations.add(
          new MigrateLocations.Location(
              id, descriptions.getOrDefault(id, ""), multipliers.doubleValue(id, 1.0)));
    }
    return new MigrateLocations(a.string("currentLocation"), locations);
  }

  static MigrateStarted migrateStarted(WireObject a) {
    return new MigrateStarted(a.string("notificationEmail"), a.stringList("newIps"));
  }

  static SuspensionDetails suspensionDetails(WireObject a) {
    Map<String, String> evidence = a.stringMap("evidence");
    List<SuspensionDetails.Suspension> suspensions = new ArrayList<>();
    for (WireObject s : a.objectList("suspensions")) {
      long evidenceId = s.longValue("evidence_record_id", 0);
      suspensions.add(
          new SuspensionDetails.Suspension(
              s.longValue("record_id", 0),
              s.string("flag"),
              s.flag("is_soft"),
              evidenceId,
              s.longValue("abuse_points", 0),
              evidence.getOrDefault(Long.toString(evidenceId), "")));
    }
    return new SuspensionDetails(
        a.intValue("suspension_count", 0),
        a.longValue("total_abuse_points", 0),
        a.longValue("max_abuse_points", 0),
        suspensions);
  }

  static PolicyViolations policyViolations(WireObject a) {
    List<PolicyViolations.Violation> violations = new ArrayList<>();
    for (WireObject v : a.objectList("policy_violations")) {
      violations.add(
          new PolicyViolations.Violation(
              v.longValue("record_id", 0),
              epoch(v, "timestamp"),
              epochOrNull(v, "suspend_at"),
              v.string("flag"),
              v.flag("is_soft"),
              v.longValue("abuse_points", 0),
              v.string("evidence_data")));
    }
    return new PolicyViolations(
        a.longValue("total_abuse_points", 0), a.longValue("max_abuse_points", 0), violations);
  }

  /** A field the answer is about (a password, a token): without it the answer is useless. */
  static String required(WireObject a, String name) {
    String value = a.optString(name);
    if (value == null) {
      throw new WireShapeException("field '" + name + "' is missing");
    }
    return value;
  }

  private static Instant epoch(WireObject a, String name) {
    return instant(name, a.longValue(name, 0));
  }

  /** Seconds since the epoch; beyond what an {@code Instant} holds is a shape error. */
  private static Instant instant(String name, long seconds) {
    if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
      throw new WireShapeException("field '" + name + "' is out of range");
    }
    return Instant.ofEpochSecond(seconds);
  }

  /**
   * A moment the core shows as a date or a countdown (the transfer reset, a suspension deadline):
   * null when missing or 0, which the core renders as unknown, rather than 1970.
   */
  private static Instant epochOrNull(WireObject a, String name) {
    long seconds = a.longValue(name, 0);
    return seconds > 0 ? instant(name, seconds) : null;
  }

  /** Snapshot descriptions are base64; one that does not decode is shown as sent. */
  static String base64Text(String encoded) {
    if (encoded.isEmpty()) {
      return "";
    }
    try {
      return new String(Base64.getMimeDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return encoded;
    }
  }

  /** The audit log sends IPv4 as an unsigned 32-bit integer (number or string). */
  static String ipv4(WireObject a, String name) {
    String text = a.string(name).trim();
    if (text.isEmpty() || text.contains(".") || text.contains(":")) {
      return text;
    }
    long value = a.longValue(name, 0);
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new WireShapeException("field '" + name + "' is not an IPv4 address");
    }
    return ((value >>> 24) & 0xFF)
        + "."
        + ((value >>> 16) & 0xFF)
        + "."
        + ((value >>> 8) & 0xFF)
        + "."
        + (value & 0xFF);
  }
}

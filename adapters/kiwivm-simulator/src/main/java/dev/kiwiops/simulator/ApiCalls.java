package dev.kiwiops.simulator;

import dev.kiwiops.simulator.SimulatedServer.Backup;
import dev.kiwiops.simulator.SimulatedServer.PolicyViolation;
import dev.kiwiops.simulator.SimulatedServer.PowerState;
import dev.kiwiops.simulator.SimulatedServer.Snapshot;
import dev.kiwiops.simulator.SimulatedServer.Suspension;
import dev.kiwiops.simulator.SimulatedServer.VeLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The 43 KiwiVM calls, each a function of one server's state and the request parameters. Callers
 * hold the server's monitor, have authenticated the request, spent its rate-limit point and checked
 * the lock.
 */
final class ApiCalls {

  /** The parameters and context of one authenticated request. */
  record Request(SimulatedServer server, Map<String, String> params, long requestorIpv4) {

    /** A parameter that must be present and not blank. */
    String required(String name) {
      String value = params.get(name);
      if (value == null || value.isBlank()) {
        throw ApiError.missing(name);
      }
      return value.trim();
    }

    /** A parameter that must be present but may be empty. */
    String present(String name) {
      String value = params.get(name);
      if (value == null) {
        throw ApiError.missing(name);
      }
      return value;
    }

    String optional(String name) {
      String value = params.get(name);
      return value == null || value.isBlank() ? null : value.trim();
    }
  }

  @FunctionalInterface
  private interface Handler {
    Map<String, Object> handle(Request request);
  }

  /** A snapshot handed out by snapshot/export, redeemable on another server. */
  record Export(long sourceVeid, String token, Snapshot snapshot) {}

  /** What the calls need from the simulator as a whole. */
  interface Context {
    Duration lockDuration();

    Duration snapshotDelay();

    void registerExport(Export export);

    Export findExport(long sourceVeid, String token);

    String allocateIpv4();
  }

  /** Calls that change something; each success is written to the audit log. */
  static final Set<String> WRITES =
      Set.of(
          "start",
          "stop",
          "restart",
          "kill",
          "reinstallOS",
          "updateSshKeys",
          "resetRootPassword",
          "setHostname",
          "setPTR",
          "iso/mount",
          "iso/unmount",
          "basicShell/exec",
          "shellScript/exec",
          "snapshot/create",
          "snapshot/delete",
          "snapshot/restore",
          "snapshot/toggleSticky",
          "snapshot/export",
          "snapshot/import",
          "backup/copyToSnapshot",
          "ipv6/add",
          "ipv6/delete",
          "migrate/start",
          "cloneFromExternalServer",
          "unsuspend",
          "resolvePolicyViolation",
          "privateIp/assign",
          "privateIp/delete");

  static final String SCREENDUMP_PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  private static final long GIB = 1024L * 1024 * 1024;
  private static final Duration SNAPSHOT_LIFETIME = Duration.ofDays(30);
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
  private static final List<String> REINSTALL_STAGES =
      List.of("Stopping VM", "Deploying OS template", "Configuring OS", "Starting VM");
  private static final List<String> SNAPSHOT_STAGES =
      List.of("Preparing snapshot", "Compressing disk image", "Uploading snapshot", "Finalizing");
  private static final List<String> RESTORE_STAGES =
      List.of("Stopping VM", "Restoring snapshot", "Starting VM");
  private static final List<String> MIGRATION_STAGES =
      List.of("Preparing migration", "Copying disk image", "Reconfiguring network", "Starting VM");
  private static final List<String> CLONE_STAGES =
      List.of("Connecting to external server", "Copying files", "Finalizing");

  private final Context context;
  private final Map<String, Handler> handlers = new LinkedHashMap<>();

  ApiCalls(Context context) {
    this.context = context;
    handlers.put("start", this::start);
    handlers.put("stop", this::stop);
    handlers.put("restart", this::restart);
    handlers.put("kill", this::stop);
    handlers.put("getServiceInfo", r -> serviceInfo(r.server(), false));
    handlers.put("getLiveServiceInfo", r -> serviceInfo(r.server(), true));
    handlers.put("getAvailableOS", this::availableOs);
    handlers.put("reinstallOS", this::reinstallOs);
    handlers.put("updateSshKeys", this::updateSshKeys);
    handlers.put("getSshKeys", this::sshKeys);
    handlers.put("resetRootPassword", this::resetRootPassword);
    handlers.put("getUsageGraphs", this::usageGraphs);
    handlers.put("getRawUsageStats", this::rawUsageStats);
    handlers.put("getAuditLog", this::auditLog);
    handlers.put("setHostname", this::setHostname);
    handlers.put("setPTR", this::setPtr);
    handlers.put("iso/mount", this::isoMount);
    handlers.put("iso/unmount", this::isoUnmount);
    handlers.put("basicShell/cd", this::shellCd);
    handlers.put("basicShell/exec", this::shellExec);
    handlers.put("shellScript/exec", this::shellScript);
    handlers.put("snapshot/create", this::snapshotCreate);
    handlers.put("snapshot/list", this::snapshotList);
    handlers.put("snapshot/delete", this::snapshotDelete);
    handlers.put("snapshot/restore", this::snapshotRestore);
    handlers.put("snapshot/toggleSticky", this::snapshotToggleSticky);
    handlers.put("snapshot/export", this::snapshotExport);
    handlers.put("snapshot/import", this::snapshotImport);
    handlers.put("backup/list", this::backupList);
    handlers.put("backup/copyToSnapshot", this::backupCopyToSnapshot);
    handlers.put("ipv6/add", this::ipv6Add);
    handlers.put("ipv6/delete", this::ipv6Delete);
    handlers.put("migrate/getLocations", this::migrateLocations);
    handlers.put("migrate/start", this::migrateStart);
    handlers.put("cloneFromExternalServer", this::cloneFromExternalServer);
    handlers.put("getSuspensionDetails", this::suspensionDetails);
    handlers.put("unsuspend", this::unsuspend);
    handlers.put("getPolicyViolations", this::policyViolations);
    handlers.put("resolvePolicyViolation", this::resolvePolicyViolation);
    handlers.put("getRateLimitStatus", this::rateLimitStatus);
    handlers.put("privateIp/getAvailableIps", this::privateIpAvailable);
    handlers.put("privateIp/assign", this::privateIpAssign);
    handlers.put("privateIp/delete", this::privateIpDelete);
  }

  /** Every call name, in the reference's order. */
  Set<String> names() {
    return handlers.keySet();
  }

  boolean knows(String call) {
    return handlers.containsKey(call);
  }

  Map<String, Object> handle(String call, Request request) {
    Handler handler = handlers.get(call);
    if (handler == null) {
      throw new ApiError(ApiError.UNKNOWN_CALL, "Unknown API call: " + call);
    }
    Map<String, Object> answer = handler.handle(request);
    if (WRITES.contains(call)) {
      request.server().audit(request.requestorIpv4(), "API: " + call);
    }
    return answer;
  }

  /** The 788888 answer for a running lock, with its progress as of now. */
  static ApiError locked(VeLock lock, Instant now) {
    long total = Math.max(1, lock.duration().toMillis());
    long elapsed = Math.max(0, Duration.between(lock.start(), now).toMillis());
    int percent = (int) Math.min(99, elapsed * 100 / total);
    int stages = lock.stages().size();
    int stage = Math.min(stages - 1, (int) (elapsed * stages / total));
    long stageStart = total * stage / stages;
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("last_status_update_s_ago", (elapsed - stageStart) / 1000);
    progress.put("completed_percent", percent);
    progress.put("friendly_progress_message", lock.stages().get(stage));
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("additionalErrorInfo", lock.info());
    extras.put("additionalLockingInfo", progress);
    return new ApiError(
        ApiError.LOCKED, "VE is currently locked, try again in a few minutes", extras);
  }

  private static Map<String, Object> ok() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", 0);
    return body;
  }

  /** The answer to a call whose outcome KiwiVM also mails to the server's owner. */
  private static Map<String, Object> okNotifying(SimulatedServer s) {
    Map<String, Object> body = ok();
    body.put("notificationEmail", s.spec().email());
    return body;
  }

  // ---- power ----

  private Map<String, Object> start(Request r) {
    SimulatedServer s = r.server();
    refuseWhenSuspended(s);
    s.powerOn();
    Map<String, Object> body = ok();
    if (s.vmType() == VmType.OVZ) {
      body.put("is_mounted", 1);
    }
    return body;
  }

  private Map<String, Object> restart(Request r) {
    SimulatedServer s = r.server();
    refuseWhenSuspended(s);
    s.powerOff();
    s.powerOn();
    return ok();
  }

  private Map<String, Object> stop(Request r) {
    r.server().powerOff();
    return ok();
  }

  private static void refuseWhenSuspended(SimulatedServer s) {
    if (!s.suspensions.isEmpty()) {
      throw ApiError.notPermitted("VPS is suspended, see getSuspensionDetails");
    }
  }

  private static void requireRunning(SimulatedServer s) {
    if (s.power != PowerState.RUNNING) {
      throw ApiError.notPermitted("VPS is not running");
    }
  }

  // ---- service info ----

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

  // ---- OS, keys, password ----

  private Map<String, Object> availableOs(Request r) {
    Map<String, Object> b = ok();
    b.put("installed", r.server().os);
    b.put("templates", r.server().spec().osTemplates());
    return b;
  }

  private Map<String, Object> reinstallOs(Request r) {
    SimulatedServer s = r.server();
    String os = r.required("os");
    if (!s.spec().osTemplates().contains(os)) {
      throw ApiError.invalid("Invalid OS template: " + os + ", see getAvailableOS");
    }
    String password = RandomTokens.password();
    String keys = preferredKeys(s);
    s.lockFor(
        "OS Reinstall: " + os,
        context.lockDuration(),
        REINSTALL_STAGES,
        () -> {
          s.os = os;
          s.rootPassword = password;
          s.shellCwd = "/root";
          s.powerOn();
        });
    Map<String, Object> b = ok();
    b.put("rootPassword", password);
    b.put("sshPort", s.spec().sshPort());
    b.put("sshKeys", keys);
    b.put("sshKeysBrief", shorten(keys));
    b.put("notificationEmail", s.spec().email());
    return b;
  }

  private Map<String, Object> updateSshKeys(Request r) {
    String raw = r.present("ssh_keys");
    List<String> keys = new ArrayList<>();
    for (String line : raw.split("\\R")) {
      String key = line.trim();
      if (key.isEmpty()) {
        continue;
      }
      if (!key.matches(
          "(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\\d+|sk-\\S+) [A-Za-z0-9+/=]+( .*)?")) {
        throw ApiError.invalid("Invalid SSH key: " + shortenKey(key));
      }
      keys.add(key);
    }
    r.server().vmSshKeys = String.join("\n", keys);
    return ok();
  }

  private Map<String, Object> sshKeys(Request r) {
    SimulatedServer s = r.server();
    String preferred = preferredKeys(s);
    Map<String, Object> b = ok();
    b.put("ssh_keys_veid", s.vmSshKeys);
    b.put("ssh_keys_user", s.spec().accountSshKeys());
    b.put("ssh_keys_preferred", preferred);
    b.put("shortened_ssh_keys_veid", shorten(s.vmSshKeys));
    b.put("shortened_ssh_keys_user", shorten(s.spec().accountSshKeys()));
    b.put("shortened_ssh_keys_preferred", shorten(preferred));
    return b;
  }

  private static String preferredKeys(SimulatedServer s) {
    return s.vmSshKeys.isEmpty() ? s.spec().accountSshKeys() : s.vmSshKeys;
  }

  /** Shortens each key for display: type, the first and last characters of the body, comment. */
  static String shorten(String keys) {
    List<String> out = new ArrayList<>();
    for (String line : keys.split("\n")) {
      if (!line.isBlank()) {
        out.add(shortenKey(line.trim()));
      }
    }
    return String.join("\n", out);
  }

  private static String shortenKey(String key) {
    String[] parts = key.split(" ", 3);
    if (parts.length < 2 || parts[1].length() <= 20) {
      return key.length() > 40 ? key.substring(0, 40) + "..." : key;
    }
    String body = parts[1];
    String brief =
        parts[0] + " " + body.substring(0, 8) + "..." + body.substring(body.length() - 8);
    return parts.length == 3 ? brief + " " + parts[2] : brief;
  }

  private Map<String, Object> resetRootPassword(Request r) {
    String password = RandomTokens.password();
    r.server().rootPassword = password;
    Map<String, Object> b = ok();
    b.put("password", password);
    return b;
  }

  // ---- statistics and logs ----

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

  // ---- names, rDNS, ISO ----

  private Map<String, Object> setHostname(Request r) {
    String name = r.required("newHostname");
    if (!HOSTNAME.matcher(name).matches()) {
      throw ApiError.invalid("Invalid hostname: " + name);
    }
    r.server().hostname = name;
    return ok();
  }

  private Map<String, Object> setPtr(Request r) {
    SimulatedServer s = r.server();
    if (!s.spec().rdnsApiAvailable()) {
      throw ApiError.notPermitted("rDNS API is not available for this VPS");
    }
    String ip = r.required("ip");
    String ptr = r.present("ptr").trim();
    String own = findOwnIp(s, ip);
    if (own == null) {
      throw ApiError.invalid("IP address " + ip + " does not belong to this VPS");
    }
    if (!ptr.isEmpty() && !HOSTNAME.matcher(ptr).matches()) {
      throw ApiError.invalid("Invalid PTR record: " + ptr);
    }
    s.ptr.put(own, ptr);
    return ok();
  }

  private static String findOwnIp(SimulatedServer s, String ip) {
    if (s.ipv4.contains(ip)) {
      return ip;
    }
    for (String v6 : s.ipv6) {
      if (sameIpv6(v6, ip)) {
        return v6;
      }
    }
    return null;
  }

  private Map<String, Object> isoMount(Request r) {
    SimulatedServer s = r.server();
    requireKvm(s, "iso/mount");
    String iso = r.required("iso");
    if (!s.spec().availableIsos().contains(iso)) {
      throw ApiError.invalid("ISO image " + iso + " is not available, see available_isos");
    }
    s.iso1 = iso;
    return ok();
  }

  private Map<String, Object> isoUnmount(Request r) {
    SimulatedServer s = r.server();
    requireKvm(s, "iso/unmount");
    s.iso1 = "";
    return ok();
  }

  private static void requireKvm(SimulatedServer s, String call) {
    if (s.vmType() != VmType.KVM) {
      throw new ApiError(ApiError.NOT_SUPPORTED, call + " is available on KVM only");
    }
  }

  // ---- shell ----

  private Map<String, Object> shellCd(Request r) {
    SimulatedServer s = r.server();
    String current = r.required("currentDir");
    String target = r.required("newDir");
    String resolved = BasicShell.resolve(current, target);
    if (!BasicShell.isDirectory(resolved)) {
      throw ApiError.invalid("cd: " + target + ": No such file or directory");
    }
    s.shellCwd = resolved;
    Map<String, Object> b = ok();
    b.put("pwd", resolved);
    return b;
  }

  private Map<String, Object> shellExec(Request r) {
    SimulatedServer s = r.server();
    String command = r.required("command");
    requireRunning(s);
    BasicShell.Result result = BasicShell.exec(s, command);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("error", result.exitStatus());
    b.put("message", result.output());
    return b;
  }

  private Map<String, Object> shellScript(Request r) {
    SimulatedServer s = r.server();
    r.required("script");
    String script = r.params().get("script");
    requireRunning(s);
    s.scripts.add(script);
    Map<String, Object> b = ok();
    b.put("log", "/root/shellScript-" + s.now().getEpochSecond() + "-" + s.scripts.size() + ".log");
    return b;
  }

  // ---- snapshots and backups ----

  private Map<String, Object> snapshotCreate(Request r) {
    SimulatedServer s = r.server();
    String description = r.optional("description");
    return snapshotJob(
        s, "Snapshot: Create", s.os, description == null ? "" : description, 0, null);
  }

  /**
   * Locks {@code s} for a snapshot job that adds a new snapshot, dated now, when it ends; answers
   * that the owner will be mailed.
   */
  private Map<String, Object> snapshotJob(
      SimulatedServer s, String info, String os, String description, long size, String md5) {
    Instant requested = s.now();
    s.lockFor(
        info,
        context.snapshotDelay(),
        SNAPSHOT_STAGES,
        () -> s.snapshots.add(newSnapshot(s, requested, os, description, size, md5)));
    return okNotifying(s);
  }

  private static Snapshot newSnapshot(
      SimulatedServer s, Instant at, String os, String description, long size, String md5) {
    SplittableRandom random = new SplittableRandom();
    long bytes = size > 0 ? size : 900_000_000L + random.nextLong(1_600_000_000L);
    String fileName =
        "snapshot-"
            + s.veid()
            + "-"
            + at.getEpochSecond()
            + "-"
            + LocalDate.ofInstant(at, ZoneOffset.UTC)
            + "-"
            + RandomTokens.hex40()
            + ".tar.gz";
    return new Snapshot(
        fileName,
        os,
        description,
        bytes,
        bytes * 263 / 100,
        md5 == null ? RandomTokens.hex32() : md5,
        false,
        at);
  }

  private Map<String, Object> snapshotList(Request r) {
    SimulatedServer s = r.server();
    Instant now = s.now();
    s.snapshots.removeIf(
        snap -> !snap.sticky() && !now.isBefore(snap.createdAt().plus(SNAPSHOT_LIFETIME)));
    List<Object> list = new ArrayList<>();
    for (Snapshot snap : s.snapshots) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("fileName", snap.fileName());
      one.put("os", snap.os());
      one.put(
          "description",
          Base64.getEncoder().encodeToString(snap.description().getBytes(StandardCharsets.UTF_8)));
      one.put("size", String.valueOf(snap.size()));
      one.put("md5", snap.md5());
      one.put("sticky", snap.sticky());
      one.put("uncompressed", snap.uncompressed());
      one.put(
          "purgesIn",
          Math.max(
              0, Duration.between(now, snap.createdAt().plus(SNAPSHOT_LIFETIME)).getSeconds()));
      one.put(
          "downloadLink",
          "http://" + s.location.nodeIp() + ":8779/" + s.veid() + "/" + snap.fileName());
      if (s.vmType() == VmType.KVM) {
        one.put(
            "downloadLinkSSL",
            "https://"
                + s.nodeAlias
                + ".kiwivm.example.net:8780/"
                + s.veid()
                + "/"
                + snap.fileName());
      }
      list.add(one);
    }
    Map<String, Object> b = ok();
    b.put("snapshots", list);
    return b;
  }

  private static Snapshot findSnapshot(SimulatedServer s, String fileName) {
    for (Snapshot snap : s.snapshots) {
      if (snap.fileName().equals(fileName)) {
        return snap;
      }
    }
    throw ApiError.invalid("Snapshot not found: " + fileName);
  }

  private Map<String, Object> snapshotDelete(Request r) {
    SimulatedServer s = r.server();
    Snapshot snap = findSnapshot(s, r.required("snapshot"));
    s.snapshots.remove(snap);
    return ok();
  }

  private Map<String, Object> snapshotRestore(Request r) {
    SimulatedServer s = r.server();
    Snapshot snap = findSnapshot(s, r.required("snapshot"));
    s.lockFor(
        "Snapshot: Restore",
        context.lockDuration(),
        RESTORE_STAGES,
        () -> {
          s.os = snap.os();
          s.powerOn();
        });
    return ok();
  }

  private Map<String, Object> snapshotToggleSticky(Request r) {
    SimulatedServer s = r.server();
    Snapshot snap = findSnapshot(s, r.required("snapshot"));
    String sticky = r.required("sticky");
    boolean value;
    if (sticky.equals("1")) {
      value = true;
    } else if (sticky.equals("0")) {
      value = false;
    } else {
      throw ApiError.invalid("sticky must be 1 or 0");
    }
    s.snapshots.set(s.snapshots.indexOf(snap), snap.withSticky(value));
    return ok();
  }

  private Map<String, Object> snapshotExport(Request r) {
    SimulatedServer s = r.server();
    Snapshot snap = findSnapshot(s, r.required("snapshot"));
    String token = RandomTokens.alphanumeric(32);
    context.registerExport(new Export(s.veid(), token, snap));
    Map<String, Object> b = ok();
    b.put("token", token);
    return b;
  }

  private Map<String, Object> snapshotImport(Request r) {
    SimulatedServer s = r.server();
    String sourceVeid = r.required("sourceVeid");
    String token = r.required("sourceToken");
    long veid;
    try {
      veid = Long.parseLong(sourceVeid);
    } catch (NumberFormatException e) {
      throw ApiError.invalid("Invalid sourceVeid: " + sourceVeid);
    }
    Export export = veid == s.veid() ? null : context.findExport(veid, token);
    if (export == null) {
      throw ApiError.invalid("No exported snapshot matches sourceVeid and sourceToken");
    }
    Snapshot source = export.snapshot();
    return snapshotJob(
        s, "Snapshot: Import", source.os(), source.description(), source.size(), source.md5());
  }

  private Map<String, Object> backupList(Request r) {
    Map<String, Object> backups = new LinkedHashMap<>();
    for (Backup backup : r.server().backups.values()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("size", backup.size());
      one.put("os", backup.os());
      one.put("md5", backup.md5());
      one.put("timestamp", backup.timestamp().getEpochSecond());
      backups.put(backup.token(), one);
    }
    Map<String, Object> b = ok();
    b.put("backups", backups);
    return b;
  }

  private Map<String, Object> backupCopyToSnapshot(Request r) {
    SimulatedServer s = r.server();
    String token = r.optional("backupToken");
    Backup backup = token == null ? null : s.backups.get(token);
    if (backup == null) {
      throw new ApiError(ApiError.BAD_BACKUP_PARAMETER, "Invalid backupToken, see backup/list");
    }
    return snapshotJob(
        s,
        "Backup: Copy to snapshot",
        backup.os(),
        "Backup " + LocalDate.ofInstant(backup.timestamp(), ZoneOffset.UTC),
        backup.size(),
        backup.md5());
  }

  // ---- IPv6 ----

  private Map<String, Object> ipv6Add(Request r) {
    SimulatedServer s = r.server();
    if (s.ipv6.size() >= s.spec().planMaxIpv6s()) {
      throw ApiError.notPermitted(
          "Maximum number of IPv6 addresses ("
              + s.spec().planMaxIpv6s()
              + ") reached for this plan");
    }
    String requested = r.optional("ip");
    String ip;
    String subnet;
    if (s.ipv6.isEmpty()) {
      if (requested != null) {
        throw ApiError.invalid("The first IPv6 address is assigned automatically: call without ip");
      }
      String prefix =
          "2001:db8:"
              + Long.toHexString(s.veid())
              + ":"
              + Integer.toHexString(0x100 + (int) (s.nextRecordId() % 0xe00))
              + "::";
      ip = prefix + "1";
      subnet = prefix + "/64";
    } else {
      byte[] first = ipv6Bytes(s.ipv6.get(0));
      String prefix = prefixOf(first);
      subnet = prefix + "/64";
      if (requested == null) {
        int n = 2;
        while (findOwnIp(s, prefix + Integer.toHexString(n)) != null) {
          n++;
        }
        ip = prefix + Integer.toHexString(n);
      } else {
        byte[] want = ipv6Bytes(requested);
        if (want == null || !Arrays.equals(Arrays.copyOf(want, 8), Arrays.copyOf(first, 8))) {
          throw ApiError.invalid("Requested IPv6 address must be within " + subnet);
        }
        if (findOwnIp(s, requested) != null) {
          throw ApiError.invalid("IPv6 address " + requested + " is already assigned");
        }
        ip = requested;
      }
    }
    s.ipv6.add(ip);
    s.ptr.put(ip, "");
    Map<String, Object> b = ok();
    b.put("ip", ip);
    if (s.vmType() == VmType.KVM) {
      b.put("assigned_subnet", subnet);
    }
    return b;
  }

  private static String prefixOf(byte[] address) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      out.append(Integer.toHexString(((address[i] & 0xff) << 8) | (address[i + 1] & 0xff)))
          .append(':');
    }
    return out.append(':').toString();
  }

  private Map<String, Object> ipv6Delete(Request r) {
    SimulatedServer s = r.server();
    String ip = r.required("ip");
    String own = null;
    for (String v6 : s.ipv6) {
      if (sameIpv6(v6, ip)) {
        own = v6;
      }
    }
    if (own == null) {
      throw ApiError.invalid("IPv6 address " + ip + " is not assigned to this VPS");
    }
    s.ipv6.remove(own);
    s.ptr.remove(own);
    return ok();
  }

  static byte[] ipv6Bytes(String text) {
    if (text == null || !text.matches("[0-9A-Fa-f:]{2,39}") || !text.contains(":")) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress();
      return bytes.length == 16 ? bytes : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean sameIpv6(String a, String b) {
    byte[] x = ipv6Bytes(a);
    return x != null && Arrays.equals(x, ipv6Bytes(b));
  }

  // ---- migration and cloning ----

  private Map<String, Object> migrateLocations(Request r) {
    SimulatedServer s = r.server();
    Map<String, Object> descriptions = new LinkedHashMap<>();
    Map<String, Object> multipliers = new LinkedHashMap<>();
    for (DataCenter dc : DataCenter.CATALOGUE.values()) {
      descriptions.put(dc.id(), dc.description());
      multipliers.put(dc.id(), dc.dataTransferMultiplier());
    }
    Map<String, Object> b = ok();
    b.put("currentLocation", s.location.id());
    b.put("locations", List.copyOf(DataCenter.CATALOGUE.keySet()));
    b.put("descriptions", descriptions);
    b.put("dataTransferMultipliers", multipliers);
    return b;
  }

  private Map<String, Object> migrateStart(Request r) {
    SimulatedServer s = r.server();
    String target = r.required("location");
    DataCenter dc = DataCenter.CATALOGUE.get(target);
    if (dc == null) {
      throw ApiError.invalid("Invalid location: " + target + ", see migrate/getLocations");
    }
    if (dc.equals(s.location)) {
      throw ApiError.invalid("VPS is already in " + target);
    }
    List<String> newIps = new ArrayList<>();
    for (int i = 0; i < Math.max(1, s.ipv4.size()); i++) {
      newIps.add(context.allocateIpv4());
    }
    String from = s.location.id();
    s.lockFor(
        "Migration: " + from + " -> " + target,
        context.lockDuration(),
        MIGRATION_STAGES,
        () -> {
          s.location = dc;
          s.nodeAlias = "v" + (7000 + Math.abs(target.hashCode() % 1000));
          s.ipv4.clear();
          s.ipv4.addAll(newIps);
          s.ipv6.clear();
          s.ptr.clear();
          for (String ip : newIps) {
            s.ptr.put(ip, "");
          }
          s.nullroutes.clear();
          s.privateIps.clear();
          s.monthlyDataMultiplier = dc.dataTransferMultiplier();
          s.powerOn();
        });
    Map<String, Object> b = okNotifying(s);
    b.put("newIps", newIps);
    return b;
  }

  private Map<String, Object> cloneFromExternalServer(Request r) {
    SimulatedServer s = r.server();
    if (s.vmType() != VmType.OVZ) {
      throw new ApiError(
          ApiError.NOT_SUPPORTED, "cloneFromExternalServer is available on OpenVZ only");
    }
    String ip = r.required("externalServerIP");
    String port = r.required("externalServerSSHport");
    r.required("externalServerRootPassword");
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw ApiError.invalid("Invalid externalServerSSHport: " + port);
    }
    s.lockFor(
        "Clone from external server: " + ip, context.lockDuration(), CLONE_STAGES, s::powerOn);
    return okNotifying(s);
  }

  // ---- abuse ----

  private Map<String, Object> suspensionDetails(Request r) {
    SimulatedServer s = r.server();
    List<Object> list = new ArrayList<>();
    for (Suspension sus : s.suspensions) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("record_id", sus.recordId());
      one.put("flag", sus.flag());
      one.put("is_soft", sus.soft() ? 1 : 0);
      one.put("evidence_record_id", sus.evidenceRecordId());
      one.put("abuse_points", sus.abusePoints());
      list.add(one);
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    s.evidence.forEach((id, text) -> evidence.put(String.valueOf(id), text));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("suspensions", list);
    b.put("evidence", evidence);
    b.put("suspension_count", s.suspensionCount);
    b.put("total_abuse_points", s.totalAbusePoints);
    b.put("max_abuse_points", s.maxAbusePoints);
    b.put("error", 0);
    return b;
  }

  private Map<String, Object> unsuspend(Request r) {
    SimulatedServer s = r.server();
    long id = recordId(r);
    Suspension found =
        s.suspensions.stream()
            .filter(x -> x.recordId() == id)
            .findFirst()
            .orElseThrow(() -> ApiError.invalid("No outstanding suspension with record_id " + id));
    if (!found.soft()) {
      throw ApiError.notPermitted(
          "This suspension cannot be lifted via API, please contact support");
    }
    s.suspensions.remove(found);
    s.evidence.remove(found.evidenceRecordId());
    return ok();
  }

  private Map<String, Object> policyViolations(Request r) {
    SimulatedServer s = r.server();
    List<Object> list = new ArrayList<>();
    for (PolicyViolation v : s.violations) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("record_id", v.recordId());
      one.put("timestamp", v.timestamp().getEpochSecond());
      one.put("suspend_at", v.suspendAt().getEpochSecond());
      one.put("flag", v.flag());
      one.put("is_soft", v.soft() ? 1 : 0);
      one.put("abuse_points", v.abusePoints());
      one.put("evidence_data", v.evidence());
      list.add(one);
    }
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("policy_violations", list);
    b.put("total_abuse_points", s.totalAbusePoints);
    b.put("max_abuse_points", s.maxAbusePoints);
    b.put("error", 0);
    return b;
  }

  private Map<String, Object> resolvePolicyViolation(Request r) {
    SimulatedServer s = r.server();
    long id = recordId(r);
    PolicyViolation found =
        s.violations.stream()
            .filter(x -> x.recordId() == id)
            .findFirst()
            .orElseThrow(() -> ApiError.invalid("No active policy violation with record_id " + id));
    if (!found.soft()) {
      throw ApiError.notPermitted("This policy violation must be resolved by support");
    }
    s.violations.remove(found);
    return ok();
  }

  private static long recordId(Request r) {
    String raw = r.required("record_id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.invalid("Invalid record_id: " + raw);
    }
  }

  private Map<String, Object> rateLimitStatus(Request r) {
    Map<String, Object> b = ok();
    b.put("remaining_points_15min", r.server().remainingPoints15min());
    b.put("remaining_points_24h", r.server().remainingPoints24h());
    return b;
  }

  // ---- private network ----

  private static List<String> privatePool(SimulatedServer s) {
    List<String> pool = new ArrayList<>();
    int subnet = (int) (s.veid() % 250) + 1;
    for (int host = 10; host < 16; host++) {
      pool.add("10.18." + subnet + "." + host);
    }
    return pool;
  }

  private static List<String> freePrivateIps(SimulatedServer s) {
    List<String> free = new ArrayList<>(privatePool(s));
    free.removeAll(s.privateIps);
    return free;
  }

  private static void requirePrivateNetwork(SimulatedServer s) {
    if (!s.spec().privateNetworkAvailable()) {
      throw ApiError.notPermitted("Private network is not available on this plan");
    }
  }

  private Map<String, Object> privateIpAvailable(Request r) {
    SimulatedServer s = r.server();
    requirePrivateNetwork(s);
    List<String> free = freePrivateIps(s);
    Map<String, Object> b = ok();
    b.put("available_ips", free);
    return b;
  }

  private Map<String, Object> privateIpAssign(Request r) {
    SimulatedServer s = r.server();
    requirePrivateNetwork(s);
    List<String> free = freePrivateIps(s);
    String ip = r.optional("ip");
    if (ip == null) {
      if (free.isEmpty()) {
        throw ApiError.notPermitted("No private IP addresses available");
      }
      ip = free.get(0);
    } else if (!free.contains(ip)) {
      throw ApiError.invalid(
          "Private IP " + ip + " is not available, see privateIp/getAvailableIps");
    }
    s.privateIps.add(ip);
    Map<String, Object> b = ok();
    b.put("assigned_ips", List.of(ip));
    return b;
  }

  private Map<String, Object> privateIpDelete(Request r) {
    SimulatedServer s = r.server();
    requirePrivateNetwork(s);
    String ip = r.required("ip");
    if (!s.privateIps.remove(ip)) {
      throw ApiError.invalid("Private IP " + ip + " is not assigned to this VPS");
    }
    return ok();
  }
}

package dev.kiwiops.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One simulated VPS: its state, readable by tests, and the events that happen to a VPS outside the
 * API (attacks, abuse reports, throttling, a shutdown from inside).
 *
 * <p>All methods are thread-safe; API requests and these methods synchronize on the instance.
 * Reading state first completes any lock (reinstall, snapshot, migration) whose time has passed by
 * the simulator's clock.
 */
public final class SimulatedServer {

  /** Whether the VPS runs. */
  public enum PowerState {
    RUNNING,
    STOPPED
  }

  /** A snapshot as snapshot/list shows it; {@code description} is plain text here. */
  public record Snapshot(
      String fileName,
      String os,
      String description,
      long size,
      long uncompressed,
      String md5,
      boolean sticky,
      Instant createdAt) {
    Snapshot withSticky(boolean value) {
      return new Snapshot(fileName, os, description, size, uncompressed, md5, value, createdAt);
    }
  }

  /** An automatic backup as backup/list shows it. */
  public record Backup(String token, long size, String os, String md5, Instant timestamp) {}

  /** An IP nullrouted during an attack. */
  public record Nullroute(String ip, Instant since, long durationSeconds, String log) {}

  /** An open policy violation (getPolicyViolations). */
  public record PolicyViolation(
      long recordId,
      Instant timestamp,
      Instant suspendAt,
      String flag,
      boolean soft,
      int abusePoints,
      String evidence) {}

  /** An outstanding suspension (getSuspensionDetails). */
  public record Suspension(
      long recordId, String flag, boolean soft, long evidenceRecordId, int abusePoints) {}

  /** One getAuditLog entry; {@code typed} entries are sent with numbers, others with strings. */
  public record AuditEntry(Instant timestamp, long requestorIpv4, int type, String summary) {}

  /** A running long operation; every API call answers 788888 until it ends. */
  record VeLock(
      String info, Instant start, Duration duration, List<String> stages, Runnable onDone) {
    Instant end() {
      return start.plus(duration);
    }
  }

  static final int RATE_POINTS_15MIN = 1000;
  static final int RATE_POINTS_24H = 20000;
  private static final Duration WINDOW_15MIN = Duration.ofMinutes(15);
  private static final Duration WINDOW_24H = Duration.ofHours(24);

  private record Spend(Instant at, int points) {}

  private final ServerSpec spec;
  private final Clock clock;
  private final LongSupplier recordIds;

  // Guarded by this.
  PowerState power = PowerState.RUNNING;
  Instant bootedAt;
  String hostname;
  String os;
  String rootPassword;
  DataCenter location;
  String nodeAlias;
  String iso1 = "";
  String shellCwd = "/root";
  String vmSshKeys = "";
  final List<String> ipv4 = new ArrayList<>();
  final List<String> ipv6 = new ArrayList<>();
  final List<String> privateIps = new ArrayList<>();
  final Map<String, String> ptr = new LinkedHashMap<>();
  final Map<String, Nullroute> nullroutes = new LinkedHashMap<>();
  final List<Snapshot> snapshots = new ArrayList<>();
  final Map<String, Backup> backups = new LinkedHashMap<>();
  final List<PolicyViolation> violations = new ArrayList<>();
  final List<Suspension> suspensions = new ArrayList<>();
  final Map<Long, String> evidence = new LinkedHashMap<>();
  final List<AuditEntry> auditLog = new ArrayList<>();
  final List<String> scripts = new ArrayList<>();
  int suspensionCount;
  long totalAbusePoints;
  int maxAbusePoints;
  boolean cpuThrottled;
  boolean diskThrottled;
  long dataCounter;
  double monthlyDataMultiplier;
  boolean stoppedOutsideApi;
  VeLock lock;
  private final Deque<Spend> spent15 = new ArrayDeque<>();
  private final Deque<Spend> spent24 = new ArrayDeque<>();

  SimulatedServer(ServerSpec spec, Clock clock, LongSupplier recordIds) {
    this.spec = spec;
    this.clock = clock;
    this.recordIds = recordIds;
    Instant now = clock.instant();
    bootedAt = now.minus(Duration.ofDays(3).plusHours(4).plusMinutes(5));
    hostname = spec.hostname();
    os = spec.os();
    rootPassword = RandomTokens.password();
    location = DataCenter.byId(spec.location());
    nodeAlias = spec.nodeAlias();
    ipv4.addAll(spec.ipv4Addresses());
    ipv6.addAll(spec.ipv6Addresses());
    if (spec.ipv4Addresses().size() > 0) {
      ptr.put(spec.ipv4Addresses().get(0), spec.vmType() == VmType.KVM ? spec.hostname() : null);
    }
    for (String ip : spec.ipv6Addresses()) {
      ptr.put(ip, "");
    }
    maxAbusePoints = spec.maxAbusePoints();
    dataCounter = spec.dataCounter();
    monthlyDataMultiplier = spec.monthlyDataMultiplier();
    if (spec.vmType() == VmType.KVM) {
      for (int daysAgo = 1; daysAgo <= 2; daysAgo++) {
        Backup b =
            new Backup(
                RandomTokens.hex40(),
                1811939328L + daysAgo * 7340032L,
                spec.os(),
                RandomTokens.hex32(),
                now.minus(Duration.ofDays(daysAgo)));
        backups.put(b.token(), b);
      }
    }
    auditLog.add(
        new AuditEntry(now.minus(Duration.ofDays(2)), 3221225985L, 0, "Login to KiwiVM panel"));
  }

  /** The spec the server was created from (its api key, plan and initial state). */
  public ServerSpec spec() {
    return spec;
  }

  public long veid() {
    return spec.veid();
  }

  public VmType vmType() {
    return spec.vmType();
  }

  public synchronized PowerState powerState() {
    settle();
    return power;
  }

  public synchronized String hostname() {
    settle();
    return hostname;
  }

  public synchronized String os() {
    settle();
    return os;
  }

  public synchronized String rootPassword() {
    settle();
    return rootPassword;
  }

  /** The location id, such as {@code USCA_6}. */
  public synchronized String location() {
    settle();
    return location.id();
  }

  public synchronized List<String> ipv4Addresses() {
    settle();
    return List.copyOf(ipv4);
  }

  public synchronized List<String> ipv6Addresses() {
    settle();
    return List.copyOf(ipv6);
  }

  public synchronized List<String> privateIps() {
    settle();
    return List.copyOf(privateIps);
  }

  /** The rDNS records; a value may be {@code null} or {@code ""}. */
  public synchronized Map<String, String> ptr() {
    settle();
    return Collections.unmodifiableMap(new LinkedHashMap<>(ptr));
  }

  /** The mounted ISO, {@code ""} when none. */
  public synchronized String iso() {
    settle();
    return iso1;
  }

  public synchronized String shellCwd() {
    return shellCwd;
  }

  /** The per-VM SSH keys (Hypervisor Vault), newline-joined. */
  public synchronized String sshKeys() {
    return vmSshKeys;
  }

  public synchronized List<Snapshot> snapshots() {
    settle();
    return List.copyOf(snapshots);
  }

  public synchronized List<Backup> backups() {
    return List.copyOf(backups.values());
  }

  public synchronized List<Nullroute> nullroutes() {
    return List.copyOf(nullroutes.values());
  }

  public synchronized List<PolicyViolation> policyViolations() {
    return List.copyOf(violations);
  }

  public synchronized List<Suspension> suspensions() {
    return List.copyOf(suspensions);
  }

  public synchronized boolean suspended() {
    return !suspensions.isEmpty();
  }

  public synchronized long totalAbusePoints() {
    return totalAbusePoints;
  }

  public synchronized long dataCounter() {
    return dataCounter;
  }

  public synchronized List<AuditEntry> auditLog() {
    return List.copyOf(auditLog);
  }

  /** Scripts received by shellScript/exec, in order. */
  public synchronized List<String> scripts() {
    return List.copyOf(scripts);
  }

  /** Whether a reinstall, snapshot, restore or migration is still running. */
  public synchronized boolean locked() {
    settle();
    return lock != null;
  }

  /** Whether the last power-off happened outside the API ({@link #stopOutsideBot()}). */
  public synchronized boolean stoppedOutsideApi() {
    return stoppedOutsideApi;
  }

  public synchronized int remainingPoints15min() {
    return remaining(spent15, WINDOW_15MIN, RATE_POINTS_15MIN);
  }

  public synchronized int remainingPoints24h() {
    return remaining(spent24, WINDOW_24H, RATE_POINTS_24H);
  }

  // ---- events injected from outside the API ----

  /** An attack: the IP is nullrouted for 360 s by the attack log's account. */
  public synchronized void nullroute(String ip, String attackLog) {
    nullroutes.put(ip, new Nullroute(ip, clock.instant(), 360, attackLog));
  }

  public synchronized void clearNullroute(String ip) {
    nullroutes.remove(ip);
  }

  /**
   * Opens a policy violation; the VPS will be suspended 36 hours later if unresolved.
   *
   * @return the record id, which resolvePolicyViolation takes
   */
  public synchronized long addPolicyViolation(
      String flag, boolean isSoft, int abusePoints, String evidenceText) {
    long id = recordIds.getAsLong();
    Instant now = clock.instant();
    violations.add(
        new PolicyViolation(
            id, now, now.plus(Duration.ofHours(36)), flag, isSoft, abusePoints, evidenceText));
    totalAbusePoints += abusePoints;
    return id;
  }

  /**
   * Suspends the VPS (it stops); soft suspensions can be lifted with the unsuspend call, hard ones
   * only by support.
   *
   * @return the record id, which unsuspend takes
   */
  public synchronized long suspend(
      String flag, boolean isSoft, int abusePoints, String evidenceText) {
    long id = recordIds.getAsLong();
    long evidenceId = recordIds.getAsLong();
    suspensions.add(new Suspension(id, flag, isSoft, evidenceId, abusePoints));
    evidence.put(evidenceId, evidenceText);
    suspensionCount++;
    totalAbusePoints += abusePoints;
    power = PowerState.STOPPED;
    return id;
  }

  /** Adds a finished snapshot of the current OS, as if created earlier through the API. */
  public synchronized Snapshot addSnapshot(String description) {
    Instant at = clock.instant().minus(Duration.ofDays(2));
    String fileName =
        "snapshot-"
            + veid()
            + "-"
            + at.getEpochSecond()
            + "-"
            + java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC)
            + "-"
            + RandomTokens.hex40()
            + ".tar.gz";
    Snapshot snapshot =
        new Snapshot(
            fileName, os, description, 1072506553L, 2820485438L, RandomTokens.hex32(), false, at);
    snapshots.add(snapshot);
    return snapshot;
  }

  /** Lifts a suspension as support would, hard or soft. */
  public synchronized void liftSuspension(long recordId) {
    suspensions.removeIf(
        s -> {
          if (s.recordId() == recordId) {
            evidence.remove(s.evidenceRecordId());
            return true;
          }
          return false;
        });
  }

  public synchronized void setAbusePoints(long total, int max) {
    totalAbusePoints = total;
    maxAbusePoints = max;
  }

  public synchronized void throttleCpu(boolean throttled) {
    cpuThrottled = throttled;
  }

  public synchronized void throttleDisk(boolean throttled) {
    diskThrottled = throttled;
  }

  /** Sets the transfer used this month, in bytes (before the multiplier). */
  public synchronized void setDataCounter(long bytes) {
    dataCounter = bytes;
  }

  public synchronized void setMonthlyDataMultiplier(double multiplier) {
    monthlyDataMultiplier = multiplier;
  }

  /** The VPS goes down without an API call (a shutdown inside it, a host problem). */
  public synchronized void stopOutsideBot() {
    power = PowerState.STOPPED;
    stoppedOutsideApi = true;
  }

  /**
   * Sets the remaining rate-limit points of both windows as of now; spent points come back when
   * their window passes by the simulator's clock.
   */
  public synchronized void setRateLimitPoints(int remaining15min, int remaining24h) {
    Instant now = clock.instant();
    spent15.clear();
    spent24.clear();
    spent15.add(new Spend(now, RATE_POINTS_15MIN - remaining15min));
    spent24.add(new Spend(now, RATE_POINTS_24H - remaining24h));
  }

  // ---- used by the API ----

  Instant now() {
    return clock.instant();
  }

  long nextRecordId() {
    return recordIds.getAsLong();
  }

  /** Completes the running lock if its time has passed. */
  void settle() {
    if (lock != null && !clock.instant().isBefore(lock.end())) {
      VeLock done = lock;
      lock = null;
      done.onDone().run();
    }
  }

  /** Runs {@code onDone} after {@code duration}; at once when the duration is zero. */
  void lockFor(String info, Duration duration, List<String> stages, Runnable onDone) {
    lock = new VeLock(info, clock.instant(), duration, stages, onDone);
    settle();
  }

  Optional<VeLock> currentLock() {
    settle();
    return Optional.ofNullable(lock);
  }

  /** Spends one point in both windows; false when either window is exhausted. */
  boolean spendRatePoint() {
    if (remainingPoints15min() <= 0 || remainingPoints24h() <= 0) {
      return false;
    }
    Instant now = clock.instant();
    spent15.add(new Spend(now, 1));
    spent24.add(new Spend(now, 1));
    return true;
  }

  private int remaining(Deque<Spend> spent, Duration window, int cap) {
    Instant cutoff = clock.instant().minus(window);
    while (!spent.isEmpty() && !spent.peekFirst().at().isAfter(cutoff)) {
      spent.removeFirst();
    }
    long used = 0;
    for (Spend s : spent) {
      used += s.points();
    }
    return (int) Math.max(0, cap - used);
  }

  void audit(long requestorIpv4, String summary) {
    auditLog.add(new AuditEntry(clock.instant(), requestorIpv4, 1, summary));
  }

  void powerOn() {
    if (power != PowerState.RUNNING) {
      bootedAt = clock.instant();
    }
    power = PowerState.RUNNING;
    stoppedOutsideApi = false;
  }

  void powerOff() {
    power = PowerState.STOPPED;
    stoppedOutsideApi = false;
  }
}

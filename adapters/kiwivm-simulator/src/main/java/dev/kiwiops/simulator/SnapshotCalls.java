package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;
import static dev.kiwiops.simulator.CallSupport.okNotifying;

import dev.kiwiops.simulator.ApiCalls.Context;
import dev.kiwiops.simulator.ApiCalls.Export;
import dev.kiwiops.simulator.ApiCalls.Request;
import dev.kiwiops.simulator.SimulatedServer.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The snapshot calls: create, list, delete, restore, sticky, export and import. */
final class SnapshotCalls {

  private static final Duration SNAPSHOT_LIFETIME = Duration.ofDays(30);
  private static final List<String> SNAPSHOT_STAGES =
      List.of("Preparing snapshot", "Compressing disk image", "Uploading snapshot", "Finalizing");
  private static final List<String> RESTORE_STAGES =
      List.of("Stopping VM", "Restoring snapshot", "Starting VM");

  private final Context context;

  SnapshotCalls(Context context) {
    this.context = context;
  }

  void register(CallTable table) {
    table.write("snapshot/create", this::snapshotCreate);
    table.read("snapshot/list", this::snapshotList);
    table.write("snapshot/delete", this::snapshotDelete);
    table.write("snapshot/restore", this::snapshotRestore);
    table.write("snapshot/toggleSticky", this::snapshotToggleSticky);
    table.write("snapshot/export", this::snapshotExport);
    table.write("snapshot/import", this::snapshotImport);
  }

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
  Map<String, Object> snapshotJob(
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
}

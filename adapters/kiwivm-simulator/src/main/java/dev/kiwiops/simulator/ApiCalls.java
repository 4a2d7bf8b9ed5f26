package dev.kiwiops.simulator;

import dev.kiwiops.simulator.SimulatedServer.Snapshot;
import dev.kiwiops.simulator.SimulatedServer.VeLock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The 43 KiwiVM calls, assembled from their groups ({@link PowerCalls}, {@link InfoCalls}, …) into
 * one {@link CallTable}. Each call is a function of one server's state and the request parameters.
 * Callers hold the server's monitor, have authenticated the request, spent its rate-limit point and
 * checked the lock.
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

  private final CallTable table;

  ApiCalls(Context context) {
    CallTable calls = new CallTable();
    new PowerCalls().register(calls);
    new InfoCalls().register(calls);
    new OsCalls(context).register(calls);
    new AccessCalls().register(calls);
    new StatsCalls().register(calls);
    new NetworkCalls().register(calls);
    new ShellCalls().register(calls);
    SnapshotCalls snapshots = new SnapshotCalls(context);
    snapshots.register(calls);
    new BackupCalls(snapshots).register(calls);
    new MigrateCalls(context).register(calls);
    new AbuseCalls().register(calls);
    this.table = calls;
  }

  /** Every call name. */
  Set<String> names() {
    return table.names();
  }

  /** The calls that change something, audited on success. */
  Set<String> writes() {
    Set<String> writes = new LinkedHashSet<>();
    for (String call : table.names()) {
      if (table.entry(call).write()) {
        writes.add(call);
      }
    }
    return writes;
  }

  boolean knows(String call) {
    return table.entry(call) != null;
  }

  Map<String, Object> handle(String call, Request request) {
    CallTable.Entry entry = table.entry(call);
    if (entry == null) {
      throw new ApiError(ApiError.UNKNOWN_CALL, "Unknown API call: " + call);
    }
    Map<String, Object> answer = entry.handler().handle(request);
    if (entry.write()) {
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
}

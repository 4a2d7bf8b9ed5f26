package dev.kiwiops.simulator;

import static dev.kiwiops.simulator.CallSupport.ok;

import dev.kiwiops.simulator.ApiCalls.Request;
import dev.kiwiops.simulator.SimulatedServer.Backup;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** The backup calls: list the automatic backups and copy one to a snapshot. */
final class BackupCalls {

  private final SnapshotCalls snapshots;

  BackupCalls(SnapshotCalls snapshots) {
    this.snapshots = snapshots;
  }

  void register(CallTable table) {
    table.read("backup/list", this::backupList);
    table.write("backup/copyToSnapshot", this::backupCopyToSnapshot);
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
    return snapshots.snapshotJob(
        s,
        "Backup: Copy to snapshot",
        backup.os(),
        "Backup " + LocalDate.ofInstant(backup.timestamp(), ZoneOffset.UTC),
        backup.size(),
        backup.md5());
  }
}

package dev.kiwiops.core.kiwivm;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.List;
import java.util.Optional;

/**
 * The KiwiVM API as the core sees it: one typed method per call of the API reference. Every method
 * blocks until the call is answered or fails, and never throws for an upstream problem: the {@link
 * ApiResult} says what happened.
 *
 * <p>Implementations may cache and coalesce reads; any write to a server invalidates its cached
 * reads. Writes are never retried.
 */
public interface KiwiVm {

  /**
   * Drops what this port has cached of the server's reads, so that the next reads ask KiwiVM: a
   * check that must see the current state (a confirmed action's preview, checked again) calls it
   * first. Costs nothing upstream; a port without a cache does nothing.
   */
  default void forgetReads(FleetServer server) {}

  // Power

  ApiResult<StartResult> start(FleetServer server);

  ApiResult<Done> stop(FleetServer server);

  ApiResult<Done> restart(FleetServer server);

  ApiResult<Done> kill(FleetServer server);

  // Information

  ApiResult<ServiceInfo> getServiceInfo(FleetServer server);

  ApiResult<LiveServiceInfo> getLiveServiceInfo(FleetServer server);

  ApiResult<AvailableOs> getAvailableOs(FleetServer server);

  /** Obsolete upstream (use {@link #getRawUsageStats}); kept so every call is reachable. */
  ApiResult<Done> getUsageGraphs(FleetServer server);

  ApiResult<UsageStats> getRawUsageStats(FleetServer server);

  ApiResult<PanelAuditLog> getAuditLog(FleetServer server);

  ApiResult<RateLimitStatus> getRateLimitStatus(FleetServer server);

  // OS, keys, password

  ApiResult<ReinstallResult> reinstallOs(FleetServer server, String os);

  ApiResult<Done> updateSshKeys(FleetServer server, List<String> keys);

  ApiResult<SshKeys> getSshKeys(FleetServer server);

  ApiResult<PasswordReset> resetRootPassword(FleetServer server);

  // Naming

  ApiResult<Done> setHostname(FleetServer server, String newHostname);

  ApiResult<Done> setPtr(FleetServer server, String ip, String ptr);

  // ISO

  ApiResult<Done> mountIso(FleetServer server, String iso);

  ApiResult<Done> unmountIso(FleetServer server);

  // Shell

  /** {@code basicShell/cd}: returns the new working directory ({@code pwd}). */
  ApiResult<String> shellCd(FleetServer server, String currentDir, String newDir);

  ApiResult<ShellExecResult> shellExec(FleetServer server, String command);

  /** {@code shellScript/exec}: returns the name of the output log file. */
  ApiResult<String> shellScript(FleetServer server, String script);

  // Snapshots and backups

  /** {@code snapshot/create}: returns the notification e-mail address. */
  ApiResult<String> createSnapshot(FleetServer server, Optional<String> description);

  ApiResult<List<Snapshot>> listSnapshots(FleetServer server);

  ApiResult<Done> deleteSnapshot(FleetServer server, String fileName);

  ApiResult<Done> restoreSnapshot(FleetServer server, String fileName);

  ApiResult<Done> toggleSnapshotSticky(FleetServer server, String fileName, boolean sticky);

  ApiResult<SnapshotExport> exportSnapshot(FleetServer server, String fileName);

  ApiResult<Done> importSnapshot(FleetServer server, long sourceVeid, Secret sourceToken);

  ApiResult<List<Backup>> listBackups(FleetServer server);

  ApiResult<Done> copyBackupToSnapshot(FleetServer server, String backupToken);

  // IPv6 and private IPs

  /** {@code ipv6/add}: an empty {@code ip} asks for a new address from the pool. */
  ApiResult<String> addIpv6(FleetServer server, Optional<String> ip);

  ApiResult<Done> deleteIpv6(FleetServer server, String ip);

  ApiResult<List<String>> availablePrivateIps(FleetServer server);

  /** {@code privateIp/assign}: returns the assigned addresses. */
  ApiResult<List<String>> assignPrivateIp(FleetServer server, Optional<String> ip);

  ApiResult<Done> deletePrivateIp(FleetServer server, String ip);

  // Migration and cloning

  ApiResult<MigrateLocations> migrateLocations(FleetServer server);

  ApiResult<MigrateStarted> startMigration(FleetServer server, String location);

  ApiResult<Done> cloneFromExternalServer(
      FleetServer server, String externalIp, int externalSshPort, Secret externalRootPassword);

  // Abuse

  ApiResult<SuspensionDetails> getSuspensionDetails(FleetServer server);

  ApiResult<Done> unsuspend(FleetServer server, long recordId);

  ApiResult<PolicyViolations> getPolicyViolations(FleetServer server);

  ApiResult<Done> resolvePolicyViolation(FleetServer server, long recordId);
}

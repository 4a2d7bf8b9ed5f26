package dev.kiwiops.kiwivm;

/**
 * Every call of the KiwiVM API: its path under {@code /v1/} and whether it only reads (cacheable,
 * retried) or writes (never cached, never retried, invalidates the server's cached reads).
 */
enum Upstream {
  START("start", null),
  STOP("stop", null),
  RESTART("restart", null),
  KILL("kill", null),
  GET_SERVICE_INFO("getServiceInfo", ReadFamily.INFO),
  GET_LIVE_SERVICE_INFO("getLiveServiceInfo", ReadFamily.LIVE),
  GET_AVAILABLE_OS("getAvailableOS", ReadFamily.INFO),
  GET_USAGE_GRAPHS("getUsageGraphs", ReadFamily.LIST),
  GET_RAW_USAGE_STATS("getRawUsageStats", ReadFamily.LIST),
  GET_AUDIT_LOG("getAuditLog", ReadFamily.LIST),
  GET_RATE_LIMIT_STATUS("getRateLimitStatus", ReadFamily.INFO),
  REINSTALL_OS("reinstallOS", null),
  UPDATE_SSH_KEYS("updateSshKeys", null),
  GET_SSH_KEYS("getSshKeys", ReadFamily.INFO),
  RESET_ROOT_PASSWORD("resetRootPassword", null),
  SET_HOSTNAME("setHostname", null),
  SET_PTR("setPTR", null),
  ISO_MOUNT("iso/mount", null),
  ISO_UNMOUNT("iso/unmount", null),
  SHELL_CD("basicShell/cd", null),
  SHELL_EXEC("basicShell/exec", null),
  SHELL_SCRIPT_EXEC("shellScript/exec", null),
  SNAPSHOT_CREATE("snapshot/create", null),
  SNAPSHOT_LIST("snapshot/list", ReadFamily.LIST),
  SNAPSHOT_DELETE("snapshot/delete", null),
  SNAPSHOT_RESTORE("snapshot/restore", null),
  SNAPSHOT_TOGGLE_STICKY("snapshot/toggleSticky", null),
  SNAPSHOT_EXPORT("snapshot/export", null),
  SNAPSHOT_IMPORT("snapshot/import", null),
  BACKUP_LIST("backup/list", ReadFamily.LIST),
  BACKUP_COPY_TO_SNAPSHOT("backup/copyToSnapshot", null),
  IPV6_ADD("ipv6/add", null),
  IPV6_DELETE("ipv6/delete", null),
  PRIVATE_IP_GET_AVAILABLE("privateIp/getAvailableIps", ReadFamily.LIST),
  PRIVATE_IP_ASSIGN("privateIp/assign", null),
  PRIVATE_IP_DELETE("privateIp/delete", null),
  MIGRATE_GET_LOCATIONS("migrate/getLocations", ReadFamily.LIST),
  MIGRATE_START("migrate/start", null),
  CLONE_FROM_EXTERNAL_SERVER("cloneFromExternalServer", null),
  GET_SUSPENSION_DETAILS("getSuspensionDetails", ReadFamily.LIST),
  UNSUSPEND("unsuspend", null),
  GET_POLICY_VIOLATIONS("getPolicyViolations", ReadFamily.LIST),
  RESOLVE_POLICY_VIOLATION("resolvePolicyViolation", null);

  private final String path;
  private final ReadFamily family;

  Upstream(String path, ReadFamily family) {
    this.path = path;
    this.family = family;
  }

  /** The path below the API base, slash calls as segments ({@code snapshot/list}). */
  String path() {
    return path;
  }

  /** The cache family of a read; null for writes. */
  ReadFamily family() {
    return family;
  }

  /** Cache-lifetime groups of the read calls: each has its own TTL. */
  enum ReadFamily {
    /** Slow-changing facts: service info, OS list, SSH keys, rate-limit points. */
    INFO,
    /** {@code getLiveServiceInfo}: expensive upstream, changes quickly. */
    LIVE,
    /** Lists and logs: snapshots, backups, usage, audit, abuse records, locations. */
    LIST
  }
}

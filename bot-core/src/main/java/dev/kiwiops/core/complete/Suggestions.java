package dev.kiwiops.core.complete;

/**
 * Where the candidates for one argument come from when a chat platform asks for completions while
 * the user types (Discord autocomplete, a Telegram menu). A command's typed argument description
 * names its source; the {@link Completer} answers it from cached data only. Completions are a
 * convenience: the core validates every value again when the command arrives.
 */
public enum Suggestions {
  /** Nothing to suggest: free text, numbers, durations. */
  NONE,
  /** Fleet names the caller may run the command on. */
  SERVERS,
  /** Snapshot file names of the chosen server. */
  SNAPSHOT_FILES,
  /** OS templates the chosen server may be reinstalled with. */
  OS_TEMPLATES,
  /** ISO images the chosen server can mount. */
  ISOS,
  /** Locations the chosen server may migrate to. */
  LOCATIONS,
  /** Automatic backup tokens of the chosen server. */
  BACKUP_TOKENS,
  /** IP addresses (v4 and v6) of the chosen server. */
  SERVER_IPS,
  /** IPv6 addresses of the chosen server. */
  SERVER_IPV6,
  /** Private IPs that can still be assigned to the chosen server. */
  PRIVATE_IPS_AVAILABLE,
  /** Private IPs assigned to the chosen server. */
  PRIVATE_IPS_ASSIGNED,
  /** Open alert ids on servers in the caller's scope. */
  ALERT_IDS,
  /** Policy violation record ids of the chosen server. */
  VIOLATION_RECORDS,
  /** Suspension record ids of the chosen server. */
  SUSPENSION_RECORDS,
  /** Command words the caller may run ({@code help <command>}). */
  COMMANDS
}

package dev.kiwiops.core.command;

/**
 * What kind of value a command parameter takes. A chat platform maps it to its own option types (a
 * Discord integer or boolean option, a string otherwise) and the core checks every value again when
 * the command arrives, so a kind is a promise about the syntax, never a substitute for validation.
 */
public enum ParamKind {
  /** A fleet name from the configuration. */
  SERVER,
  /** One word of free text. */
  WORD,
  /** Free text that may hold spaces (a description, a shell command). */
  TEXT,
  /** A positive whole number. */
  NUMBER,
  /** {@code on} or {@code off}. */
  ON_OFF,
  /** A switch written {@code --name} when set; a platform offers it as a boolean. */
  FLAG,
  /** A duration such as {@code 30m}, {@code 6h}, {@code 7d}. */
  DURATION,
  /** An IPv4 or IPv6 address. */
  IP,
  /** An IPv4 address. */
  IPV4,
  /** An IPv6 address (some commands also take a subnet). */
  IPV6,
  /** A host name of RFC 1123 labels. */
  HOSTNAME,
  /** An OS template name ({@code debian-12-x86_64}). */
  OS_TEMPLATE,
  /** An ISO image name ({@code debian-12.iso}). */
  ISO,
  /** A snapshot file name ({@code snapshot-….tar.gz}). */
  SNAPSHOT_FILE,
  /** A migration location id ({@code USCA_2}). */
  LOCATION,
  /** A snapshot transfer token. */
  TOKEN,
  /** An automatic backup's 40-hex token. */
  BACKUP_TOKEN,
  /** A positive record id (suspension, policy violation). */
  RECORD_ID,
  /** A TCP port, 1 to 65535. */
  PORT,
  /** A short code the bot handed out (confirmation, secret question). */
  CODE,
  /** An alert id ({@code A12}). */
  ALERT_ID,
  /** A platform identity ({@code telegram:123456}). */
  IDENTITY,
  /** A directory path on the server. */
  DIRECTORY,
  /** Public SSH keys. */
  SSH_KEYS,
  /** The words of a command of the catalogue ({@code power kill}). */
  COMMAND
}

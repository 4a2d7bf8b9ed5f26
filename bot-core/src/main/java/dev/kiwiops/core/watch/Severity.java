package dev.kiwiops.core.watch;

/** How urgent an alert is: unacknowledged critical alerts are repeated until someone acts. */
public enum Severity {
  CRITICAL,
  WARNING
}

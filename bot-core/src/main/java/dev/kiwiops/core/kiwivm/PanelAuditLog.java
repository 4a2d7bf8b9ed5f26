package dev.kiwiops.core.kiwivm;

import java.time.Instant;
import java.util.List;

/** {@code getAuditLog}: the KiwiVM panel's own log; IPv4 decoded from the API's uint32. */
public record PanelAuditLog(List<Entry> entries) {
  public PanelAuditLog {
    entries = List.copyOf(entries);
  }

  /** One panel log line. */
  public record Entry(Instant at, String requestorIpv4, int type, String summary) {}
}

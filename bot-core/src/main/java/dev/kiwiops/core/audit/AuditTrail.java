package dev.kiwiops.core.audit;

import java.util.List;
import java.util.Optional;

/** The audit port: append-only, queried newest first. */
public interface AuditTrail {

  void record(AuditEntry entry);

  /** The newest entries, optionally only for one server and/or one identity. */
  List<AuditEntry> recent(Optional<String> server, Optional<String> identity, int limit);
}

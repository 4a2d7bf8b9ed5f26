package dev.kiwiops.core.audit;

import java.util.ArrayList;
import java.util.List;

/** An audit trail kept in memory, for tests; the application always uses the JDBC store. */
public final class InMemoryAuditTrail implements AuditTrail {
  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public synchronized void record(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public synchronized List<AuditEntry> recent(AuditQuery query) {
    List<AuditEntry> result = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0 && result.size() < query.limit(); i--) {
      if (query.matches(entries.get(i))) {
        result.add(entries.get(i));
      }
    }
    return result;
  }

  public synchronized List<AuditEntry> all() {
    return List.copyOf(entries);
  }
}

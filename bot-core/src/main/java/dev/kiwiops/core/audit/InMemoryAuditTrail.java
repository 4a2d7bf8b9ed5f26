package dev.kiwiops.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An audit trail kept in memory, for tests and runs without a store. */
public final class InMemoryAuditTrail implements AuditTrail {
  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public synchronized void record(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public synchronized List<AuditEntry> recent(
      Optional<String> server, Optional<String> identity, int limit) {
    List<AuditEntry> result = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0 && result.size() < limit; i--) {
      AuditEntry e = entries.get(i);
      if (server.map(s -> e.server().equals(Optional.of(s))).orElse(true)
          && identity.map(e.identity()::equals).orElse(true)) {
        result.add(e);
      }
    }
    return result;
  }

  public synchronized List<AuditEntry> all() {
    return List.copyOf(entries);
  }
}

package dev.kiwiops.core.audit;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The audit port: append-only, read newest first. Entries arrive masked (see {@link AuditEntry});
 * an implementation stores them as given.
 *
 * <p>{@link #record} throws {@link AuditUnavailableException} if the entry could not be kept; the
 * dispatcher then refuses to start destructive work rather than act without a trace.
 */
public interface AuditTrail {

  void record(AuditEntry entry);

  /**
   * Records {@code entry} and returns only once it, and every entry recorded before it, is on
   * stable storage (synced, not only committed): for the entry that must outlive a power loss
   * because something irreversible may follow it (the request of a destructive command, before its
   * prompt can be confirmed). Throws {@link AuditUnavailableException} as {@link #record} does.
   * Stores that make every entry that durable need not override it.
   */
  default void recordDurably(AuditEntry entry) {
    record(entry);
  }

  /** The newest entries that {@code query} asks for, newest first. */
  List<AuditEntry> recent(AuditQuery query);

  /** The newest entries, optionally only for one server and/or one identity. */
  default List<AuditEntry> recent(Optional<String> server, Optional<String> identity, int limit) {
    AuditQuery query =
        server.isPresent()
            ? AuditQuery.onServers(Set.of(server.get()), limit)
            : AuditQuery.everything(limit);
    return recent(identity.map(query::byIdentity).orElse(query));
  }
}

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

package dev.kiwiops.core.audit;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which audit entries to read, newest first.
 *
 * @param servers only entries about these servers, unless {@code anyServer}
 * @param anyServer entries about every server (for fleet-wide readers)
 * @param withoutServer also entries about no server in particular ({@code help}, a bad code)
 * @param identity only entries of this identity ({@code telegram:5}), if present
 * @param limit at most this many entries
 */
public record AuditQuery(
    Set<String> servers,
    boolean anyServer,
    boolean withoutServer,
    Optional<String> identity,
    int limit) {

  public AuditQuery {
    servers = Set.copyOf(servers);
    Objects.requireNonNull(identity, "identity");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  /** Every entry, newest first. */
  public static AuditQuery everything(int limit) {
    return new AuditQuery(Set.of(), true, true, Optional.empty(), limit);
  }

  /** Entries about these servers only. */
  public static AuditQuery onServers(Set<String> servers, int limit) {
    return new AuditQuery(servers, false, false, Optional.empty(), limit);
  }

  public AuditQuery byIdentity(String value) {
    return new AuditQuery(servers, anyServer, withoutServer, Optional.of(value), limit);
  }

  /** Whether {@code entry} is one this query asks for (the limit aside). */
  public boolean matches(AuditEntry entry) {
    boolean serverOk =
        entry.server().isEmpty()
            ? withoutServer
            : anyServer || servers.contains(entry.server().get());
    return serverOk && identity.map(entry.identity()::equals).orElse(true);
  }
}

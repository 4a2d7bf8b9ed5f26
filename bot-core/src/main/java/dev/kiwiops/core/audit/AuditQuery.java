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
 * @param person only entries of this person ({@code ada}, any of their identities), if present
 */
public record AuditQuery(
    Set<String> servers,
    boolean anyServer,
    boolean withoutServer,
    Optional<String> identity,
    int limit,
    Optional<String> person) {

  public AuditQuery {
    servers = Set.copyOf(servers);
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(person, "person");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  /** A query about no person in particular. */
  public AuditQuery(
      Set<String> servers,
      boolean anyServer,
      boolean withoutServer,
      Optional<String> identity,
      int limit) {
    this(servers, anyServer, withoutServer, identity, limit, Optional.empty());
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
    return new AuditQuery(servers, anyServer, withoutServer, Optional.of(value), limit, person);
  }

  /** Only the entries recorded for the person {@code name}, whichever identity they used. */
  public AuditQuery byPerson(String name) {
    return new AuditQuery(servers, anyServer, withoutServer, identity, limit, Optional.of(name));
  }

  /** Whether {@code entry} is one this query asks for (the limit aside). */
  public boolean matches(AuditEntry entry) {
    boolean serverOk =
        entry.server().isEmpty()
            ? withoutServer
            : anyServer || servers.contains(entry.server().get());
    return serverOk
        && identity.map(entry.identity()::equals).orElse(true)
        && person.map(p -> entry.person().equals(Optional.of(p))).orElse(true);
  }
}

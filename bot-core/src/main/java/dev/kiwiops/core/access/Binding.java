package dev.kiwiops.core.access;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.Objects;
import java.util.Set;

/**
 * Grants roles to an identity, optionally limited to some servers and/or tags. With neither servers
 * nor tags the binding covers the whole fleet; with both, a server matches if it is named or
 * carries one of the tags.
 */
public record Binding(Identity identity, Set<String> roles, Set<String> servers, Set<String> tags) {
  public Binding {
    Objects.requireNonNull(identity, "identity");
    roles = Set.copyOf(roles);
    servers = Set.copyOf(servers);
    tags = Set.copyOf(tags);
  }

  public boolean isFleetWide() {
    return servers.isEmpty() && tags.isEmpty();
  }

  public boolean covers(FleetServer server) {
    if (isFleetWide() || servers.contains(server.name())) {
      return true;
    }
    for (String tag : server.tags()) {
      if (tags.contains(tag)) {
        return true;
      }
    }
    return false;
  }
}

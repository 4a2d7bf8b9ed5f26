package dev.kiwiops.core.watch;

import dev.kiwiops.core.fleet.FleetServer;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code alerts.routes}: which alerts (kinds, servers, tags) go to which destinations.
 * An empty {@code kinds} matches every kind; empty {@code servers} and {@code tags} together match
 * every server, otherwise a server matches if it is named or carries one of the tags.
 */
public record Route(
    Set<AlertKind> kinds, Set<String> servers, Set<String> tags, List<Destination> destinations) {
  public Route {
    kinds = Set.copyOf(kinds);
    servers = Set.copyOf(servers);
    tags = Set.copyOf(tags);
    destinations = List.copyOf(destinations);
    if (destinations.isEmpty()) {
      throw new IllegalArgumentException("an alert route needs at least one destination");
    }
  }

  /** A route that sends every alert of every server to {@code destinations}. */
  public static Route everything(Destination... destinations) {
    return new Route(Set.of(), Set.of(), Set.of(), List.of(destinations));
  }

  public boolean matches(AlertKind kind, FleetServer server) {
    Objects.requireNonNull(server, "server");
    if (!kinds.isEmpty() && !kinds.contains(kind)) {
      return false;
    }
    if (servers.isEmpty() && tags.isEmpty()) {
      return true;
    }
    return servers.contains(server.name()) || !Collections.disjoint(tags, server.tags());
  }
}

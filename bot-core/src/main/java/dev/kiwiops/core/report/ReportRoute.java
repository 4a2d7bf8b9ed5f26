package dev.kiwiops.core.report;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.watch.Destination;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code reports.routes}: the report of which servers (by name or tag; both empty:
 * all) goes to which destinations, as alert routes do.
 */
public record ReportRoute(Set<String> servers, Set<String> tags, List<Destination> destinations) {
  public ReportRoute {
    servers = Set.copyOf(servers);
    tags = Set.copyOf(tags);
    destinations = List.copyOf(destinations);
    if (destinations.isEmpty()) {
      throw new IllegalArgumentException("a report route needs at least one destination");
    }
  }

  /** Every server's report to {@code destinations}. */
  public static ReportRoute everything(Destination... destinations) {
    return new ReportRoute(Set.of(), Set.of(), List.of(destinations));
  }

  public boolean matches(FleetServer server) {
    if (servers.isEmpty() && tags.isEmpty()) {
      return true;
    }
    return servers.contains(server.name()) || !Collections.disjoint(tags, server.tags());
  }
}

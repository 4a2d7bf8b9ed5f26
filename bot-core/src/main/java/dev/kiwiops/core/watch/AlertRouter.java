package dev.kiwiops.core.watch;

import dev.kiwiops.core.fleet.FleetServer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides the destinations of an alert from {@code alerts.routes}: the union of every matching
 * route's destinations, each once, in configuration order.
 */
public final class AlertRouter {
  private volatile List<Route> routes;

  public AlertRouter(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  /** Puts {@code next} in force for every later alert (a configuration reload). */
  public void replace(List<Route> next) {
    this.routes = List.copyOf(next);
  }

  /** Every alert to the given destinations: the default when no routes are configured. */
  public static AlertRouter everythingTo(Destination... destinations) {
    return new AlertRouter(List.of(Route.everything(destinations)));
  }

  public List<Destination> destinations(AlertKind kind, FleetServer server) {
    Set<Destination> result = new LinkedHashSet<>();
    for (Route route : this.routes) {
      if (route.matches(kind, server)) {
        result.addAll(route.destinations());
      }
    }
    return List.copyOf(result);
  }

  /**
   * The destinations whose sink is not among {@code sinkIds}: configuration problems to report at
   * startup (alerts for them would never be delivered).
   */
  public List<Destination> unknownSinks(Set<String> sinkIds) {
    List<Destination> unknown = new ArrayList<>();
    for (Route route : routes) {
      for (Destination d : route.destinations()) {
        if (!sinkIds.contains(d.sink()) && !unknown.contains(d)) {
          unknown.add(d);
        }
      }
    }
    return unknown;
  }

  public List<Route> routes() {
    return routes;
  }
}

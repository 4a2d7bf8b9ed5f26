package dev.kiwiops.core.fleet;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured servers, by fleet name, in configuration order. A configuration reload {@link
 * #replace replaces} them as a whole: readers see either the old or the new fleet, never a mix.
 */
public final class Fleet {
  private volatile Map<String, FleetServer> byName;

  public Fleet(List<FleetServer> servers) {
    this.byName = index(servers);
  }

  /** Puts {@code servers} in place of the current ones, for every later lookup. */
  public void replace(List<FleetServer> servers) {
    this.byName = index(servers);
  }

  private static Map<String, FleetServer> index(List<FleetServer> servers) {
    Map<String, FleetServer> map = new LinkedHashMap<>();
    for (FleetServer server : servers) {
      if (map.putIfAbsent(server.name(), server) != null) {
        throw new IllegalArgumentException("duplicate server name: " + server.name());
      }
    }
    return Collections.unmodifiableMap(map);
  }

  public Optional<FleetServer> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<FleetServer> all() {
    return byName.values();
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }
}

package dev.kiwiops.config;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.simulator.KiwiVmSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The demo's configuration: the simulator's fleet, and the console user as admin. */
final class DemoSetup {
  private DemoSetup() {}

  static KiwiopsConfig config(KiwiVmSimulator sim, String user) {
    List<FleetServer> servers =
        List.of(
            server("web1", KiwiVmSimulator.DEMO_WEB1, Set.of("prod", "web")),
            server("db1", KiwiVmSimulator.DEMO_DB1, Set.of("prod", "db")),
            server("legacy1", KiwiVmSimulator.DEMO_LEGACY1, Set.of("legacy")));
    return new KiwiopsConfig(
        sim.apiBase(),
        Duration.ofSeconds(30),
        servers,
        List.of(),
        List.of(new Binding(Identity.console(user), Set.of("admin"), Set.of(), Set.of())),
        Duration.ofSeconds(60),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        new KiwiopsConfig.Alerts(
            true, Duration.ofSeconds(10), Duration.ofMinutes(15), List.of(80, 90, 100), List.of()),
        "jdbc:sqlite::memory:",
        0);
  }

  private static FleetServer server(String name, long veid, Set<String> tags) {
    return new FleetServer(name, veid, Secret.of(KiwiVmSimulator.DEMO_KEYS.get(veid)), tags);
  }
}

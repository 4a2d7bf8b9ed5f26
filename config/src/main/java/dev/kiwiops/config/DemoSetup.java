package dev.kiwiops.config;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.SimulatedServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The demo's configuration: the simulator's fleet, and the console user as admin. */
final class DemoSetup {
  private DemoSetup() {}

  static KiwiopsConfig config(KiwiVmSimulator sim, String user, java.nio.file.Path storeFile) {
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
        List.of(),
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        Set.of(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        new KiwiopsConfig.Alerts(
            true, Duration.ofSeconds(10), Duration.ofMinutes(15), List.of(80, 90, 100), List.of()),
        "jdbc:sqlite:" + storeFile,
        KiwiopsConfig.Http.off(),
        KiwiopsConfig.Logging.defaults(),
        KiwiopsConfig.DEFAULT_SHUTDOWN_GRACE,
        dev.kiwiops.core.report.ReportSettings.NONE,
        KiwiopsConfig.Ha.off());
  }

  private static FleetServer server(String name, long veid, Set<String> tags) {
    return new FleetServer(name, veid, Secret.of(KiwiVmSimulator.DEMO_KEYS.get(veid)), tags);
  }

  /**
   * Removes the demo's throw-away store; a leftover temp file is harmless, so errors are ignored.
   */
  static void deleteQuietly(java.nio.file.Path dir) {
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException | RuntimeException e) {
      // best effort
    }
  }

  /**
   * Makes the demo eventful: a DDoS nullroute on web1 after 15 s and a policy violation on db1
   * after 30 s, so the watcher shows its alerts within the first minute; the nullroute lifts after
   * 3 minutes, which shows the "resolved" message.
   */
  static void scheduleIncidents(KiwiVmSimulator sim) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(Kiwiops.daemonThreads("kiwiops-demo-events"));
    SimulatedServer web1 = sim.server(KiwiVmSimulator.DEMO_WEB1);
    SimulatedServer db1 = sim.server(KiwiVmSimulator.DEMO_DB1);
    String ip = web1.ipv4Addresses().get(0);
    timer.schedule(
        () ->
            web1.nullroute(
                ip,
                "12:00:01.000 IP 203.0.113.7.53 > "
                    + ip
                    + ".80: UDP, length 1400\n"
                    + "12:00:01.001 IP 198.51.100.99.123 > "
                    + ip
                    + ".80: UDP, length 468\n"
                    + "2.1 Mpps, 9.8 Gbit/s for 4 min (amplification: DNS, NTP)"),
        15,
        TimeUnit.SECONDS);
    timer.schedule(
        () ->
            db1.addPolicyViolation(
                "copyright",
                true,
                100,
                "Complaint 2026-1127: torrent traffic from " + db1.ipv4Addresses().get(0)),
        30,
        TimeUnit.SECONDS);
    timer.schedule(() -> web1.clearNullroute(ip), 180, TimeUnit.SECONDS);
  }
}

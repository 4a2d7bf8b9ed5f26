package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.testkit.TestWatcher;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.Watcher;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import dev.kiwiops.simulator.SimulatedServer;
import dev.kiwiops.store.Database;
import dev.kiwiops.store.JdbcAlertStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher end to end: the real client over HTTP against the simulator's injected events, the
 * state in a SQLite file, on a deterministic scheduler and a shared fake clock.
 */
class WatcherAgainstSimulatorTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final String WEB_KEY = "private_Qx7Lm2Np8Rt4Vw6Yz0Ab3Cd5";
  private static final String DB_KEY = "private_Ef9Gh1Jk3Mn5Pq7St9Uv1Wx3";
  private static final FleetServer WEB =
      new FleetServer("web1", 4242, Secret.of(WEB_KEY), Set.of("prod"));
  private static final FleetServer DB = new FleetServer("db1", 4343, Secret.of(DB_KEY), Set.of());

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final RecordingAlertSink console = new RecordingAlertSink("console");
  private KiwiVmSimulator sim;
  private KiwiVmClient client;
  private Watcher watcher;

  @BeforeEach
  void startSimulatorAndWatcher() throws SQLException {
    sim = KiwiVmSimulator.start(0, clock);
    sim.addServer(ServerSpec.kvm(WEB.veid(), WEB_KEY, "web1.example.com"));
    sim.addServer(ServerSpec.kvm(DB.veid(), DB_KEY, "db1.example.com"));
    client =
        KiwiVmClient.builder(sim.apiBase())
            .timeout(Duration.ofSeconds(5))
            .ticker(clock)
            .infoTtl(Duration.ZERO) // so each cycle's call reaches the simulator
            .readAttempts(1)
            .build();
    JdbcAlertStore store =
        new JdbcAlertStore(Database.open("jdbc:sqlite:" + dir.resolve("kiwiops.db")));
    watcher =
        TestWatcher.of(new Fleet(List.of(WEB, DB)), client, console, scheduler, clock)
            .interval(INTERVAL)
            .store(store)
            .build();
  }

  @AfterEach
  void stop() {
    watcher.close();
    client.close();
    sim.close();
  }

  @Test
  void aNullrouteAndAPolicyViolationAreAnnouncedOnceAndResolvedOnce() {
    watcher.start();
    scheduler.runDue();
    assertThat(console.titles()).isEmpty();

    SimulatedServer web = sim.server(WEB.veid());
    web.nullroute("192.0.2.10", "UDP flood from 3000 sources");
    long record = web.addPolicyViolation("spam", true, 10, "mail queue 40k");
    scheduler.advance(INTERVAL);
    scheduler.advance(INTERVAL);

    assertThat(console.titles())
        .containsExactlyInAnyOrder(
            "[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.10",
            "[CRITICAL] A2 web1: policy violation #" + record + " (spam)");
    Alert nullroute = alertAbout("nullroute");
    assertThat(nullroute.attachment().orElseThrow().data())
        .asString(StandardCharsets.UTF_8)
        .contains("UDP flood from 3000 sources");
    Alert violation = alertAbout("policy-violation");
    assertThat(violation.body()).contains("suspended in 35 h 59 min (2026-01-02 12:00 UTC)");
    assertThat(violation.toReply().buttons())
        .contains(
            new Button("Resolve", Button.Intent.RESOLVE, "r:web1:" + record, Button.Style.DANGER));

    web.clearNullroute("192.0.2.10");
    client.resolvePolicyViolation(WEB, record);
    scheduler.advance(INTERVAL);
    scheduler.advance(INTERVAL);

    assertThat(console.titles())
        .hasSize(4)
        .contains(
            "[RESOLVED] A1 web1: DDoS nullroute on 192.0.2.10",
            "[RESOLVED] A2 web1: policy violation #" + record + " (spam)");
  }

  @Test
  void eachCycleCostsOneServiceInfoPerServer() {
    watcher.start();
    scheduler.runDue(); // cycle 0 makes the expensive calls too
    sim.clearCalls();

    scheduler.advance(INTERVAL.multipliedBy(3)); // cycles 1 to 3: cheap ones

    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(3);
    assertThat(sim.calls(DB.veid(), "getServiceInfo")).hasSize(3);
    assertThat(sim.calls()).hasSize(6);
  }

  @Test
  void aServerStoppedOutsideTheBotIsDown() {
    sim.server(DB.veid()).stopOutsideBot();

    watcher.start();
    scheduler.runDue();

    assertThat(console.titles()).containsExactly("[CRITICAL] A1 db1 is down");
  }

  private Alert alertAbout(String kind) {
    return console.alerts().stream()
        .filter(a -> a.key().kind().id().equals(kind))
        .findFirst()
        .orElseThrow();
  }
}

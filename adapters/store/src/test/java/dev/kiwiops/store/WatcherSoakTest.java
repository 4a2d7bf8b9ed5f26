package dev.kiwiops.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.testkit.FakeServiceInfo;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.testkit.TestWatcher;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.Incident;
import dev.kiwiops.core.watch.IncidentKey;
import dev.kiwiops.core.watch.Watcher;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak of the watcher on a fake clock: 10,000 cycles over a generated fleet of 20 servers whose
 * nullroutes, policy violations, suspensions and rejected API keys start and end at random, with
 * random poll faults (network, HTTP 5xx, unreadable answers, rate limits, exceptions), failing chat
 * deliveries, and restarts in the middle: a new watcher over the same SQLite file, after the old
 * one died part-way through a cycle or closed cleanly. Seeded, so every run is the same run.
 *
 * <p>Every event lasts long enough to be seen whatever the faults (at least 40 cycles in which its
 * server's key is accepted), and a key is rejected only for a while. Then, per incident key, the
 * chat must show exactly one "raised" per event and one "resolved" per event that ended, in
 * alternation; after a quiet end, the open incidents are exactly the events still going on and the
 * outbox is empty.
 */
class WatcherSoakTest {
  private static final long SEED = 20261202L;
  private static final int SERVERS = 20;
  private static final int CYCLES = 10_000;
  private static final int QUIET = 30;
  private static final Duration INTERVAL = Duration.ofSeconds(60);
  private static final int MIN_EVENT = 40;
  private static final int MAX_EVENT = 300;
  private static final double FAULT = 0.05;

  @TempDir Path dir;

  private final SplittableRandom random = new SplittableRandom(SEED);
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final RecordingAlertSink chat = new RecordingAlertSink("console");
  private final List<Model> fleet = new ArrayList<>();
  private final Map<String, Integer> started = new TreeMap<>();
  private final Map<String, Integer> ended = new TreeMap<>();
  private boolean faulty = true;
  private long nextRecord = 7000;
  private int nextIp = 1;
  private int crashes;
  private int cleanRestarts;
  private long cyclesRun;
  private long pollFailures;

  private ManualScheduler scheduler;
  private Watcher watcher;
  private JdbcAlertStore store;
  private Path database;

  @Test
  @SuppressWarnings("try") // the extra connection is only held open
  void everyEventIsRaisedOnceAndResolvedOnceThroughFaultsAndRestarts() throws Exception {
    // The store opens a connection per transaction; closing the last one checkpoints the WAL and
    // an fsync follows every commit: on a disk, 10,000 cycles took over nine minutes here. So
    // the file lives in memory (/dev/shm, where there is one) and another connection stays open,
    // as when a second process shares the store. It is still the real SQLite file and driver.
    Path shm = Path.of("/dev/shm");
    Path folder = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "kiwiops-soak") : dir;
    database = folder.resolve("kiwiops.db");
    try (Connection other = openStore()) {
      soak();
    } finally {
      if (!folder.equals(dir)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.toList()) {
            Files.deleteIfExists(file);
          }
        }
        Files.deleteIfExists(folder);
      }
    }
  }

  /** Opens (and migrates) the store, and holds one more connection to its file. */
  private Connection openStore() throws SQLException {
    Database.open("jdbc:sqlite:" + database);
    return DriverManager.getConnection("jdbc:sqlite:" + database);
  }

  private void soak() throws SQLException {
    long began = System.nanoTime();
    List<FleetServer> servers = new ArrayList<>();
    for (int i = 0; i < SERVERS; i++) {
      FleetServer server =
          new FleetServer(
              "vps" + i, 5000 + i, Secret.of("private_soak" + i + "xxxxxxxxxxxxxxxx"), Set.of());
      servers.add(server);
      fleet.add(new Model(server));
    }
    Fleet watched = new Fleet(servers);
    KiwiVm kiwi = kiwi();
    startWatcher(watched, kiwi);

    for (int cycle = 0; cycle < CYCLES + QUIET; cycle++) {
      if (cycle == CYCLES) {
        faulty = false;
      }
      if (faulty) {
        for (Model server : fleet) {
          server.step(cycle);
        }
        if (random.nextDouble() < 0.01) {
          chat.failNext(1 + random.nextInt(3));
        }
      }
      double restart = faulty ? random.nextDouble() : 1;
      if (restart < 1.0 / 400) {
        // The process dies part-way through a cycle: some of its polls and deliveries ran.
        clock.advance(INTERVAL);
        int tasks = random.nextInt(SERVERS + 2);
        for (int i = 0; i < tasks && scheduler.runOne(); i++) {}
        crashes++;
        retire();
        startWatcher(watched, kiwi);
      } else if (restart < 1.5 / 400) {
        scheduler.advance(INTERVAL);
        watcher.close();
        cleanRestarts++;
        retire();
        startWatcher(watched, kiwi);
      } else {
        scheduler.advance(INTERVAL);
      }
    }
    scheduler.advance(INTERVAL.multipliedBy(10)); // the last retries of the outbox
    retire();
    long millis = (System.nanoTime() - began) / 1_000_000;

    assertEachEventRaisedAndResolvedOnce();
    assertThat(keysOf(watcherOpen(watched, kiwi)))
        .as("open incidents at the end")
        .isEqualTo(activeKeys());
    assertThat(store.pending()).as("undelivered messages").isEmpty();
    System.out.printf(
        "WatcherSoakTest: %d cycles (%d watcher cycles run) over %d servers in %d ms: %d events"
            + " raised, %d resolved, %d still open; %d crashes and %d clean restarts; %d poll"
            + " failures; %d messages delivered%n",
        CYCLES + QUIET,
        cyclesRun,
        SERVERS,
        millis,
        started.values().stream().mapToInt(Integer::intValue).sum(),
        ended.values().stream().mapToInt(Integer::intValue).sum(),
        activeKeys().size(),
        crashes,
        cleanRestarts,
        pollFailures,
        chat.received().size());
  }

  private void startWatcher(Fleet watched, KiwiVm kiwi) throws SQLException {
    scheduler = new ManualScheduler(clock);
    store = new JdbcAlertStore(Database.open("jdbc:sqlite:" + database));
    watcher =
        TestWatcher.of(watched, kiwi, chat, scheduler, clock)
            .interval(INTERVAL)
            .store(store)
            .build();
    watcher.start();
    scheduler.runDue();
  }

  /** Counts what the watcher did and forgets it (its scheduler's queued tasks die with it). */
  private void retire() {
    cyclesRun += watcher.status().cycles();
    pollFailures += watcher.status().pollFailures();
  }

  /** The open incidents as a fresh process reads them from the store. */
  private List<Incident> watcherOpen(Fleet watched, KiwiVm kiwi) throws SQLException {
    startWatcher(watched, kiwi);
    return watcher.openIncidents();
  }

  private void assertEachEventRaisedAndResolvedOnce() {
    Map<String, List<Alert>> byKey = new TreeMap<>();
    for (Alert alert : chat.alerts()) {
      if (alert.phase() == Alert.Phase.RAISED || alert.phase() == Alert.Phase.RESOLVED) {
        byKey.computeIfAbsent(key(alert.key()), k -> new ArrayList<>()).add(alert);
      }
    }
    Set<String> keys = new TreeSet<>(started.keySet());
    assertThat(byKey.keySet()).as("keys with alerts").isEqualTo(keys);
    Set<String> ids = new TreeSet<>();
    for (String key : keys) {
      List<Alert> alerts = byKey.get(key);
      int raised = 0;
      int resolved = 0;
      for (int i = 0; i < alerts.size(); i++) {
        Alert alert = alerts.get(i);
        Alert.Phase expected = i % 2 == 0 ? Alert.Phase.RAISED : Alert.Phase.RESOLVED;
        assertThat(alert.phase()).as("%s message %d", key, i).isEqualTo(expected);
        if (expected == Alert.Phase.RAISED) {
          raised++;
          assertThat(ids.add(alert.id())).as("alert id %s used twice", alert.id()).isTrue();
        } else {
          resolved++;
          assertThat(alert.id()).isEqualTo(alerts.get(i - 1).id());
        }
      }
      assertThat(raised).as("%s raised", key).isEqualTo(started.get(key));
      assertThat(resolved).as("%s resolved", key).isEqualTo(ended.getOrDefault(key, 0));
    }
  }

  private Set<String> activeKeys() {
    Set<String> keys = new TreeSet<>();
    for (Model server : fleet) {
      keys.addAll(server.activeKeys());
    }
    return keys;
  }

  private static Set<String> keysOf(List<Incident> incidents) {
    Set<String> keys = new TreeSet<>();
    for (Incident incident : incidents) {
      keys.add(key(incident.key()));
    }
    return keys;
  }

  private static String key(IncidentKey key) {
    return key(key.kind(), key.server(), key.subject());
  }

  private static String key(AlertKind kind, String server, String subject) {
    return kind.id() + "/" + server + "/" + subject;
  }

  // The fleet's model

  /** One event: started at a cycle, ends after {@code length} cycles in which it could be seen. */
  private static final class Event {
    final String key;
    final int length;
    int visible;

    Event(String key, int length) {
      this.key = key;
      this.length = length;
    }
  }

  private final class Model {
    final FleetServer server;
    final FakeServiceInfo state = new FakeServiceInfo();
    final Map<String, Event> nullroutes = new LinkedHashMap<>();
    final Map<Long, Event> violations = new LinkedHashMap<>();
    Event suspension;
    Event auth;
    int quietUntil;

    Model(FleetServer server) {
      this.server = server;
    }

    /** Ends what is due, then maybe starts something, before the cycle's poll. */
    void step(int cycle) {
      if (auth != null) {
        // While the key is rejected nothing else can be seen: nothing else starts or ends.
        if (++auth.visible >= auth.length) {
          end(auth);
          auth = null;
          quietUntil = cycle + MIN_EVENT;
        }
        return;
      }
      for (Iterator<Map.Entry<String, Event>> it = nullroutes.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<String, Event> e = it.next();
        if (++e.getValue().visible >= e.getValue().length) {
          end(e.getValue());
          state.nullroutes.remove(e.getKey());
          it.remove();
        }
      }
      for (Iterator<Map.Entry<Long, Event>> it = violations.entrySet().iterator(); it.hasNext(); ) {
        Event e = it.next().getValue();
        if (++e.visible >= e.length) {
          end(e);
          it.remove();
        }
      }
      state.policyViolation = !violations.isEmpty();
      if (suspension != null && ++suspension.visible >= suspension.length) {
        end(suspension);
        suspension = null;
        state.suspended = false;
        quietUntil = cycle + MIN_EVENT;
      }
      if (random.nextDouble() < 0.0008) {
        String ip = "198.51." + (nextIp / 250) + "." + (nextIp % 250 + 1);
        nextIp++;
        nullroutes.put(ip, start(key(AlertKind.NULLROUTE, server.name(), ip)));
        // No start time: its "(5 min ago)" would change the stored body every cycle, an update
        // per open nullroute per cycle that makes the soak ten times slower and tests nothing more.
        state.nullroutes.put(ip, new ServiceInfo.Nullroute(null, 0, "attack log " + ip));
      }
      if (random.nextDouble() < 0.0008) {
        long record = nextRecord++;
        violations.put(
            record, start(key(AlertKind.POLICY_VIOLATION, server.name(), Long.toString(record))));
        state.policyViolation = true;
      }
      if (cycle < quietUntil) {
        return;
      }
      if (suspension == null && random.nextDouble() < 0.0004) {
        suspension = start(key(AlertKind.SUSPENDED, server.name(), ""));
        state.suspended = true;
      } else if (random.nextDouble() < 0.0001) {
        auth = new Event(key(AlertKind.API_AUTH, server.name(), ""), 5 + random.nextInt(20));
        started.merge(auth.key, 1, Integer::sum);
      }
    }

    private Event start(String key) {
      started.merge(key, 1, Integer::sum);
      return new Event(key, MIN_EVENT + random.nextInt(MAX_EVENT - MIN_EVENT));
    }

    private void end(Event event) {
      ended.merge(event.key, 1, Integer::sum);
    }

    Set<String> activeKeys() {
      Set<String> keys = new TreeSet<>();
      nullroutes.values().forEach(e -> keys.add(e.key));
      violations.values().forEach(e -> keys.add(e.key));
      if (suspension != null) {
        keys.add(suspension.key);
      }
      if (auth != null) {
        keys.add(auth.key);
      }
      return keys;
    }

    PolicyViolations policyViolations() {
      List<PolicyViolations.Violation> list = new ArrayList<>();
      for (Long record : violations.keySet()) {
        list.add(
            new PolicyViolations.Violation(
                record,
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                "spam",
                record % 2 == 0,
                10,
                "mail queue " + record));
      }
      return new PolicyViolations(10L * list.size(), 100, list);
    }

    SuspensionDetails suspensionDetails() {
      return new SuspensionDetails(
          1,
          40,
          100,
          List.of(new SuspensionDetails.Suspension(1, "abuse", true, 2, 40, "evidence")));
    }
  }

  // The KiwiVM port: the model's state, with random faults

  private KiwiVm kiwi() {
    Map<String, Model> byName = new LinkedHashMap<>();
    for (Model m : fleet) {
      byName.put(m.server.name(), m);
    }
    return (KiwiVm)
        Proxy.newProxyInstance(
            KiwiVm.class.getClassLoader(),
            new Class<?>[] {KiwiVm.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "toString" -> "SoakKiwiVm";
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> proxy == args[0];
                };
              }
              Model m = byName.get(((FleetServer) args[0]).name());
              if (m.auth != null) {
                return new ApiResult.AuthFailure<>();
              }
              if (faulty && random.nextDouble() < FAULT) {
                return switch (random.nextInt(6)) {
                  case 0 ->
                      new ApiResult.NetworkFailure<>(
                          ApiResult.NetworkFailure.Kind.TIMEOUT, "soak: timeout");
                  case 1 ->
                      new ApiResult.NetworkFailure<>(
                          ApiResult.NetworkFailure.Kind.RESET, "soak: reset");
                  case 2 -> new ApiResult.ServerError<>(502, "soak: HTTP 502");
                  case 3 -> new ApiResult.BadResponse<>("soak: not JSON");
                  case 4 -> new ApiResult.RateLimited<>("soak: too many requests");
                  default -> throw new IllegalStateException("soak: a bug in a lower layer");
                };
              }
              return switch (method.getName()) {
                case "getServiceInfo" -> new ApiResult.Ok<>(m.state.info());
                case "getLiveServiceInfo" -> new ApiResult.Ok<>(m.state.live());
                case "getPolicyViolations" -> new ApiResult.Ok<>(m.policyViolations());
                case "getSuspensionDetails" -> new ApiResult.Ok<>(m.suspensionDetails());
                case "getRateLimitStatus" -> new ApiResult.Ok<>(new RateLimitStatus(900, 9000));
                default -> new ApiResult.ApiError<>(1, "soak: not a watcher call");
              };
            });
  }
}

package dev.kiwiops.benchmarks;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertRouter;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.core.watch.Destination;
import dev.kiwiops.core.watch.InMemoryAlertStore;
import dev.kiwiops.core.watch.Watcher;
import dev.kiwiops.core.watch.WatcherSettings;
import dev.kiwiops.core.watch.WatcherStatus;
import dev.kiwiops.core.watch.WatcherThreads;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.RecordedCall;
import dev.kiwiops.simulator.ServerSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;

/**
 * A load script, not a JMH benchmark: the real {@link Watcher} with production threads ({@link
 * WatcherThreads#forFleet}) and the real {@link KiwiVmClient} against the simulator over loopback
 * HTTP, every API call delayed by a latency fault. A nullroute is injected on the last server after
 * {@code interval / 2}; the script reports how often each server was polled, the largest gap
 * between two polls of one server, and how long the nullroute took to reach the sink.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kiwiops.benchmarks.WatcherLoad \
 *     SERVERS LATENCY_MS INTERVAL_S DURATION_S
 * </pre>
 *
 * <p>Settings as production (server timeout 45 s, expensive calls every 5th cycle, the client's
 * info cache at half the interval) except jitter 0, so the intervals can be read off directly.
 */
public final class WatcherLoad {
  private WatcherLoad() {}

  public static void main(String[] args) throws Exception {
    int servers = args.length > 0 ? Integer.parseInt(args[0]) : 48;
    Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 1500);
    Duration interval = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 5);
    Duration duration = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 30);

    try (KiwiVmSimulator sim = KiwiVmSimulator.start(0)) {
      List<FleetServer> fleet = new ArrayList<>();
      for (int i = 1; i <= servers; i++) {
        long veid = 100000 + i;
        String key = String.format(Locale.ROOT, "private_load%020d", i);
        String name = String.format(Locale.ROOT, "s%03d", i);
        sim.addServer(ServerSpec.kvm(veid, key, name));
        fleet.add(new FleetServer(name, veid, Secret.of(key), Set.of()));
      }
      sim.faults().latency(latency);
      FleetServer last = fleet.get(fleet.size() - 1);

      WatcherSettings settings =
          WatcherSettings.defaults().withInterval(interval).withJitter(Duration.ZERO);
      KiwiVmClient kiwi =
          KiwiVmClient.builder(sim.apiBase())
              .timeout(Duration.ofSeconds(30))
              .infoTtl(interval.dividedBy(2))
              .build();
      ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(4);
      timers.setRemoveOnCancelPolicy(true);
      WatcherThreads threads = WatcherThreads.forFleet(servers, settings, timers);
      InMemoryAlertStore store = new InMemoryAlertStore();
      Map<String, Instant> alerted = new java.util.concurrent.ConcurrentHashMap<>();
      AlertSink sink =
          new AlertSink() {
            @Override
            public String id() {
              return "console";
            }

            @Override
            public Optional<String> deliver(String target, Alert alert) {
              alerted.putIfAbsent(alert.key().toString(), Instant.now());
              return Optional.empty();
            }

            @Override
            public void update(String target, String messageRef, Alert alert) {}
          };
      Watcher watcher =
          new Watcher(
              new Fleet(fleet),
              kiwi,
              settings,
              AlertRouter.everythingTo(Destination.console()),
              List.of(sink),
              store,
              store,
              new PowerStopLedger(new InMemoryStopRecords(), Clock.systemUTC()),
              threads,
              Clock.systemUTC(),
              new SplittableRandom(1));

      Instant start = Instant.now();
      watcher.start();
      Thread.sleep(interval.dividedBy(2).toMillis());
      Instant injected = Instant.now();
      sim.server(last.veid()).nullroute("203.0.113.9", "UDP flood");
      Thread.sleep(Duration.between(Instant.now(), start.plus(duration)).toMillis());
      Instant end = Instant.now();
      WatcherStatus status = watcher.status();
      long late = watcher.latePolls();
      watcher.close();
      threads.close(Duration.ofSeconds(5));
      timers.shutdownNow();
      kiwi.close();

      Map<Long, List<Instant>> polls = new TreeMap<>();
      for (RecordedCall call : sim.calls()) {
        if (call.call().equals("getServiceInfo") && !call.at().isAfter(end)) {
          polls.computeIfAbsent(call.veid(), v -> new ArrayList<>()).add(call.at());
        }
      }
      if (Boolean.getBoolean("kiwiops.load.timeline")) {
        Map<Long, Map<String, Integer>> bySecond = new TreeMap<>();
        for (RecordedCall call : sim.calls()) {
          long second = Duration.between(start, call.at()).toSeconds();
          bySecond
              .computeIfAbsent(second, k -> new TreeMap<>())
              .merge(call.call(), 1, Integer::sum);
        }
        bySecond.forEach((second, calls) -> System.out.println("t=" + second + "s " + calls));
      }
      int minPolls = Integer.MAX_VALUE;
      int maxPolls = 0;
      long maxGap = 0;
      for (FleetServer s : fleet) {
        List<Instant> times = polls.getOrDefault(s.veid(), List.of());
        minPolls = Math.min(minPolls, times.size());
        maxPolls = Math.max(maxPolls, times.size());
        for (int i = 1; i < times.size(); i++) {
          maxGap = Math.max(maxGap, Duration.between(times.get(i - 1), times.get(i)).toMillis());
        }
      }
      String lastKey =
          alerted.keySet().stream()
              .filter(k -> k.contains("/" + last.name() + "/"))
              .collect(Collectors.joining());
      String nullrouteAfter =
          lastKey.isEmpty()
              ? "not alerted"
              : String.format(
                  Locale.ROOT,
                  "%.1f s",
                  Duration.between(injected, alerted.get(lastKey)).toMillis() / 1000.0);
      System.out.printf(
          Locale.ROOT,
          "servers=%d latency=%dms interval=%ds run=%ds poll-threads=%d | polls per server"
              + " min=%d max=%d (cycles %d) | largest gap between two polls of a server %.1f s"
              + " | late polls %d | poll failures %d | nullroute on %s alerted after %s%n",
          servers,
          latency.toMillis(),
          interval.toSeconds(),
          Duration.between(start, end).toSeconds(),
          WatcherThreads.pollThreads(servers, settings),
          minPolls,
          maxPolls,
          status.cycles(),
          maxGap / 1000.0,
          late,
          status.pollFailures(),
          last.name(),
          nullrouteAfter);
    }
    System.exit(0);
  }
}

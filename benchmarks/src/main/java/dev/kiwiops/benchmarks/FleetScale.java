package dev.kiwiops.benchmarks;

import com.squareup.moshi.Moshi;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.AlertRouter;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.core.watch.AlertStateStore;
import dev.kiwiops.core.watch.Destination;
import dev.kiwiops.core.watch.InMemoryAlertStore;
import dev.kiwiops.core.watch.Outbox;
import dev.kiwiops.core.watch.Watcher;
import dev.kiwiops.core.watch.WatcherSettings;
import dev.kiwiops.core.watch.WatcherThreads;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.simulator.GeneratedFleet;
import dev.kiwiops.store.Database;
import dev.kiwiops.store.JdbcAlertStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The watcher at fleet scale, and its API economy against a naive poller, in one run (a load
 * program, not JMH). Each phase starts the simulator in a child JVM hosting a generated fleet
 * ({@code SimulatorMain --fleet N}, a fraction slow or failing), so that this JVM's process CPU
 * time and heap are the poller's alone, then:
 *
 * <ul>
 *   <li>{@code watcher}: the real {@link Watcher} with production threads ({@link
 *       WatcherThreads#forFleet}) and the real {@link KiwiVmClient}, wired with production settings
 *       (interval, jitter, server timeout, client timeouts, info TTL as {@code Kiwiops.infoTtl});
 *   <li>{@code naive}: a peer exporter's strategy, every server {@code getServiceInfo} and {@code
 *       getLiveServiceInfo} every interval, through the same client with caching and retries off.
 * </ul>
 *
 * <p>Both see the same nullroute and suspension events at the same times, on healthy servers. The
 * program reports CPU per cycle (process CPU time between cycle starts), heap after GC at the end,
 * upstream calls per cycle (the simulator's recorded calls), rate-limit points spent (the
 * simulator's 24 h counters), per server and hour, and alert latency from the event to the
 * delivered message (an {@link AlertSink} that timestamps) or, for the naive poller, to the poll
 * that saw it.
 *
 * <p>{@code --scale S} divides every duration of the product (interval, jitter, timeouts, TTLs, the
 * slow servers' delay) by {@code S}; network latency ({@code --latency-ms}) and the bot's own work
 * are not scaled. Per-hour figures are per nominal hour (wall time times {@code S}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kiwiops.benchmarks.FleetScale \
 *     [--servers 1000] [--scale 10] [--cycles 10] [--slow 0.005] [--failing 0.005] \
 *     [--latency-ms 150] [--events-per-cycle 4] [--phases watcher,naive] [--store sqlite|memory]
 * </pre>
 */
public final class FleetScale {
  private static final Duration NOMINAL_INTERVAL = Duration.ofSeconds(60);

  private FleetScale() {}

  record Options(
      int servers,
      double scale,
      int cycles,
      double slow,
      double failing,
      long latencyMs,
      int eventsPerCycle,
      List<String> phases,
      String store) {

    Duration scaled(Duration nominal) {
      return Duration.ofNanos((long) (nominal.toNanos() / scale));
    }

    Duration interval() {
      return scaled(NOMINAL_INTERVAL);
    }
  }

  /** One injected event: a nullroute or a suspension of server {@code index}, at an offset. */
  record Event(int index, boolean nullroute, Duration offset) {}

  /** What one phase measured. */
  record Result(
      String phase,
      List<Instant> cycleStarts,
      List<Long> cpuNanos,
      List<Long> allocatedBytes,
      long heapAfterGc,
      long peakHeapUsed,
      int peakThreads,
      Map<String, Integer> callsByName,
      List<Integer> callsPerCycle,
      long pointsSpent,
      List<Long> latenciesMillis,
      int missed,
      Duration simulatorCpu) {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    printMachine(o);
    List<Event> events = events(o);
    List<Result> results = new ArrayList<>();
    for (String phase : o.phases()) {
      results.add(runPhase(o, phase, events));
    }
    for (Result r : results) {
      report(o, r);
    }
    System.exit(0);
  }

  static Options parse(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected an option, got " + args[i]);
      }
      a.put(args[i].substring(2), args[i + 1]);
    }
    return new Options(
        Integer.parseInt(a.getOrDefault("servers", "1000")),
        Double.parseDouble(a.getOrDefault("scale", "10")),
        Integer.parseInt(a.getOrDefault("cycles", "10")),
        Double.parseDouble(a.getOrDefault("slow", "0.005")),
        Double.parseDouble(a.getOrDefault("failing", "0.005")),
        Long.parseLong(a.getOrDefault("latency-ms", "150")),
        Integer.parseInt(a.getOrDefault("events-per-cycle", "4")),
        List.of(a.getOrDefault("phases", "watcher,naive").split(",")),
        a.getOrDefault("store", "sqlite"));
  }

  private static void printMachine(Options o) throws IOException, InterruptedException {
    Process uptime = new ProcessBuilder("uptime").redirectErrorStream(true).start();
    String load = new String(uptime.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    uptime.waitFor();
    System.out.printf(
        Locale.ROOT,
        "machine: %d processors, java %s, max heap %d MB; uptime: %s%n"
            + "run: %d servers, scale %.1f (interval %s, nominal 60 s), %d cycles per phase,"
            + " slow %.3f, failing %.3f, network latency %d ms, %d events per cycle, store %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        load,
        o.servers(),
        o.scale(),
        o.interval(),
        o.cycles(),
        o.slow(),
        o.failing(),
        o.latencyMs(),
        o.eventsPerCycle(),
        o.store());
  }

  /**
   * The events of a phase: {@code eventsPerCycle} per cycle from the second cycle to the one before
   * the last, at offsets spread over the interval (golden-ratio steps), alternately nullroutes and
   * suspensions, each on its own healthy server.
   */
  static List<Event> events(Options o) {
    GeneratedFleet.Added faulty = GeneratedFleet.plan(1, o.servers(), o.slow(), o.failing());
    Set<Integer> taken = new HashSet<>(faulty.slow());
    taken.addAll(faulty.failing());
    List<Event> events = new ArrayList<>();
    int count = o.eventsPerCycle() * Math.max(0, o.cycles() - 2);
    long interval = o.interval().toNanos();
    int step = Math.max(1, o.servers() / Math.max(1, count));
    for (int e = 0; e < count; e++) {
      int index = 1 + (e * step + step / 2) % o.servers();
      while (taken.contains(index) && taken.size() < o.servers()) {
        index = index % o.servers() + 1;
      }
      taken.add(index);
      double within = (e * 0.6180339887) % 1.0;
      long offset = interval + (long) (interval * ((e / o.eventsPerCycle()) + within));
      events.add(new Event(index, e % 2 == 0, Duration.ofNanos(offset)));
    }
    events.sort((x, y) -> x.offset().compareTo(y.offset()));
    return events;
  }

  // ---- one phase ----

  private static Result runPhase(Options o, String phase, List<Event> events) throws Exception {
    System.out.println(
        "phase " + phase + ": starting the simulator with " + o.servers() + " servers");
    try (ChildSimulator sim = ChildSimulator.start(o)) {
      List<FleetServer> fleet = new ArrayList<>();
      for (int i = 1; i <= o.servers(); i++) {
        fleet.add(
            new FleetServer(
                GeneratedFleet.name(i),
                GeneratedFleet.veid(i),
                Secret.of(GeneratedFleet.apiKey(i)),
                Set.of()));
      }
      Map<String, Instant> seen = new ConcurrentHashMap<>();
      Sampler sampler = new Sampler();
      Map<String, Instant> injected = new ConcurrentHashMap<>();
      ScheduledExecutorService injector = Executors.newSingleThreadScheduledExecutor();
      Runnable stop;
      java.util.function.LongSupplier cycles;
      Instant start;
      if (phase.equals("watcher")) {
        WatcherRun run = WatcherRun.start(o, sim.apiBase, fleet, seen);
        stop = run::close;
        cycles = () -> run.watcher.status().cycles();
      } else if (phase.equals("naive")) {
        NaivePoller run = NaivePoller.start(o, sim.apiBase, fleet, seen);
        stop = run::close;
        cycles = run.cycles::get;
      } else {
        throw new IllegalArgumentException("unknown phase " + phase);
      }
      start = Instant.now();
      for (Event e : events) {
        long delay = e.offset().toNanos();
        injector.schedule(
            () -> {
              String name = GeneratedFleet.name(e.index());
              Instant at = Instant.now();
              sim.post(
                  "/admin/servers/"
                      + GeneratedFleet.veid(e.index())
                      + (e.nullroute() ? "/nullroute" : "/suspend"));
              injected.put(name, at);
            },
            delay,
            TimeUnit.NANOSECONDS);
      }
      // Samples at every cycle start, until the cycle after the last measured one starts.
      long last = -1;
      while (true) {
        long c = cycles.getAsLong();
        if (c != last && c >= 1) {
          sampler.sample();
          last = c;
          if (c > o.cycles()) {
            break;
          }
        }
        Thread.sleep(10);
      }
      // The window ends at the last cycle start: points spent are read there too.
      Instant cut = sampler.times.get(sampler.times.size() - 1);
      long points = sim.pointsSpent();
      // Detections of the last events may still be under way: wait up to one more interval.
      Thread.sleep(Math.min(o.interval().toMillis(), 2000));
      System.gc();
      System.gc();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
      injector.shutdownNow();
      stop.run();
      List<Map<String, Object>> calls = sim.calls();
      Duration simCpu = sim.cpu();

      List<Instant> starts = sampler.times;
      List<Integer> perCycle = new ArrayList<>(Collections.nCopies(o.cycles(), 0));
      Map<String, Integer> byName = new TreeMap<>();
      Instant end = cut;
      for (Map<String, Object> call : calls) {
        Instant at = Instant.parse((String) call.get("at"));
        if (at.isBefore(starts.get(0)) || !at.isBefore(end)) {
          continue;
        }
        int cycle = 0;
        while (cycle + 1 < starts.size() && !at.isBefore(starts.get(cycle + 1))) {
          cycle++;
        }
        if (cycle < o.cycles()) {
          perCycle.set(cycle, perCycle.get(cycle) + 1);
        }
        byName.merge((String) call.get("call"), 1, Integer::sum);
      }
      List<Long> latencies = new ArrayList<>();
      int missed = 0;
      for (Map.Entry<String, Instant> e : injected.entrySet()) {
        Instant detected = seen.get(e.getKey());
        if (detected == null) {
          missed++;
        } else {
          latencies.add(Duration.between(e.getValue(), detected).toMillis());
        }
      }
      Collections.sort(latencies);
      System.out.println("phase " + phase + ": done in " + Duration.between(start, Instant.now()));
      return new Result(
          phase,
          starts,
          sampler.cpu,
          sampler.allocated,
          heapAfterGc,
          sampler.peakHeap,
          ManagementFactory.getThreadMXBean().getPeakThreadCount(),
          byName,
          perCycle,
          points,
          latencies,
          missed,
          simCpu);
    }
  }

  /** Process CPU time, allocation and heap at each cycle start. */
  private static final class Sampler {
    final List<Instant> times = new ArrayList<>();
    final List<Long> cpu = new ArrayList<>();
    final List<Long> allocated = new ArrayList<>();
    long peakHeap;

    void sample() {
      times.add(Instant.now());
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      cpu.add(os.getProcessCpuTime());
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long bytes = 0;
      if (threads instanceof com.sun.management.ThreadMXBean sun) {
        for (long b : sun.getThreadAllocatedBytes(threads.getAllThreadIds())) {
          bytes += Math.max(0, b);
        }
      }
      allocated.add(bytes);
      peakHeap =
          Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
  }

  // ---- the watcher, wired as production ----

  private static final class WatcherRun {
    final Watcher watcher;
    final WatcherThreads threads;
    final ScheduledThreadPoolExecutor timers;
    final KiwiVmClient kiwi;

    private WatcherRun(
        Watcher watcher,
        WatcherThreads threads,
        ScheduledThreadPoolExecutor timers,
        KiwiVmClient kiwi) {
      this.watcher = watcher;
      this.threads = threads;
      this.timers = timers;
      this.kiwi = kiwi;
    }

    static WatcherRun start(
        Options o, URI base, List<FleetServer> fleet, Map<String, Instant> seen) {
      WatcherSettings settings =
          WatcherSettings.defaults()
              .withInterval(o.interval())
              .withJitter(o.scaled(Duration.ofSeconds(5)))
              .withServerTimeout(o.scaled(Duration.ofSeconds(45)))
              .withRemind(o.scaled(Duration.ofMinutes(15)));
      Duration half = o.interval().dividedBy(2);
      Duration usual = o.scaled(Duration.ofSeconds(15));
      KiwiVmClient kiwi =
          KiwiVmClient.builder(base)
              .timeout(o.scaled(Duration.ofSeconds(30)))
              .liveInfoTimeout(o.scaled(Duration.ofSeconds(30)))
              .infoTtl(half.compareTo(usual) < 0 ? half : usual)
              .build();
      ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(4);
      timers.setRemoveOnCancelPolicy(true);
      WatcherThreads threads = WatcherThreads.forFleet(fleet.size(), settings, timers);
      AlertStateStore state;
      Outbox outbox;
      if (o.store().equals("sqlite")) {
        // As the default configuration: incidents and the outbox in a SQLite file.
        try {
          Path file = Files.createTempFile("kiwiops-fleet-scale", ".db");
          file.toFile().deleteOnExit();
          JdbcAlertStore jdbc = new JdbcAlertStore(Database.open("jdbc:sqlite:" + file));
          state = jdbc;
          outbox = jdbc;
        } catch (IOException | SQLException e) {
          throw new IllegalStateException("cannot open the SQLite store", e);
        }
      } else {
        InMemoryAlertStore memory = new InMemoryAlertStore();
        state = memory;
        outbox = memory;
      }
      AlertSink sink =
          new TimestampingSink(
              alert -> {
                if (alert.phase() == Alert.Phase.RAISED
                    && (alert.key().kind() == AlertKind.NULLROUTE
                        || alert.key().kind() == AlertKind.SUSPENDED)) {
                  seen.putIfAbsent(alert.key().server(), Instant.now());
                }
              });
      Watcher watcher =
          new Watcher(
              new Fleet(fleet),
              kiwi,
              settings,
              AlertRouter.everythingTo(Destination.console()),
              List.of(sink),
              state,
              outbox,
              new PowerStopLedger(new InMemoryStopRecords(), Clock.systemUTC()),
              threads,
              Clock.systemUTC(),
              new SplittableRandom(1));
      watcher.start();
      return new WatcherRun(watcher, threads, timers, kiwi);
    }

    void close() {
      watcher.close();
      threads.close(Duration.ofSeconds(5));
      timers.shutdownNow();
      kiwi.close();
    }
  }

  /** Delivers nothing anywhere; tells {@code onDeliver} when each alert was delivered. */
  private record TimestampingSink(Consumer<Alert> onDeliver) implements AlertSink {
    @Override
    public String id() {
      return "console";
    }

    @Override
    public Optional<String> deliver(String target, Alert alert) {
      onDeliver.accept(alert);
      return Optional.empty();
    }

    @Override
    public void update(String target, String messageRef, Alert alert) {}
  }

  // ---- the naive strategy ----

  /**
   * A peer exporter's loop: every interval, for every server, {@code getServiceInfo} then {@code
   * getLiveServiceInfo}, nothing cached, nothing retried; an event counts as seen when a poll's
   * service info shows it.
   */
  private static final class NaivePoller {
    final java.util.concurrent.atomic.AtomicLong cycles =
        new java.util.concurrent.atomic.AtomicLong();
    final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService polls;
    final KiwiVmClient kiwi;

    private NaivePoller(ExecutorService polls, KiwiVmClient kiwi) {
      this.polls = polls;
      this.kiwi = kiwi;
    }

    static NaivePoller start(
        Options o, URI base, List<FleetServer> fleet, Map<String, Instant> seen) {
      KiwiVmClient kiwi =
          KiwiVmClient.builder(base)
              .timeout(o.scaled(Duration.ofSeconds(30)))
              .liveInfoTimeout(o.scaled(Duration.ofSeconds(30)))
              .infoTtl(Duration.ZERO)
              .liveTtl(Duration.ZERO)
              .readAttempts(1)
              .build();
      NaivePoller p =
          new NaivePoller(
              Executors.newFixedThreadPool(
                  WatcherThreads.MAX_POLL_THREADS,
                  r -> {
                    Thread t = new Thread(r, "naive-poll");
                    t.setDaemon(true);
                    return t;
                  }),
              kiwi);
      p.ticks.scheduleAtFixedRate(
          () -> {
            p.cycles.incrementAndGet();
            for (FleetServer server : fleet) {
              p.polls.execute(
                  () -> {
                    ApiResult<ServiceInfo> info = kiwi.getServiceInfo(server);
                    kiwi.getLiveServiceInfo(server);
                    if (info instanceof ApiResult.Ok<ServiceInfo> ok
                        && (!ok.value().nullroutes().isEmpty() || ok.value().suspended())) {
                      seen.putIfAbsent(server.name(), Instant.now());
                    }
                  });
            }
          },
          0,
          o.interval().toNanos(),
          TimeUnit.NANOSECONDS);
      return p;
    }

    void close() {
      ticks.shutdownNow();
      polls.shutdownNow();
      try {
        polls.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      kiwi.close();
    }
  }

  // ---- the simulator in its own JVM ----

  private static final class ChildSimulator implements AutoCloseable {
    final Process process;
    final URI apiBase;
    final URI admin;
    final HttpClient http = HttpClient.newHttpClient();

    private ChildSimulator(Process process, URI apiBase) {
      this.process = process;
      this.apiBase = apiBase;
      this.admin = apiBase.resolve("/admin/");
    }

    static ChildSimulator start(Options o) throws IOException {
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          List.of(
              javaBin,
              "-cp",
              System.getProperty("java.class.path"),
              "dev.kiwiops.simulator.SimulatorMain",
              "--port",
              "0",
              "--fleet",
              Integer.toString(o.servers()),
              "--slow",
              Double.toString(o.slow()),
              "--slow-ms",
              Long.toString(o.scaled(Duration.ofSeconds(20)).toMillis()),
              "--failing",
              Double.toString(o.failing()),
              "--latency-ms",
              Long.toString(o.latencyMs()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      URI base = null;
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println("  simulator: " + line);
        if (line.startsWith("KiwiVM simulator listening on ")) {
          base = URI.create(line.substring("KiwiVM simulator listening on ".length()).trim());
        }
        if (line.startsWith("Admin:")) {
          break;
        }
      }
      if (base == null) {
        process.destroyForcibly();
        throw new IOException("the simulator did not start");
      }
      Thread drain =
          new Thread(
              () -> {
                try {
                  out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                  // the simulator ended
                }
              },
              "simulator-output");
      drain.setDaemon(true);
      drain.start();
      return new ChildSimulator(process, base);
    }

    String send(String method, String path) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(admin.resolve(path.substring("/admin/".length())))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException(path + ": " + response.body());
        }
        return response.body();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    void post(String path) {
      send("POST", path);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> calls() throws IOException {
      Map<String, Object> answer =
          (Map<String, Object>)
              new Moshi.Builder()
                  .build()
                  .adapter(Object.class)
                  .fromJson(send("GET", "/admin/calls"));
      return (List<Map<String, Object>>) answer.get("calls");
    }

    @SuppressWarnings("unchecked")
    long pointsSpent() throws IOException {
      Map<String, Object> answer =
          (Map<String, Object>)
              new Moshi.Builder()
                  .build()
                  .adapter(Object.class)
                  .fromJson(send("GET", "/admin/servers"));
      long spent = 0;
      for (Object s : (List<Object>) answer.get("servers")) {
        spent +=
            20_000 - ((Number) ((Map<String, Object>) s).get("remaining_points_24h")).longValue();
      }
      return spent;
    }

    Duration cpu() {
      return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- the report ----

  private static void report(Options o, Result r) {
    int n = o.servers();
    List<Instant> starts = r.cycleStarts();
    double wall = Duration.between(starts.get(0), starts.get(starts.size() - 1)).toNanos() / 1e9;
    double nominalHours = wall * o.scale() / 3600;
    int totalCalls = r.callsByName().values().stream().mapToInt(Integer::intValue).sum();
    List<Double> cpuMs = new ArrayList<>();
    List<Double> allocMb = new ArrayList<>();
    for (int i = 1; i < r.cpuNanos().size(); i++) {
      cpuMs.add((r.cpuNanos().get(i) - r.cpuNanos().get(i - 1)) / 1e6);
      allocMb.add((r.allocatedBytes().get(i) - r.allocatedBytes().get(i - 1)) / 1e6);
    }
    List<Double> steady = cpuMs.subList(1, cpuMs.size());
    double steadyMean = steady.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double steadyMax = steady.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double allocSteady =
        allocMb.subList(1, allocMb.size()).stream()
            .mapToDouble(Double::doubleValue)
            .average()
            .orElse(0);
    System.out.printf(Locale.ROOT, "%n== %s ==%n", r.phase());
    System.out.printf(
        Locale.ROOT,
        "cycles measured %d over %.1f s wall (%.2f nominal hours)%n",
        cpuMs.size(),
        wall,
        nominalHours);
    System.out.printf(
        Locale.ROOT,
        "CPU per cycle: first %.0f ms, then mean %.0f ms, max %.0f ms = %.2f %% of one core at a"
            + " 60 s interval (mean), all cycles: %s%n",
        cpuMs.get(0),
        steadyMean,
        steadyMax,
        steadyMean / 600.0,
        format(cpuMs));
    System.out.printf(
        Locale.ROOT,
        "allocation per cycle (live threads): first %.1f MB, then mean %.1f MB = %.1f KB per"
            + " server%n",
        allocMb.get(0),
        allocSteady,
        allocSteady * 1000 / n);
    System.out.printf(
        Locale.ROOT,
        "heap after GC %.1f MB, peak heap used at a cycle start %.1f MB, peak threads %d;"
            + " simulator (other JVM) CPU %.1f s%n",
        r.heapAfterGc() / 1048576.0,
        r.peakHeapUsed() / 1048576.0,
        r.peakThreads(),
        r.simulatorCpu().toMillis() / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "upstream calls per cycle: %s; by call: %s%n",
        r.callsPerCycle(),
        r.callsByName());
    System.out.printf(
        Locale.ROOT,
        "per server per hour: %.1f calls, %.1f rate-limit points (%d calls, %d points in all)%n",
        totalCalls / (double) n / nominalHours,
        r.pointsSpent() / (double) n / nominalHours,
        totalCalls,
        r.pointsSpent());
    List<Long> lat = r.latenciesMillis();
    System.out.printf(
        Locale.ROOT,
        "alert latency (event to %s), %d events, %d missed: p50 %.2f s, p99 %.2f s, max %.2f s"
            + " (interval %.1f s; target interval + 2 s = %.1f s)%n",
        r.phase().equals("watcher") ? "delivered message" : "the poll that saw it",
        lat.size() + r.missed(),
        r.missed(),
        percentile(lat, 50) / 1000.0,
        percentile(lat, 99) / 1000.0,
        lat.isEmpty() ? Double.NaN : lat.get(lat.size() - 1) / 1000.0,
        o.interval().toMillis() / 1000.0,
        o.interval().toMillis() / 1000.0 + 2);
  }

  private static String format(List<Double> values) {
    StringBuilder b = new StringBuilder("[");
    for (double v : values) {
      b.append(b.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.0f", v));
    }
    return b.append("]").toString();
  }

  /** Nearest-rank percentile of sorted values; NaN when empty. */
  static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}

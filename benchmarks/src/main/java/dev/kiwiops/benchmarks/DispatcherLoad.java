package dev.kiwiops.benchmarks;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.TestBot;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.store.Database;
import dev.kiwiops.store.JdbcAuditTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N concurrent callers through the real {@code Dispatcher} (wired as {@code TestBot}: standard
 * catalogue, access policy, confirmations), the real {@code KiwiVmClient} against the simulator
 * over loopback HTTP, and the real {@code JdbcAuditTrail} on a SQLite file (every command audited,
 * as the default configuration does). Each caller sends {@code info} for web1, db1, legacy1 in
 * turn, as fast as it can, for a fixed time.
 *
 * <p>Two settings per N: {@code cached} (the production read cache, 15 s: the commands answer from
 * the cache) and {@code uncached} (TTL 0 and a simulated KiwiVM latency: every command reads
 * upstream, and identical reads that overlap share one request). Printed per run: commands,
 * commands/s, p50/p99/max command latency, upstream calls and upstream calls per command, and the
 * audit entries in the store. Last, a burst: 100 callers released at once on a cold cache, all
 * {@code info web1}, and how many {@code getServiceInfo} requests reached the simulator.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.kiwiops.benchmarks.DispatcherLoad [SECONDS] [LATENCY_MS] [N...]
 * }</pre>
 *
 * Defaults: 4 s per run, 50 ms latency, N = 1 10 50.
 */
public final class DispatcherLoad {
  private static final Caller OPERATOR = TestBot.caller("console:olga");
  private static final List<String> SERVERS = List.of("web1", "db1", "legacy1");

  private DispatcherLoad() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    List<Integer> callers = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      callers.add(Integer.parseInt(args[i]));
    }
    if (callers.isEmpty()) {
      callers = List.of(1, 10, 50);
    }
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores; load average %s; %d s per run; uncached latency %d ms%n",
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        seconds,
        latencyMs);
    System.out.println(
        "| setting | N | commands | commands/s | p50 | p99 | max | upstream calls | calls/command"
            + " | audited |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    // Warm-up (JIT, SQLite, connections): not printed.
    run("cached", 10, 2, 0, Duration.ofSeconds(15), false);
    for (int n : callers) {
      run("cached", n, seconds, 0, Duration.ofSeconds(15), true);
    }
    for (int n : callers) {
      run("uncached", n, seconds, latencyMs, Duration.ZERO, true);
    }
    burst(100, Math.max(latencyMs, 200));
    System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
  }

  /** One run of {@code n} callers for {@code seconds}; prints a table row when {@code print}. */
  private static void run(
      String setting, int n, int seconds, int latencyMs, Duration ttl, boolean print)
      throws Exception {
    try (Setup setup = new Setup(ttl)) {
      if (latencyMs > 0) {
        setup.sim.faults().latency(Duration.ofMillis(latencyMs));
      }
      // The first command fills the cache (cached) and checks the path: an info card.
      setup.expectInfoCard();
      setup.sim.clearCalls();
      long auditedBefore = setup.audited();
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        CountDownLatch go = new CountDownLatch(1);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int first = i;
          results.add(pool.submit(() -> caller(setup, first, go, end)));
        }
        long started = System.nanoTime();
        go.countDown();
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
          all.add(f.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        int calls = setup.sim.calls().size();
        long audited = setup.audited() - auditedBefore;
        if (latencies.length != audited) {
          throw new IllegalStateException(
              latencies.length + " commands but " + audited + " audit entries");
        }
        if (print) {
          System.out.printf(
              Locale.ROOT,
              "| %s | %d | %d | %.0f | %s | %s | %s | %d | %.3f | %d |%n",
              setting,
              n,
              latencies.length,
              latencies.length / elapsed,
              millis(percentile(latencies, 50)),
              millis(percentile(latencies, 99)),
              millis(latencies[latencies.length - 1]),
              calls,
              (double) calls / latencies.length,
              audited);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static long[] caller(Setup setup, int first, CountDownLatch go, long end)
      throws InterruptedException {
    Discard.Chat chat = new Discard.Chat();
    long[] latencies = new long[1024];
    int count = 0;
    go.await();
    for (int i = first; System.nanoTime() < end; i++) {
      String line = "info " + SERVERS.get(i % SERVERS.size());
      long t0 = System.nanoTime();
      setup.bot.dispatcher.handle(OPERATOR, TestBot.CHAT, line, chat);
      long took = System.nanoTime() - t0;
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = took;
    }
    return Arrays.copyOf(latencies, count);
  }

  /** {@code n} callers released at once on a cold cache, all {@code info web1}. */
  private static void burst(int n, int latencyMs) throws Exception {
    try (Setup setup = new Setup(Duration.ofSeconds(15))) {
      // The simulator holds each request a while, so that all callers arrive while it is in flight.
      setup.sim.faults().latency(Duration.ofMillis(latencyMs));
      ExecutorService pool = Executors.newFixedThreadPool(n);
      try {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          replies.add(
              pool.submit(
                  () -> {
                    Discard.Chat chat = new Discard.Chat();
                    ready.countDown();
                    go.await();
                    setup.bot.dispatcher.handle(OPERATOR, TestBot.CHAT, "info web1", chat);
                    return chat.last;
                  }));
        }
        ready.await();
        go.countDown();
        int cards = 0;
        for (Future<Reply> reply : replies) {
          if (reply.get() != null && reply.get().plainText().contains("Hostname")) {
            cards++;
          }
        }
        System.out.printf(
            Locale.ROOT,
            "burst: %d concurrent `info web1` on a cold cache (KiwiVM latency %d ms): %d info cards,"
                + " %d getServiceInfo request(s) reached the simulator, %d audit entries%n",
            n,
            latencyMs,
            cards,
            setup.sim.calls(KiwiVmSimulator.DEMO_WEB1, "getServiceInfo").size(),
            setup.audited());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  /** The simulator, a client with the given info TTL, a SQLite audit file and the bot. */
  private static final class Setup implements AutoCloseable {
    final KiwiVmSimulator sim;
    final KiwiVmClient client;
    final Path folder;
    final Path file;
    final Database database;
    final TestBot bot;

    Setup(Duration infoTtl) throws Exception {
      sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
      client =
          KiwiVmClient.builder(sim.apiBase())
              .timeout(Duration.ofSeconds(30))
              .infoTtl(infoTtl)
              .build();
      folder = Files.createTempDirectory("kiwiops-load");
      file = folder.resolve("audit.db");
      database = Database.open("jdbc:sqlite:" + file);
      bot =
          TestBot.builder(client)
              .servers(
                  List.of(
                      server("web1", KiwiVmSimulator.DEMO_WEB1),
                      server("db1", KiwiVmSimulator.DEMO_DB1),
                      server("legacy1", KiwiVmSimulator.DEMO_LEGACY1)))
              .bind(TestBot.binding("console:olga", "operator"))
              .audit(new JdbcAuditTrail(database))
              .build();
    }

    private static FleetServer server(String name, long veid) {
      return new FleetServer(name, veid, Secret.of(KiwiVmSimulator.DEMO_KEYS.get(veid)), Set.of());
    }

    void expectInfoCard() {
      Discard.Chat chat = new Discard.Chat();
      for (String server : SERVERS) {
        bot.dispatcher.handle(OPERATOR, TestBot.CHAT, "info " + server, chat);
        if (chat.last == null || !chat.last.plainText().contains("Hostname")) {
          throw new IllegalStateException(
              "info " + server + " did not answer an info card: " + chat.last);
        }
      }
    }

    /** Audit entries in the file, read through a connection of its own. */
    long audited() throws Exception {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_entry")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    @Override
    public void close() throws java.io.IOException {
      client.close();
      sim.close();
      database.close();
      try (var files = Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

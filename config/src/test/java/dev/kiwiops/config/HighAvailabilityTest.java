package dev.kiwiops.config;

import static dev.kiwiops.config.RunFixture.ENV;
import static dev.kiwiops.config.RunFixture.eventually;
import static dev.kiwiops.config.RunFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.platform.ChatPlatform;
import dev.kiwiops.core.platform.PlatformHealth;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.simulator.KiwiVmSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code kiwiops run} replicas in one JVM on the embedded PostgreSQL, against the simulator
 * over real HTTP, each with a test chat platform standing in for Telegram (it counts the
 * connections open across both replicas and records every alert either delivers).
 */
@DisabledIfSystemProperty(named = "kiwiops.skipPostgres", matches = "true")
class HighAvailabilityTest {
  private static final String ADMIN = "  - { user: \"console:alice\", roles: [admin] }\n";
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  /** The bound: a standby takes over within two alert intervals. */
  private static final Duration TAKEOVER = INTERVAL.multipliedBy(2);

  private static EmbeddedPostgres postgres;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private String storeUrl;
  private final List<Host> hosts = new ArrayList<>();

  /** Chat connections open now, across both replicas, and the most ever open at once. */
  private final AtomicInteger connected = new AtomicInteger();

  private final AtomicInteger mostConnected = new AtomicInteger();

  /** Every report posted by either replica: "replica target". */
  private final List<String> reports = new CopyOnWriteArrayList<>();

  /** Every alert message delivered by either replica: "replica phase id server kind". */
  private final List<String> delivered = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
    String name = "ha" + DATABASES.incrementAndGet();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    storeUrl = postgres.getJdbcUrl("postgres", name);
  }

  @AfterEach
  void stop() {
    hosts.forEach(Host::shutdown);
    sim.close();
  }

  private Host replica(String name) throws Exception {
    return replica(name, "");
  }

  private Host replica(String name, String more) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    int port = RunFixture.freePort();
    String yaml =
        RunFixture.yaml(sim, port, ADMIN, "ha: { enabled: true, heartbeat: 1s }\n" + more)
            .replace(
                "alerts: { interval: 5s }",
                "alerts: { interval: 5s, routes: [ { telegram-chat: \"-1001\" } ] }")
            .replace("jdbc:sqlite:data/kiwiops.db", storeUrl);
    Path file = RunFixture.write(folder, yaml);
    KiwiopsConfig config = new ConfigLoader(ENV::get).read(file);
    Host host = new Host(file, config, ENV::get, platforms(name), Clock.systemUTC(), true).start();
    hosts.add(host);
    return host;
  }

  private Platforms platforms(String replica) {
    return new Platforms() {
      @Override
      public List<String> ids(KiwiopsConfig config) {
        return List.of("telegram");
      }

      @Override
      public List<ChatPlatform> build(KiwiopsConfig config, Kiwiops app) {
        return List.of(new CountingChat(replica));
      }
    };
  }

  private static boolean leads(Host host) {
    return host.leadership().leader();
  }

  private List<String> raisedFor(String server, String kind) {
    return delivered.stream()
        .filter(d -> d.contains(" RAISED ") && d.endsWith(" " + server + " " + kind))
        .toList();
  }

  private static String metric(Host host, String name) throws Exception {
    return get(host.httpPort(), "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .findFirst()
        .orElse("");
  }

  @Test
  void onlyTheLeaderConnectsAndWatchesAndTheStandbySaysSoOverHttp() throws Exception {
    Host a = replica("a");
    eventually("a to lead", () -> leads(a));
    Host b = replica("b");
    // b has tried the lock at least once and stays a standby.
    eventually("b to see a lead", Duration.ofSeconds(10), () -> b.leadership().leader() == false);
    Thread.sleep(HEARTBEAT.multipliedBy(3).toMillis());

    assertThat(leads(b)).isFalse();
    assertThat(connected.get()).isEqualTo(1);
    assertThat(b.app().watching()).isFalse();
    assertThat(a.app().watching()).isTrue();
    HttpResponse<String> standby = get(b.httpPort(), "/healthz");
    assertThat(standby.statusCode()).isEqualTo(200);
    assertThat(standby.body())
        .startsWith("{\"status\":\"standby\"")
        .contains("\"leadership\":{\"up\":true,\"detail\":\"standby")
        .doesNotContain("telegram");
    eventually("a watcher cycle", () -> a.app().watcher().lastCycleAt().isPresent());
    HttpResponse<String> leader = get(a.httpPort(), "/healthz");
    assertThat(leader.statusCode()).isEqualTo(200);
    assertThat(leader.body())
        .startsWith("{\"status\":\"ok\"")
        .contains("\"leadership\":{\"up\":true,\"detail\":\"leader\"")
        .contains("\"telegram\":{\"up\":true");
    assertThat(metric(a, "kiwiops_leader")).isEqualTo("kiwiops_leader 1.0");
    assertThat(metric(b, "kiwiops_leader")).isEqualTo("kiwiops_leader 0.0");
    assertThat(metric(b, "kiwiops_failovers_total")).isEqualTo("kiwiops_failovers_total 0.0");
  }

  @Test
  void onlyTheLeaderSendsTheScheduledReportAndANewLeaderDoesNotSendItAgain() throws Exception {
    // A daily report due two minutes ago: sent at start (it is less than 6 hours late).
    String due =
        java.time.LocalTime.now(java.time.ZoneOffset.UTC)
            .minusMinutes(2)
            .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
    String reportsSection =
        "reports:\n"
            + "  daily: { at: \""
            + due
            + "\", zone: UTC }\n"
            + "  routes: [ { telegram-chat: \"-1001\" } ]\n";
    Host a = replica("a", reportsSection);
    eventually("a to lead", () -> leads(a));
    Host b = replica("b", reportsSection);
    eventually("the leader's report", () -> !reports.isEmpty());
    // Several heartbeats: the standby, which has no chat platform, claims and sends nothing.
    Thread.sleep(HEARTBEAT.multipliedBy(3).toMillis());
    assertThat(reports).containsExactly("a -1001");
    assertThat(leads(b)).isFalse();

    terminate(a.leadership().backendPid());
    eventually("b to lead", TAKEOVER, () -> leads(b) && b.app().watching());
    long cycles = b.app().watcher().status().cycles();
    eventually("one cycle of the new leader", () -> b.app().watcher().status().cycles() > cycles);

    // The period was claimed in the store: the new leader does not send it again.
    assertThat(reports).containsExactly("a -1001");
  }

  @Test
  void whenTheLeaderLosesItsConnectionMidIncidentTheStandbyContinuesWithoutRepeating()
      throws Exception {
    Host a = replica("a");
    eventually("a to lead", () -> leads(a));
    Host b = replica("b");
    sim.server(KiwiVmSimulator.DEMO_WEB1).nullroute("203.0.113.7", "UDP flood");
    eventually("the nullroute alert", () -> raisedFor("web1", "nullroute").size() == 1);
    assertThat(raisedFor("web1", "nullroute").get(0)).startsWith("a ");

    // The leader's lock session is ended from outside, as a network cut or a restarted pooler
    // would: it must stop everything at once, and b must take over.
    terminate(a.leadership().backendPid());
    eventually("b to lead and watch", TAKEOVER, () -> leads(b) && b.app().watching());
    assertThat(leads(a)).isFalse();
    assertThat(a.app().watching()).isFalse();

    // Mid-incident: a second event after the failover, and the first one ends.
    sim.server(KiwiVmSimulator.DEMO_DB1).nullroute("203.0.113.9", "SYN flood");
    eventually("the second nullroute alert", () -> raisedFor("db1", "nullroute").size() == 1);
    assertThat(raisedFor("db1", "nullroute").get(0)).startsWith("b ");
    sim.server(KiwiVmSimulator.DEMO_WEB1).clearNullroute("203.0.113.7");
    eventually(
        "web1's resolution",
        () -> delivered.stream().anyMatch(d -> d.contains(" RESOLVED ") && d.contains(" web1 ")));
    // Several more cycles of the new leader: nothing is raised again.
    long cycles = b.app().watcher().status().cycles();
    eventually("one more cycle", () -> b.app().watcher().status().cycles() >= cycles + 1);

    assertThat(raisedFor("web1", "nullroute")).hasSize(1);
    assertThat(raisedFor("db1", "nullroute")).hasSize(1);
    assertThat(duplicates()).isEmpty();
    assertThat(mostConnected.get()).isEqualTo(1);
    assertThat(metric(b, "kiwiops_failovers_total")).isEqualTo("kiwiops_failovers_total 1.0");
    assertThat(metric(a, "kiwiops_leadership_losses_total"))
        .isEqualTo("kiwiops_leadership_losses_total 1.0");
    assertThat(metric(a, "kiwiops_leader")).isEqualTo("kiwiops_leader 0.0");
  }

  @Test
  void aFormerLeaderWhoseConnectionComesBackStaysAStandbyAndItsConfirmationsLapse()
      throws Exception {
    Host a = replica("a");
    eventually("a to lead", () -> leads(a));
    Host b = replica("b");
    String prompt = say(a, "power kill web1");
    String code = prompt.replaceAll("(?s).*confirm ([A-Z0-9]+).*", "$1");
    assertThat(code).hasSizeBetween(4, 12);
    terminate(a.leadership().backendPid());
    eventually("b to lead", TAKEOVER, () -> leads(b) && b.app().watching());

    // A confirmation asked of the old leader is not replayed by the new one.
    assertThat(say(b, "confirm " + code)).contains("no longer valid").contains("Nothing was sent");
    assertThat(sim.calls()).noneMatch(c -> c.call().equals("kill"));

    // a reconnects (its heartbeat tries the lock on a new connection every second) but must not
    // connect a second poller: watch it over several heartbeats.
    long until = System.nanoTime() + HEARTBEAT.multipliedBy(5).toNanos();
    while (System.nanoTime() < until) {
      assertThat(connected.get()).isLessThanOrEqualTo(1);
      assertThat(leads(a)).isFalse();
      Thread.sleep(50);
    }
    assertThat(a.app().watching()).isFalse();
    assertThat(get(a.httpPort(), "/healthz").body()).startsWith("{\"status\":\"standby\"");
    assertThat(mostConnected.get()).isEqualTo(1);

    // And when b stops in order, a takes over again within the bound.
    b.shutdown();
    eventually("a to lead again", TAKEOVER, () -> leads(a) && a.app().watching());
    eventually("a's chat to connect", () -> connected.get() == 1);
    assertThat(a.app().watching()).isTrue();
    assertThat(mostConnected.get()).isEqualTo(1);
  }

  @Test
  void whenTheLeaderProcessIsKilledMidIncidentTheStandbyContinuesAndNothingIsAlertedTwice()
      throws Exception {
    // The leader is a real `kiwiops run` process with the real Telegram adapter, against a small
    // Bot API on loopback that records what it is sent and counts its polls.
    try (BotApi telegram = new BotApi()) {
      Path folder = Files.createDirectories(dir.resolve("process"));
      int port = RunFixture.freePort();
      Process leader = launch(processConfig(folder, port, telegram), folder);
      try {
        awaitPolling(telegram);
        Host b = replica("b");
        // Without an attack log: the alert is one sendMessage.
        sim.server(KiwiVmSimulator.DEMO_WEB1).nullroute("203.0.113.7", "");
        try {
          eventually("the process to send the alert", () -> !telegram.sent.isEmpty());
        } catch (AssertionError e) {
          throw new AssertionError(
              e.getMessage()
                  + "; its standard error: "
                  + Files.readString(folder.resolve("stderr.log")),
              e);
        }
        // Killed once the process has marked it delivered (a kill between sending and marking
        // is the outbox's documented at-least-once window: the next leader would send it again).
        try {
          eventually(
              "the process's outbox to be empty",
              () -> body(port, "/metrics").contains("kiwiops_outbox_depth 0.0"));
        } catch (AssertionError e) {
          throw new AssertionError(
              e.getMessage()
                  + "; its standard error: "
                  + Files.readString(folder.resolve("stderr.log"))
                  + telegram.sent,
              e);
        }
        int sentAtDeath = telegram.sent.size();
        assertThat(leads(b)).isFalse();
        assertThat(connected.get()).isZero();

        leader.destroyForcibly(); // SIGKILL: no shutdown, no unlock
        assertThat(leader.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        int pollsAtDeath = telegram.polls.get();

        eventually("b to lead and watch", TAKEOVER, () -> leads(b) && b.app().watching());
        sim.server(KiwiVmSimulator.DEMO_DB1).nullroute("203.0.113.9", "SYN flood");
        eventually("the second alert", () -> raisedFor("db1", "nullroute").size() == 1);
        long cycles = b.app().watcher().status().cycles();
        eventually("one more cycle", () -> b.app().watcher().status().cycles() >= cycles + 1);

        // web1's alert went out once (by the process); b raised only db1's, and nothing polls the
        // Bot API any more but b's own (test) platform.
        assertThat(telegram.sent).hasSize(sentAtDeath);
        assertThat(raisedFor("web1", "nullroute")).isEmpty();
        assertThat(b.app().watcher().status().alertsRaised()).isEqualTo(1);
        assertThat(b.app().watcher().openIncidents())
            .extracting(i -> i.key().server())
            .containsExactlyInAnyOrder("web1", "db1");
        assertThat(telegram.polls.get()).isEqualTo(pollsAtDeath);
      } finally {
        if (leader.isAlive()) {
          leader.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
      }
    }
  }

  @Test
  void whenTheLeaderProcessFreezesTheStandbyTakesOverAndTheThawedProcessNeverPollsAgain()
      throws Exception {
    // A frozen process on a live host (SIGSTOP): the kernel still answers TCP keepalives, so only
    // the lock session's idle_session_timeout lets PostgreSQL release the lock.
    try (BotApi telegram = new BotApi()) {
      Path folder = Files.createDirectories(dir.resolve("frozen"));
      int port = RunFixture.freePort();
      Process leader = launch(processConfig(folder, port, telegram), folder);
      try {
        awaitPolling(telegram);
        Host b = replica("b");
        assertThat(leads(b)).isFalse();

        signal("STOP", leader.pid());
        Thread.sleep(300); // a poll already on the wire is counted by now
        int pollsAtFreeze = telegram.polls.get();
        int sentAtFreeze = telegram.sent.size();
        sim.server(KiwiVmSimulator.DEMO_WEB1).nullroute("203.0.113.7", "UDP flood");

        // The bound of the design with a 1 s heartbeat: the server ends the silent session after
        // 3 s, the standby's next try takes the lock, it settles 3 s: about 8 s, within TAKEOVER.
        // Slack on top for a loaded machine; the time it took is in the assertion message.
        long frozeAt = System.nanoTime();
        eventually(
            "b to lead and watch while the process is frozen",
            TAKEOVER.plus(HEARTBEAT.multipliedBy(10)),
            () -> leads(b) && b.app().watching());
        Duration took = Duration.ofNanos(System.nanoTime() - frozeAt);
        eventually("b's alert", () -> raisedFor("web1", "nullroute").size() == 1);
        assertThat(raisedFor("web1", "nullroute").get(0)).startsWith("b ");

        signal("CONT", leader.pid());
        eventually(
            "the thawed process to step down",
            () -> body(port, "/healthz").startsWith("{\"status\":\"standby\""));
        // Several heartbeats more: the thawed process neither polls nor sends, b keeps leading.
        Thread.sleep(HEARTBEAT.multipliedBy(4).toMillis());
        assertThat(telegram.polls.get())
            .as("polls after the thaw (took over in %s)", took)
            .isEqualTo(pollsAtFreeze);
        assertThat(telegram.sent).hasSize(sentAtFreeze);
        assertThat(leads(b)).isTrue();
        assertThat(raisedFor("web1", "nullroute")).hasSize(1);
        assertThat(body(port, "/metrics"))
            .contains("kiwiops_leader 0.0")
            .contains("kiwiops_leadership_losses_total 1.0");
        assertThat(leader.isAlive()).isTrue();
      } finally {
        if (leader.isAlive()) {
          signal("CONT", leader.pid());
          leader.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
      }
    }
  }

  /** Waits for a launched process to lead: it polls the Bot API (a JVM start on a busy machine). */
  private static void awaitPolling(BotApi telegram) throws InterruptedException {
    eventually(
        "the process to lead and poll Telegram",
        Duration.ofSeconds(120),
        () -> telegram.polls.get() > 0);
  }

  /** A `kiwiops run` replica's configuration: Telegram at {@code telegram}, alerts to its chat. */
  private Path processConfig(Path folder, int port, BotApi telegram) throws IOException {
    return RunFixture.write(
        folder,
        RunFixture.yaml(
                sim,
                port,
                ADMIN,
                "ha: { enabled: true, heartbeat: 1s }\n"
                    + "telegram: { token: \"123456:fake-token\", api-url: \"http://127.0.0.1:"
                    + telegram.port()
                    + "\" }\n")
            .replace(
                "alerts: { interval: 5s }",
                "alerts: { interval: 5s, routes: [ { telegram-chat: \"-1001\" } ] }")
            .replace("jdbc:sqlite:data/kiwiops.db", storeUrl));
  }

  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).start();
    assertThat(kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  /** Telegram's Bot API, as much as the adapter needs: polls answer nothing, messages are kept. */
  private static final class BotApi implements AutoCloseable {
    final AtomicInteger polls = new AtomicInteger();
    final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final com.sun.net.httpserver.HttpServer server;

    BotApi() throws IOException {
      server =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 16);
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
      server.createContext("/", this::serve);
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    private void serve(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        String method =
            path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        String body =
            new String(
                exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String result =
            switch (method) {
              case "getme" ->
                  "{\"id\":1,\"is_bot\":true,\"first_name\":\"kiwiops\",\"username\":\"kiwiops_bot\"}";
              case "getupdates" -> {
                polls.incrementAndGet();
                sleepQuietly(500);
                yield "[]";
              }
              case "sendmessage", "senddocument", "sendphoto" -> {
                sent.add(body);
                yield "{\"message_id\":"
                    + ids.incrementAndGet()
                    + ",\"date\":1767225600,\"chat\":{\"id\":-1001,\"type\":\"supergroup\","
                    + "\"title\":\"ops\"},\"text\":\"alert\"}";
              }
              default -> "true";
            };
        byte[] bytes =
            ("{\"ok\":true,\"result\":" + result + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    }

    private static void sleepQuietly(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static String body(int port, String path) {
    try {
      return get(port, path).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static Process launch(Path config, Path folder) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Djava.awt.headless=true");
    command.add(Main.class.getName());
    command.addAll(List.of("run", "--config", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(folder.resolve("stderr.log").toFile());
    builder.redirectOutput(folder.resolve("stdout.log").toFile());
    builder.environment().putAll(ENV);
    return builder.start();
  }

  private static String say(Host host, String line) {
    dev.kiwiops.core.testkit.CollectingConversation conversation =
        new dev.kiwiops.core.testkit.CollectingConversation();
    host.app()
        .dispatcher()
        .handle(
            dev.kiwiops.core.Caller.of(dev.kiwiops.core.Identity.console("alice")),
            new dev.kiwiops.core.ChatRef("console", "tty", true),
            line,
            conversation);
    return conversation.lastText();
  }

  private Map<String, Long> duplicates() {
    return delivered.stream()
        .filter(d -> d.contains(" RAISED "))
        .map(d -> d.substring(d.indexOf(' ') + 1))
        .collect(Collectors.groupingBy(d -> d, Collectors.counting()))
        .entrySet()
        .stream()
        .filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private void terminate(int pid) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
      s.setInt(1, pid);
      s.execute();
    }
  }

  /** Stands in for Telegram: one "poller" per started instance, counted across replicas. */
  private final class CountingChat implements ChatPlatform, AlertSink {
    private final String replica;
    private volatile boolean up;

    CountingChat(String replica) {
      this.replica = replica;
    }

    @Override
    public String id() {
      return "telegram";
    }

    @Override
    public void start() {
      up = true;
      int now = connected.incrementAndGet();
      mostConnected.accumulateAndGet(now, Math::max);
    }

    @Override
    public void stop(Duration grace) {
      if (up) {
        up = false;
        connected.decrementAndGet();
      }
    }

    @Override
    public PlatformHealth health() {
      return PlatformHealth.up(Instant.EPOCH);
    }

    @Override
    public Optional<String> deliver(String target, Alert alert) {
      if (!up) {
        throw new IllegalStateException("not connected");
      }
      delivered.add(
          replica
              + " "
              + alert.phase()
              + " "
              + alert.id()
              + " "
              + alert.key().server()
              + " "
              + alert.key().kind().id());
      return Optional.empty();
    }

    @Override
    public void update(String target, String messageRef, Alert alert) {}

    @Override
    public Optional<String> post(String target, dev.kiwiops.core.reply.Reply reply) {
      if (!up) {
        throw new IllegalStateException("not connected");
      }
      reports.add(replica + " " + target);
      return Optional.empty();
    }
  }
}

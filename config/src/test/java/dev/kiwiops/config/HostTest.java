package dev.kiwiops.config;

import static dev.kiwiops.config.RunFixture.ENV;
import static dev.kiwiops.config.RunFixture.eventually;
import static dev.kiwiops.config.RunFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.platform.ChatPlatform;
import dev.kiwiops.core.platform.PlatformHealth;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;
import dev.kiwiops.simulator.KiwiVmSimulator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiwiops run} in process: the host with its store, watcher and HTTP server against the
 * simulator over real HTTP, a test chat platform where a platform is needed.
 */
class HostTest {
  private static final String ADMIN = "  - { user: \"console:alice\", roles: [admin] }\n";
  private static final Caller ALICE = Caller.of(Identity.console("alice"));
  private static final Caller BOB = Caller.of(Identity.console("bob"));
  private static final ChatRef CHAT = new ChatRef("console", "tty", true);

  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private Host host;
  private int port;

  @BeforeEach
  void start() throws IOException {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
    port = RunFixture.freePort();
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.shutdown();
    }
    sim.close();
  }

  private Host host(String access, Clock clock, Platforms platforms) throws Exception {
    Path file = RunFixture.write(dir, RunFixture.yaml(sim, port, access, ""));
    KiwiopsConfig config = new ConfigLoader(ENV::get).read(file);
    host = new Host(file, config, ENV::get, platforms, clock, true).start();
    return host;
  }

  private static Platforms none() {
    return platforms(List.of());
  }

  private static Platforms platforms(List<ChatPlatform> list) {
    return new Platforms() {
      @Override
      public List<String> ids(KiwiopsConfig config) {
        return list.stream().map(ChatPlatform::id).toList();
      }

      @Override
      public List<ChatPlatform> build(KiwiopsConfig config, Kiwiops app) {
        list.forEach(p -> ((TestPlatform) p).dispatcherFrom(app));
        return list;
      }
    };
  }

  private String run(Caller caller, String line) {
    CollectingConversation conversation = new CollectingConversation();
    host.app().dispatcher().handle(caller, CHAT, line, conversation);
    return conversation.lastText();
  }

  @Test
  void healthIsOkOnceTheWatcherHasFinishedACycle() throws Exception {
    host(ADMIN, Clock.systemUTC(), none());

    eventually("a watcher cycle", () -> host.app().watcher().lastCycleAt().isPresent());
    HttpResponse<String> health = get(port, "/healthz");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(health.body())
        .startsWith("{\"status\":\"ok\"")
        .contains("\"store\":{\"up\":true,\"detail\":\"answers\"")
        .contains("\"watcher\":{\"up\":true,\"detail\":\"last cycle");
    assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(port, "/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void aStoreThatIsGoneIsA503NamingTheStore() throws Exception {
    host(ADMIN, Clock.systemUTC(), none());
    eventually("a watcher cycle", () -> host.app().watcher().lastCycleAt().isPresent());

    try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    HttpResponse<String> health = get(port, "/healthz");

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body())
        .startsWith("{\"status\":\"unhealthy\"")
        .contains("\"store\":{\"up\":false,\"detail\":\"the store does not answer")
        .contains("\"watcher\":{\"up\":true");
  }

  @Test
  void aWatcherWithoutACycleForThreeIntervalsIsA503SinceItsLastCheck() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    host(ADMIN, clock, none());
    eventually("a watcher cycle", () -> host.app().watcher().lastCycleAt().isPresent());
    assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

    host.app().watcher().close(); // stuck: no more cycles
    clock.advance(Duration.ofSeconds(16));
    HttpResponse<String> health = get(port, "/healthz");

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body())
        .contains(
            "\"watcher\":{\"up\":false,\"detail\":\"no cycle for 16 s, more than 3 intervals of"
                + " 5 s\",\"since\":\"2026-12-01T00:00:16Z\"}")
        .contains("\"store\":{\"up\":true");
  }

  @Test
  void metricsCountCommandsUpstreamCallsCacheAlertsAndTheJvm() throws Exception {
    sim.server(KiwiVmSimulator.DEMO_WEB1).nullroute("203.0.113.7", "UDP flood");
    sim.server(KiwiVmSimulator.DEMO_WEB1).setRateLimitPoints(880, 9900);
    host(ADMIN, Clock.systemUTC(), none());
    eventually("a watcher cycle", () -> host.app().watcher().lastCycleAt().isPresent());

    assertThat(run(ALICE, "info web1")).contains("web1");
    assertThat(run(ALICE, "info web1")).contains("web1");
    run(BOB, "power kill web1");

    HttpResponse<String> response = get(port, "/metrics");
    String metrics = response.body();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    assertThat(metrics)
        .contains(
            "kiwiops_commands_total{command=\"info\",decision=\"allowed\",outcome=\"ok\"} 2.0")
        .contains(
            "kiwiops_commands_total{command=\"power kill\",decision=\"denied\",outcome=\"none\"}"
                + " 1.0")
        .contains("kiwiops_command_duration_seconds_bucket{command=\"info\",le=")
        .contains("kiwiops_upstream_calls_total{call=\"getServiceInfo\",outcome=\"ok\"}")
        .contains("kiwiops_upstream_call_duration_seconds_count{call=\"getServiceInfo\"}")
        .contains("kiwiops_cache_hits_total")
        .contains("kiwiops_cache_misses_total")
        .contains("kiwiops_alerts_raised_total{kind=\"nullroute\"} 1.0")
        .contains("kiwiops_outbox_depth")
        .contains("kiwiops_outbox_oldest_age_seconds")
        .containsPattern(
            "kiwiops_ratelimit_points_left\\{server=\"web1\",window=\"15m\"} 8[0-7]\\d\\.0")
        .containsPattern(
            "kiwiops_ratelimit_points_left\\{server=\"db1\",window=\"24h\"} 19\\d{3}\\.0")
        .contains("kiwiops_watcher_cycle_duration_seconds")
        .contains("kiwiops_watcher_cycles_total")
        .contains("jvm_memory_used_bytes")
        .doesNotContain(KiwiVmSimulator.DEMO_KEYS.get(KiwiVmSimulator.DEMO_WEB1));
  }

  @Test
  void aConflictingMeterRegistrationThrowsInTests() throws Exception {
    host(ADMIN, Clock.systemUTC(), none());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                io.micrometer.core.instrument.Gauge.builder("kiwiops.outbox.depth", () -> 1)
                    .tags("other", "key")
                    .register(host.telemetry().registry()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kiwiops.outbox.depth");
  }

  @Test
  void reloadPutsAccessAndServersInForceForTheNextCommand() throws Exception {
    host(ADMIN, Clock.systemUTC(), none());
    assertThat(run(BOB, "info web1")).contains("not allowed");

    Files.writeString(
        dir.resolve("kiwiops.yml"),
        RunFixture.yaml(sim, port, ADMIN + "  - { user: \"console:bob\", roles: [viewer] }\n", "")
            .replace(
                "  db1: { veid: " + KiwiVmSimulator.DEMO_DB1,
                "  db2: { veid: " + KiwiVmSimulator.DEMO_DB1));
    String answer = run(ALICE, "reload");

    assertThat(answer).contains("Reloaded kiwiops.yml: 2 servers, 2 access bindings");
    assertThat(run(BOB, "info web1")).doesNotContain("not allowed").contains("web1");
    assertThat(run(ALICE, "info db2")).contains("db2");
    assertThat(run(ALICE, "info db1")).contains("db1").containsIgnoringCase("unknown");
  }

  @Test
  void anHaChangeIsReportedAsTakingEffectOnlyAfterARestart() throws Exception {
    host(ADMIN, Clock.systemUTC(), none());
    Files.writeString(
        dir.resolve("kiwiops.yml"),
        RunFixture.yaml(sim, port, ADMIN, "ha: { enabled: false, heartbeat: 2s }\n"));

    String answer = run(ALICE, "reload");

    assertThat(answer)
        .contains("Reloaded kiwiops.yml")
        .contains("These sections changed but take effect only after a restart: ha.");
  }

  @Test
  void aBadFileKeepsTheRunningConfigurationAndNamesEachProblemByLine() throws Exception {
    host(ADMIN, Clock.systemUTC(), none());
    Files.writeString(
        dir.resolve("kiwiops.yml"),
        RunFixture.yaml(
            sim,
            port,
            ADMIN + "  - { user: \"console:bob\", roles: [wizard] }\n",
            "confirm: { ttl: soon }\n"));

    String answer = run(ALICE, "reload");

    assertThat(answer)
        .contains("not reloaded")
        .contains("kiwiops.yml:7: access[].roles: unknown role 'wizard'")
        .contains("kiwiops.yml:12: confirm.ttl: 'soon' is not a duration");
    assertThat(run(BOB, "info web1")).contains("not allowed");
    assertThat(run(ALICE, "reload")).contains("not reloaded");
  }

  @Test
  void reloadIsForAdminsOnly() throws Exception {
    host(ADMIN + "  - { user: \"console:bob\", roles: [operator] }\n", Clock.systemUTC(), none());

    assertThat(run(BOB, "reload")).contains("not allowed to run reload");
  }

  @Test
  void shutdownLetsACommandInFlightFinishBeforeClosingTheClient() throws Exception {
    sim.faults().forCall("restart").latency(Duration.ofMillis(1500));
    TestPlatform chat = new TestPlatform();
    host(ADMIN, Clock.systemUTC(), platforms(List.of(chat)));
    assertThat(chat.started).isTrue();

    chat.type(ALICE, "power restart web1");
    assertThat(chat.running.await(10, TimeUnit.SECONDS)).isTrue();
    host.shutdown();

    assertThat(chat.stoppedWith).isNotNull();
    assertThat(chat.replies).hasSize(1);
    assertThat(chat.replies.get(0)).doesNotContain("went wrong").containsIgnoringCase("restart");
    assertThat(sim.calls(KiwiVmSimulator.DEMO_WEB1, "restart")).hasSize(1);
    assertThat(host.ready()).isFalse();
  }

  @Test
  void platformHealthIsPartOfTheHealthCheck() throws Exception {
    TestPlatform chat = new TestPlatform();
    host(ADMIN, Clock.systemUTC(), platforms(List.of(chat)));
    eventually("a watcher cycle", () -> host.app().watcher().lastCycleAt().isPresent());
    assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

    chat.health =
        PlatformHealth.down("the gateway is unreachable", Instant.parse("2026-12-01T01:02:03Z"));
    HttpResponse<String> health = get(port, "/healthz");

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body())
        .contains(
            "\"testchat\":{\"up\":false,\"detail\":\"the gateway is unreachable\","
                + "\"since\":\"2026-12-01T01:02:03Z\"}");
  }

  @Test
  void eachCommandOutcomeIsOneLogLineWithoutItsArguments() throws Exception {
    ch.qos.logback.classic.Logger commands =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.kiwiops.commands");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    ch.qos.logback.classic.Level before = commands.getLevel();
    commands.setLevel(ch.qos.logback.classic.Level.INFO);
    commands.addAppender(lines);
    try {
      host(ADMIN, Clock.systemUTC(), none());

      run(ALICE, "hostname web1 new-name.example");
      run(BOB, "password reset web1");

      assertThat(lines.list).hasSize(2);
      assertThat(lines.list.get(0).getFormattedMessage())
          .startsWith("command hostname by console:alice on web1: allowed, ok (")
          .doesNotContain("new-name");
      assertThat(lines.list.get(0).getKeyValuePairs())
          .extracting(kv -> kv.key)
          .containsExactly(
              "user", "chat", "command", "server", "decision", "outcome", "duration_ms");
      assertThat(lines.list.get(1).getFormattedMessage())
          .startsWith("command password reset by console:bob on web1: denied, none (");
    } finally {
      commands.detachAppender(lines);
      commands.setLevel(before);
    }
  }

  /** A chat platform that types lines into the dispatcher on its own thread. */
  static final class TestPlatform implements ChatPlatform, AlertSink {
    final List<String> replies = new CopyOnWriteArrayList<>();
    final CountDownLatch running = new CountDownLatch(1);
    final ExecutorService threads = Executors.newSingleThreadExecutor();
    volatile PlatformHealth health = PlatformHealth.up(Instant.EPOCH);
    volatile boolean started;
    volatile Duration stoppedWith;
    private Kiwiops app;

    void dispatcherFrom(Kiwiops app) {
      this.app = app;
    }

    void type(Caller caller, String line) {
      threads.execute(
          () -> {
            CollectingConversation conversation = new CollectingConversation();
            running.countDown();
            app.dispatcher().handle(caller, CHAT, line, conversation);
            replies.add(conversation.lastText());
          });
    }

    @Override
    public String id() {
      return "testchat";
    }

    @Override
    public void start() {
      started = true;
    }

    @Override
    public void stop(Duration grace) {
      stoppedWith = grace;
      threads.shutdown();
      try {
        threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public PlatformHealth health() {
      return health;
    }

    @Override
    public java.util.Optional<String> deliver(String target, Alert alert) {
      replies.add("alert " + alert.title());
      return java.util.Optional.empty();
    }

    @Override
    public void update(String target, String messageRef, Alert alert) {
      replies.add("edit " + alert.title());
    }
  }
}

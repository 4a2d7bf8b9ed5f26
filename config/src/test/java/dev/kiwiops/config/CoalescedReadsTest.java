package dev.kiwiops.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.simulator.KiwiVmSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 people asking {@code info web1} at the same moment, on a cold cache, through the assembled
 * app's dispatcher: the real KiwiVM client sends one request to the simulator (over HTTP), every
 * one of them gets the info card, and every command is audited in the SQLite file.
 */
class CoalescedReadsTest {
  private static final ChatRef CHAT = new ChatRef("console", "tty", true);
  private static final int CALLERS = 100;

  @TempDir Path dir;
  private KiwiVmSimulator sim;
  private Path config;

  @BeforeEach
  void start() throws Exception {
    sim = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
    config = dir.resolve("kiwiops.yml");
    Files.writeString(
        config,
        "kiwivm: { api-url: \""
            + sim.apiBase()
            + "\", timeout: 10s }\n"
            + "servers:\n"
            + "  web1: { veid: 1001, api-key: \""
            + KiwiVmSimulator.DEMO_KEYS.get(1001L)
            + "\" }\n"
            + "access:\n"
            + "  - { user: \"console:ada\", roles: [viewer] }\n"
            + "store: { url: \"jdbc:sqlite:data/kiwiops.db\" }\n");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void aHundredConcurrentIdenticalReadsSendOneUpstreamCall() throws Exception {
    // KiwiVM holds the request, so every caller arrives while it is in flight.
    sim.faults().forCall("getServiceInfo").times(1).latency(Duration.ofMillis(1500));
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    try (Kiwiops app = Kiwiops.assemble(ConfigLoader.load(config), List.of(), false)) {
      CountDownLatch ready = new CountDownLatch(CALLERS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> replies = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        Caller caller = Caller.of(Identity.console("ada"));
        replies.add(
            callers.submit(
                () -> {
                  CollectingConversation chat = new CollectingConversation();
                  ready.countDown();
                  go.await();
                  app.dispatcher().handle(caller, CHAT, "info web1", chat);
                  return chat.lastText();
                }));
      }
      ready.await();
      go.countDown();
      for (Future<String> reply : replies) {
        assertThat(reply.get()).contains("Hostname");
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(sim.calls(KiwiVmSimulator.DEMO_WEB1, "getServiceInfo")).hasSize(1);
    assertThat(sim.calls()).hasSize(1);
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/kiwiops.db"));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM audit_entry WHERE command = 'info' AND outcome = 'ok'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(CALLERS);
    }
  }
}

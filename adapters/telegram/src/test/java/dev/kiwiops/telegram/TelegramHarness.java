package dev.kiwiops.telegram;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessControl;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.TestCatalogue;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The whole chain for one test: the KiwiVM simulator, the real client and core (catalogue,
 * dispatcher, confirmations, access), the fake Bot API server, and the Telegram platform on the
 * real TelegramBots library. Waits are fake: the platform's sleeps advance the shared clock.
 */
final class TelegramHarness implements AutoCloseable {
  static final String TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijk";
  static final long ALICE = 100;
  static final long BOB = 200;
  static final long MALLORY = 300;
  static final long GROUP = -1001;

  /** What the chart renderer draws: bytes enough to tell the photo arrived whole. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

  final MutableClock clock = MutableClock.at("2026-01-10T12:00:00Z");
  final ManualScheduler timers = new ManualScheduler(clock);
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final FakeBotApi fake;
  final KiwiVmSimulator sim;
  final KiwiVmClient client;
  final List<FleetServer> servers = new ArrayList<>();
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final AccessControl access;
  final CommandCatalog catalog;
  final Dispatcher dispatcher;
  final TelegramPlatform platform;

  TelegramHarness() throws Exception {
    this(2);
  }

  TelegramHarness(int serverCount) throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    fake = FakeBotApi.start(TOKEN);
    sim = KiwiVmSimulator.start(0, clock);
    for (int i = 1; i <= serverCount; i++) {
      String name = i == 1 ? "web1" : i == 2 ? "db1" : "server-number-" + i;
      String key = "private_" + String.format("%024d", i);
      FleetServer server = new FleetServer(name, 4000 + i, Secret.of(key), Set.of());
      servers.add(server);
      sim.addServer(ServerSpec.kvm(server.veid(), key, name + ".example.net"));
    }
    client =
        KiwiVmClient.builder(sim.apiBase()).timeout(Duration.ofSeconds(10)).ticker(clock).build();
    Fleet fleet = new Fleet(servers);
    List<Binding> bindings =
        List.of(
            new Binding(Identity.parse("telegram:" + ALICE), Set.of("admin"), Set.of(), Set.of()),
            new Binding(Identity.parse("telegram:" + BOB), Set.of("viewer"), Set.of(), Set.of()));
    access = new AccessControl(new AccessPolicy(List.of(), bindings, fleet));
    catalog =
        TestCatalogue.of(client, access, clock)
            .audit(audit)
            .charts((server, samples, period) -> PNG.clone())
            .catalog();
    dispatcher =
        new Dispatcher(
            catalog,
            access,
            new ConfirmationBook(ConfirmationRules.defaults(), clock, clock, new SecureRandom()),
            audit,
            fleet,
            client,
            clock);
    platform = platform(TelegramSettings.of(Secret.of(TOKEN)).withApiUrl(fake.url()));
  }

  TelegramPlatform platform(TelegramSettings settings) {
    return TelegramPlatform.builder(settings.withPollTimeout(Duration.ofSeconds(1)))
        .dispatcher(() -> dispatcher)
        .catalog(() -> catalog)
        .access(access)
        .clock(clock)
        .sleeper(
            d -> {
              sleeps.add(d);
              clock.advance(d);
            })
        .timers(timers)
        .build();
  }

  FleetServer web() {
    return servers.get(0);
  }

  /**
   * Every log line so far, formatted. Logback's {@code AppenderBase.doAppend} appends under the
   * appender's own monitor (not the list's), so the copy is taken under that monitor too: a poller
   * thread still logging while the test reads would otherwise break the iteration.
   */
  List<String> logLines() {
    synchronized (logs) {
      return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    platform.stop(Duration.ofSeconds(5));
    fake.close();
    client.close();
    sim.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }
}

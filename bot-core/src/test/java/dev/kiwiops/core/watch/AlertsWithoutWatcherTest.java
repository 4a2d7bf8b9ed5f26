package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import dev.kiwiops.core.testkit.TestWatcher;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code alerts} in a process that does not watch (issue 10.7): it reads the shared store and says
 * that this process does not watch, instead of a false all-clear.
 */
class AlertsWithoutWatcherTest {
  private static final Caller ADA = Caller.of(Identity.console("ada"));
  private static final ChatRef CHAT = new ChatRef("console", "tty", true);

  private final MutableClock clock = MutableClock.at("2026-01-01T00:10:00Z");
  private final FleetKiwi kiwi = new FleetKiwi("web1", "db1");
  private final Fleet fleet = kiwi.fleet();
  private final InMemoryAlertStore store = new InMemoryAlertStore();
  private final CollectingConversation chat = new CollectingConversation();

  private Watcher watcher(ManualScheduler scheduler) {
    return TestWatcher.of(fleet, kiwi.port(), new RecordingAlertSink("console"), scheduler, clock)
        .store(store)
        .build();
  }

  private Dispatcher dispatcher(Watcher watcher) {
    return new Dispatcher(
        new CommandCatalog(AlertCommands.all(watcher, clock)),
        new AccessPolicy(
            List.of(),
            List.of(new Binding(ADA.user(), Set.of("operator"), Set.of(), Set.of())),
            fleet),
        new ConfirmationBook(
            ConfirmationRules.defaults().withTtl(Duration.ofSeconds(60)),
            clock,
            clock,
            new SecureRandom()),
        new InMemoryAuditTrail(),
        fleet,
        kiwi.port(),
        clock);
  }

  private String run(Dispatcher dispatcher, String line) {
    dispatcher.handle(ADA, CHAT, line, chat);
    return chat.lastText();
  }

  @Test
  void alertsShowsWhatTheWatchingProcessStoredAndSaysThisOneDoesNotWatch() {
    ManualScheduler scheduler = new ManualScheduler(clock);
    Watcher watching = watcher(scheduler);
    kiwi.state("web1").nullroute("192.0.2.1", "log");
    watching.start();
    scheduler.runDue();
    Dispatcher here = dispatcher(watcher(new ManualScheduler(clock))); // never started

    String listed = run(here, "alerts");

    assertThat(listed)
        .contains("1 open alert")
        .contains("A1 | critical | web1: DDoS nullroute on 192.0.2.1")
        .contains("This process does not watch the servers")
        .doesNotContain("No open alerts");
    assertThat(run(here, "alerts ack A1")).contains("This process does not watch the servers");
    assertThat(watching.find("A1").orElseThrow().isAcknowledged()).isFalse();
    watching.close();
  }

  @Test
  void anEmptyStoreIsNoAllClearWhenThisProcessDoesNotWatch() {
    Dispatcher here = dispatcher(watcher(new ManualScheduler(clock)));

    assertThat(run(here, "alerts"))
        .isEqualTo(
            "No open alerts stored for your servers. This process does not watch the servers, so"
                + " it detects nothing itself; ack and snooze alerts where the watcher runs.");
  }
}

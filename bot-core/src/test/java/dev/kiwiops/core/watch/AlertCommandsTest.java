package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.command.UsageException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertCommandsTest {
  private static final Caller ADA = Caller.of(Identity.console("ada")); // operator everywhere
  private static final Caller OPS = Caller.of(Identity.console("ops")); // operator on db1 only
  private static final Caller VIC = Caller.of(Identity.console("vic")); // viewer everywhere
  private static final ChatRef CHAT = new ChatRef("console", "tty", true);

  private final MutableClock clock = MutableClock.at("2026-01-01T00:10:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final FleetKiwi kiwi = new FleetKiwi("web1", "db1");
  private final Fleet fleet = kiwi.fleet();
  private final RecordingAlertSink console = new RecordingAlertSink("console");
  private final Watcher watcher =
      TestWatcher.of(fleet, kiwi.port(), console, scheduler, clock).build();
  private final AccessPolicy policy =
      new AccessPolicy(
          List.of(),
          List.of(
              new Binding(ADA.user(), Set.of("operator"), Set.of(), Set.of()),
              new Binding(OPS.user(), Set.of("operator"), Set.of("db1"), Set.of()),
              new Binding(VIC.user(), Set.of("viewer"), Set.of(), Set.of())),
          fleet);
  private final Dispatcher dispatcher =
      new Dispatcher(
          new CommandCatalog(AlertCommands.all(watcher, clock)),
          policy,
          new ConfirmationBook(
              ConfirmationRules.defaults().withTtl(Duration.ofSeconds(60)),
              clock,
              clock,
              new SecureRandom()),
          new InMemoryAuditTrail(),
          fleet,
          kiwi.port(),
          clock);
  private final CollectingConversation chat = new CollectingConversation();

  @BeforeEach
  void raiseTwoAlerts() {
    kiwi.state("web1").nullroute("192.0.2.1", "log");
    kiwi.state("db1").abusePoints = 60;
    watcher.start();
    scheduler.runDue();
    assertThat(console.titles()).hasSize(2);
  }

  @AfterEach
  void stop() {
    watcher.close();
  }

  private String run(Caller caller, String line) {
    dispatcher.handle(caller, CHAT, line, chat);
    return chat.lastText();
  }

  @Test
  void alertsListsTheOpenAlertsOfTheCallersServers() {
    String all = run(VIC, "alerts");
    assertThat(all)
        .contains("2 open alerts")
        .contains("A1 | critical | web1: DDoS nullroute on 192.0.2.1 | now | open")
        .contains("A2 | warning | db1: abuse points above 50%");

    assertThat(run(OPS, "alerts")).contains("A2").doesNotContain("A1");
    assertThat(run(VIC, "alerts db1")).contains("1 open alert").doesNotContain("A1");
  }

  @Test
  void acknowledgingStopsRemindersAndShowsWho() {
    assertThat(run(ADA, "alerts ack a1")).contains("A1 acknowledged");
    assertThat(run(VIC, "alerts")).contains("acknowledged by console:ada");
    assertThat(run(ADA, "alerts ack A1")).contains("already acknowledged by console:ada");

    scheduler.advance(Duration.ofHours(1));
    assertThat(console.titles()).noneMatch(t -> t.startsWith("[REMINDER]"));
  }

  @Test
  void aViewerMayListButNotAcknowledge() {
    assertThat(run(VIC, "alerts ack A1")).contains("You are not allowed to run alerts ack");
    assertThat(watcher.find("A1").orElseThrow().isAcknowledged()).isFalse();
  }

  @Test
  void anAlertOutsideTheCallersServersAnswersLikeAnUnknownOne() {
    String outside = run(OPS, "alerts ack A1");
    String unknown = run(OPS, "alerts ack A99");

    assertThat(outside).startsWith("No open alert A1. Type alerts to list them.");
    assertThat(unknown).startsWith("No open alert A99. Type alerts to list them.");
    assertThat(outside).doesNotContain("web1");
    assertThat(watcher.find("A1").orElseThrow().isAcknowledged()).isFalse();
  }

  @Test
  void snoozeHoldsBackRemindersForTheGivenTime() {
    assertThat(run(ADA, "alerts snooze A1 2h")).contains("A1 snoozed until 2026-01-01 02:10 UTC");

    scheduler.advance(Duration.ofMinutes(119));
    assertThat(console.titles()).hasSize(2);
    scheduler.advance(Duration.ofMinutes(2));
    assertThat(console.titles()).last().asString().startsWith("[REMINDER] A1");
  }

  @Test
  void badSnoozeDurationsAreRefusedWithUsage() {
    assertThat(run(ADA, "alerts snooze A1 soon"))
        .contains("'soon' is not a duration; try 30m, 2h or 1d.")
        .contains("Usage: alerts snooze <id> <duration>");
    assertThat(run(ADA, "alerts snooze A1 8d")).contains("at most 7 days");
    assertThat(watcher.find("A1").orElseThrow().snoozedUntil()).isEmpty();
  }

  @Test
  void durationsCombineUnits() throws UsageException {
    assertThat(AlertCommands.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(AlertCommands.parseDuration("45min")).isEqualTo(Duration.ofMinutes(45));
    assertThat(AlertCommands.parseDuration("1D")).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> AlertCommands.parseDuration("30")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> AlertCommands.parseDuration("30s"))
        .hasMessageContaining("at least 1 minute");
  }

  @Test
  void noAlertsIsSaidPlainly() {
    kiwi.state("web1").nullroutes.clear();
    kiwi.state("db1").abusePoints = 0;
    scheduler.advance(Duration.ofSeconds(60));

    assertThat(run(VIC, "alerts")).isEqualTo("No open alerts on your servers.");
  }
}

package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.commands.InMemoryStopRecords;
import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.reply.Button;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.FakeServiceInfo;
import dev.kiwiops.core.testkit.FleetKiwi;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingAlertSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatcherTest {
  private static final Duration INTERVAL = Duration.ofSeconds(60);

  private final MutableClock clock = MutableClock.at("2026-01-01T00:10:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final FleetKiwi kiwi = new FleetKiwi("web1", "db1");
  private final InMemoryAlertStore store = new InMemoryAlertStore();
  private final RecordingAlertSink console = new RecordingAlertSink("console");
  private final PowerStopLedger stops = new PowerStopLedger(new InMemoryStopRecords(), clock);
  private final List<Watcher> started = new ArrayList<>();
  private WatcherSettings settings =
      WatcherSettings.defaults()
          .withInterval(INTERVAL)
          .withJitter(Duration.ZERO)
          .withExpensiveEvery(3);

  @AfterEach
  void stopWatchers() {
    started.forEach(Watcher::close);
  }

  private Watcher start() {
    return start(AlertRouter.everythingTo(Destination.console()), List.of(console));
  }

  private Watcher start(AlertRouter router, List<AlertSink> sinks) {
    Watcher watcher =
        new Watcher(
            kiwi.fleet(),
            kiwi.port(),
            settings,
            router,
            sinks,
            store,
            store,
            stops,
            scheduler,
            clock,
            new SplittableRandom(7));
    watcher.start();
    started.add(watcher);
    scheduler.runDue();
    return watcher;
  }

  private void nextCycle() {
    scheduler.advance(INTERVAL);
  }

  @Test
  void nullrouteIsAnnouncedOnceWithItsAttackLogAndResolvedOnce() {
    kiwi.state("web1").nullroute("192.0.2.1", "12:00 UDP flood 40 Gbps");

    start();
    nextCycle();
    nextCycle();

    assertThat(console.titles()).containsExactly("[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1");
    Reply raised = console.alerts().get(0).toReply();
    assertThat(raised.attachments()).hasSize(1);
    assertThat(raised.attachments().get(0).fileName()).isEqualTo("nullroute-web1-192.0.2.1.txt");
    assertThat(new String(raised.attachments().get(0).data(), StandardCharsets.UTF_8))
        .isEqualTo("12:00 UDP flood 40 Gbps");
    assertThat(raised.buttons())
        .extracting(Button::intent, Button::token)
        .containsExactly(tuple(Button.Intent.ACK, "a:A1"), tuple(Button.Intent.SNOOZE, "s:A1:1h"));

    kiwi.state("web1").nullroutes.clear();
    nextCycle();
    nextCycle();

    assertThat(console.titles())
        .containsExactly(
            "[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1",
            "[RESOLVED] A1 web1: DDoS nullroute on 192.0.2.1");
    assertThat(console.alerts().get(1).body()).contains("lifted").contains("Lasted 3 min");
  }

  @Test
  void eachNullroutedIpIsItsOwnIncident() {
    kiwi.state("web1").nullroute("192.0.2.1", "log a").nullroute("192.0.2.2", "log b");
    Watcher watcher = start();

    kiwi.state("web1").nullroutes.remove("192.0.2.1");
    nextCycle();

    assertThat(console.titles())
        .containsExactly(
            "[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1",
            "[CRITICAL] A2 web1: DDoS nullroute on 192.0.2.2",
            "[RESOLVED] A1 web1: DDoS nullroute on 192.0.2.1");
    assertThat(watcher.openIncidents())
        .extracting(i -> i.key().toString())
        .containsExactly("nullroute/web1/192.0.2.2");
  }

  @Test
  void policyViolationShowsTheDeadlineAndOffersResolveOnlyForSoftOnes() {
    kiwi.state("web1").policyViolation = true;
    Instant deadline = clock.instant().plus(Duration.ofHours(3));
    kiwi.answer(
        "web1",
        "getPolicyViolations",
        new ApiResult.Ok<>(
            new PolicyViolations(
                30,
                100,
                List.of(
                    new PolicyViolations.Violation(
                        77, clock.instant(), deadline, "spam", true, 10, "mail queue 40k"),
                    new PolicyViolations.Violation(
                        78, clock.instant(), deadline, "phishing", false, 20, "")))));

    start();

    assertThat(console.titles())
        .containsExactly(
            "[CRITICAL] A1 web1: policy violation #77 (spam)",
            "[CRITICAL] A2 web1: policy violation #78 (phishing)");
    Alert soft = console.alerts().get(0);
    assertThat(soft.body())
        .contains("suspended in 3 h 0 min (2026-01-01 03:10 UTC)")
        .contains("mail queue 40k");
    assertThat(soft.toReply().buttons())
        .contains(new Button("Resolve", Button.Intent.RESOLVE, "r:web1:77", Button.Style.DANGER));
    assertThat(console.alerts().get(1).toReply().buttons())
        .extracting(Button::label)
        .doesNotContain("Resolve");
  }

  @Test
  void policyViolationEndsWhenTheFlagClears() {
    kiwi.state("web1").policyViolation = true;
    kiwi.answer("web1", "getPolicyViolations", new ApiResult.Ok<>(violation(77)));
    start();

    kiwi.state("web1").policyViolation = false;
    nextCycle();

    assertThat(console.titles())
        .containsExactly(
            "[CRITICAL] A1 web1: policy violation #77 (spam)",
            "[RESOLVED] A1 web1: policy violation #77 (spam)");
  }

  @Test
  void anOpenSuspensionKeepsItsDetailsOnLaterCycles() {
    kiwi.state("web1").suspended = true;
    kiwi.answer(
        "web1",
        "getSuspensionDetails",
        new ApiResult.Ok<>(
            new SuspensionDetails(
                1,
                40,
                100,
                List.of(new SuspensionDetails.Suspension(5, "spam", true, 9, 40, "evidence")))));
    Watcher watcher = start();
    nextCycle();

    nextCycle();
    nextCycle();

    // Later cycles do not fetch the details again; the incident (shown by alerts and reminders)
    // used to be rewritten to "details could not be fetched".
    assertThat(kiwi.count("web1", "getSuspensionDetails")).isEqualTo(1);
    assertThat(watcher.openIncidents().get(0).body())
        .contains("Record 5 (spam): soft")
        .doesNotContain("could not be fetched");
  }

  @Test
  void suspensionShowsItsDetailsAndEvidence() {
    kiwi.state("web1").suspended = true;
    kiwi.answer(
        "web1",
        "getSuspensionDetails",
        new ApiResult.Ok<>(
            new SuspensionDetails(
                2,
                90,
                100,
                List.of(
                    new SuspensionDetails.Suspension(
                        5, "spam", true, 9, 40, "outbound SMTP to 3000 hosts")))));

    start();
    nextCycle();

    assertThat(console.titles()).containsExactly("[CRITICAL] A1 web1 is suspended");
    assertThat(console.alerts().get(0).body())
        .contains("Record 5 (spam): soft")
        .contains("outbound SMTP to 3000 hosts");
    assertThat(kiwi.count("web1", "getSuspensionDetails")).isEqualTo(1);

    kiwi.state("web1").suspended = false;
    nextCycle();
    assertThat(console.titles()).last().isEqualTo("[RESOLVED] A1 web1 is suspended");
  }

  @Test
  void abusePointsWarnOncePerThresholdAndEndSilently() {
    kiwi.state("web1").abusePoints = 55;
    start();
    nextCycle();
    kiwi.state("web1").abusePoints = 85;
    nextCycle();
    nextCycle();
    kiwi.state("web1").abusePoints = 0;
    nextCycle();

    assertThat(console.titles())
        .containsExactly(
            "[WARNING] A1 web1: abuse points above 50%",
            "[WARNING] A2 web1: abuse points above 80%");
  }

  @Test
  void bandwidthThresholdsApplyTheMultiplierAndEndWhenTheCounterResets() {
    kiwi.state("web1").dataCounter = 850 * FakeServiceInfo.GIB;
    kiwi.state("web1").multiplier = 2.0;
    start();
    nextCycle();

    assertThat(console.titles())
        .containsExactly("[WARNING] A1 web1: 80% of the monthly transfer used");
    assertThat(console.alerts().get(0).body())
        .contains("1.66 TiB of 1.95 TiB used (85%)")
        .contains("multiplier 2.0");

    kiwi.state("web1").dataCounter = 0;
    nextCycle();
    assertThat(console.titles())
        .last()
        .isEqualTo("[RESOLVED] A1 web1: 80% of the monthly transfer used");
  }

  @Test
  void aMissingQuotaNeitherResolvesNorRepeatsABandwidthAlert() {
    kiwi.state("web1").dataCounter = 850 * FakeServiceInfo.GIB;
    start();

    kiwi.state("web1").monthlyData = 0; // plan_monthly_data missing from one answer
    nextCycle();
    kiwi.state("web1").monthlyData = 1000 * FakeServiceInfo.GIB;
    nextCycle();

    assertThat(console.titles())
        .containsExactly("[WARNING] A1 web1: 80% of the monthly transfer used");
  }

  @Test
  void aMissingAbuseMaximumDoesNotRepeatAnAbusePointsAlert() {
    kiwi.state("web1").abusePoints = 55;
    Watcher watcher = start();

    kiwi.state("web1").maxAbusePoints = 0; // max_abuse_points missing from one answer
    nextCycle();
    assertThat(watcher.openIncidents()).hasSize(1);
    kiwi.state("web1").maxAbusePoints = 100;
    nextCycle();

    assertThat(console.titles()).containsExactly("[WARNING] A1 web1: abuse points above 50%");
  }

  @Test
  void throttlingIsSeenOnTheExpensiveCycles() {
    kiwi.state("web1").cpuThrottled = true;
    start();
    kiwi.state("web1").cpuThrottled = false;
    nextCycle();
    nextCycle();
    assertThat(console.titles()).containsExactly("[WARNING] A1 web1: CPU throttled");

    nextCycle(); // cycle 3: live info due again
    assertThat(console.titles()).last().isEqualTo("[RESOLVED] A1 web1: CPU throttled");
  }

  @Test
  void aServerThatStopsOnItsOwnIsDownUntilRunningAgain() {
    kiwi.state("web1").power = PowerState.STOPPED;
    start();
    assertThat(console.titles()).containsExactly("[CRITICAL] A1 web1 is down");

    kiwi.state("web1").power = PowerState.RUNNING;
    scheduler.advance(INTERVAL.multipliedBy(3));
    assertThat(console.titles()).last().isEqualTo("[RESOLVED] A1 web1 is down");
  }

  @Test
  void aDownServerThatIsOnlyStartingIsNotYetResolved() {
    kiwi.state("web1").power = PowerState.STOPPED;
    start();

    kiwi.state("web1").power = PowerState.STARTING;
    scheduler.advance(INTERVAL.multipliedBy(3));
    assertThat(console.titles()).containsExactly("[CRITICAL] A1 web1 is down");

    kiwi.state("web1").power = PowerState.STOPPED;
    scheduler.advance(INTERVAL.multipliedBy(3));
    assertThat(console.titles()).containsExactly("[CRITICAL] A1 web1 is down");

    kiwi.state("web1").power = PowerState.RUNNING;
    scheduler.advance(INTERVAL.multipliedBy(3));
    assertThat(console.titles())
        .containsExactly("[CRITICAL] A1 web1 is down", "[RESOLVED] A1 web1 is down");
  }

  @Test
  void aDownServerLaterStoppedThroughTheBotIsNotAnnouncedAsRunning() {
    kiwi.state("web1").power = PowerState.STOPPED;
    start();

    stops.stoppedThroughBot("web1", Identity.console("ada"));
    scheduler.advance(INTERVAL.multipliedBy(3));

    assertThat(console.titles()).containsExactly("[CRITICAL] A1 web1 is down");
  }

  @Test
  void aServerStoppedThroughTheBotIsNotDown() {
    stops.stoppedThroughBot("web1", Identity.console("ada"));
    kiwi.state("web1").power = PowerState.STOPPED;
    start();
    assertThat(console.titles()).isEmpty();

    kiwi.state("web1").power = PowerState.RUNNING;
    scheduler.advance(INTERVAL.multipliedBy(3));
    assertThat(stops.stopOf("web1")).isEmpty();
  }

  @Test
  void aSuspendedServerIsNotAlsoReportedDown() {
    kiwi.state("web1").suspended = true;
    kiwi.state("web1").power = PowerState.STOPPED;
    kiwi.answer(
        "web1",
        "getSuspensionDetails",
        new ApiResult.Ok<>(new SuspensionDetails(1, 0, 100, List.of())));

    start();

    assertThat(console.titles()).containsExactly("[CRITICAL] A1 web1 is suspended");
  }

  @Test
  void aRejectedKeyRaisesApiAuthAndKeepsOtherIncidentsOpen() {
    kiwi.state("web1").nullroute("192.0.2.1", "log");
    start();

    kiwi.fail("web1", new ApiResult.AuthFailure<>());
    nextCycle();
    nextCycle();
    kiwi.heal("web1");
    nextCycle();

    assertThat(console.titles())
        .containsExactly(
            "[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1",
            "[CRITICAL] A2 web1: API key rejected",
            "[RESOLVED] A2 web1: API key rejected");
  }

  @Test
  void rateLimitWarnsBelowTenPercentOfAWindow() {
    kiwi.answer("web1", "getRateLimitStatus", new ApiResult.Ok<>(new RateLimitStatus(99, 15000)));
    kiwi.answer("db1", "getRateLimitStatus", new ApiResult.Ok<>(new RateLimitStatus(100, 1999)));
    start();

    assertThat(console.titles())
        .containsExactlyInAnyOrder(
            "[WARNING] A1 web1: 15-minute API rate limit nearly used up",
            "[WARNING] A2 db1: 24-hour API rate limit nearly used up");
  }

  @Test
  void severityCanBeOverridden() {
    settings = settings.withSeverity(AlertKind.NULLROUTE, Severity.WARNING);
    kiwi.state("web1").nullroute("192.0.2.1", "log");
    start();
    assertThat(console.titles()).containsExactly("[WARNING] A1 web1: DDoS nullroute on 192.0.2.1");
  }

  @Test
  void eachCycleMakesOneCheapCallPerServerAndExpensiveOnesOnlyWhenDue() {
    kiwi.state("web1").policyViolation = true;
    kiwi.answer("web1", "getPolicyViolations", new ApiResult.Ok<>(violation(77)));
    kiwi.answer("web1", "getRateLimitStatus", new ApiResult.Ok<>(new RateLimitStatus(900, 19000)));
    kiwi.answer("db1", "getRateLimitStatus", new ApiResult.Ok<>(new RateLimitStatus(900, 19000)));
    start(); // cycle 0: expensive
    assertCalls(2, 2, 2, 1);

    nextCycle(); // cycle 1: a violation is open, the flag alone is enough
    nextCycle(); // cycle 2
    assertCalls(6, 2, 2, 1);

    nextCycle(); // cycle 3: expensive again
    assertCalls(8, 4, 4, 2);
    assertThat(kiwi.total("getSuspensionDetails")).isZero();
    assertThat(kiwi.count("db1", "getPolicyViolations")).isZero();
  }

  @Test
  void aNewlyFlaggedViolationIsFetchedAtOnceOnACheapCycle() {
    start();
    nextCycle(); // cycle 1 is cheap
    kiwi.state("web1").policyViolation = true;
    kiwi.answer("web1", "getPolicyViolations", new ApiResult.Ok<>(violation(77)));

    nextCycle(); // cycle 2 is cheap too

    assertThat(kiwi.count("web1", "getPolicyViolations")).isEqualTo(1);
    assertThat(console.titles()).containsExactly("[CRITICAL] A1 web1: policy violation #77 (spam)");
  }

  private void assertCalls(long info, long live, long rate, long violations) {
    assertThat(kiwi.total("getServiceInfo")).as("getServiceInfo").isEqualTo(info);
    assertThat(kiwi.total("getLiveServiceInfo")).as("getLiveServiceInfo").isEqualTo(live);
    assertThat(kiwi.total("getRateLimitStatus")).as("getRateLimitStatus").isEqualTo(rate);
    assertThat(kiwi.total("getPolicyViolations")).as("getPolicyViolations").isEqualTo(violations);
  }

  @Test
  void aThrowingServerDoesNotStopTheHealthyOnesAlertsInTheSameCycle() {
    kiwi.throwOn("web1", new IllegalStateException("bug in a lower layer"));
    kiwi.state("db1").nullroute("198.51.100.7", "log");

    Watcher watcher = start();

    assertThat(console.titles())
        .containsExactly("[CRITICAL] A1 db1: DDoS nullroute on 198.51.100.7");
    assertThat(watcher.status().pollFailures()).isPositive();
    assertThat(watcher.lastCycleAt()).contains(clock.instant());

    nextCycle();
    assertThat(watcher.status().cycles()).isEqualTo(2);
    assertThat(kiwi.count("web1", "getServiceInfo")).isEqualTo(2);
  }

  @Test
  void anUnreachableServerKeepsItsIncidentsOpenWithoutNewMessages() {
    kiwi.state("web1").nullroute("192.0.2.1", "log");
    Watcher watcher = start();

    kiwi.state("web1").nullroutes.clear();
    kiwi.fail("web1", new ApiResult.NetworkFailure<>(ApiResult.NetworkFailure.Kind.TIMEOUT, "t"));
    nextCycle();

    assertThat(console.titles()).hasSize(1);
    assertThat(watcher.openIncidents()).hasSize(1);
  }

  @Test
  void aFailedDeliveryIsRetriedWithBackoffAndNothingIsLostOrDuplicated() {
    console.failNext(3);
    kiwi.state("web1").nullroute("192.0.2.1", "log");
    start(); // attempt 1 fails
    scheduler.advance(Duration.ofSeconds(5)); // attempt 2 fails
    scheduler.advance(Duration.ofSeconds(10)); // attempt 3 fails
    assertThat(console.alerts()).isEmpty();

    scheduler.advance(Duration.ofSeconds(20)); // attempt 4, before the next cycle
    assertThat(console.titles()).containsExactly("[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1");

    kiwi.state("db1").nullroute("198.51.100.7", "log");
    nextCycle();
    assertThat(console.titles())
        .containsExactly(
            "[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1",
            "[CRITICAL] A2 db1: DDoS nullroute on 198.51.100.7");
    assertThat(console.attempts()).isEqualTo(5);
    assertThat(store.pending()).isEmpty();
  }

  @Test
  void messagesToOneDestinationKeepTheirOrderWhileItFails() {
    console.failNext(4); // attempts at 0, 5, 15 and 35 s fail; the next is due at 75 s
    kiwi.state("web1").nullroute("192.0.2.1", "log");
    start();
    kiwi.state("web1").nullroutes.clear();
    kiwi.state("db1").nullroute("198.51.100.7", "log");
    nextCycle(); // 60 s: two more messages queue behind the first
    assertThat(console.alerts()).isEmpty();

    scheduler.advance(Duration.ofSeconds(15));

    assertThat(console.titles())
        .containsExactly(
            "[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1",
            "[RESOLVED] A1 web1: DDoS nullroute on 192.0.2.1",
            "[CRITICAL] A2 db1: DDoS nullroute on 198.51.100.7");
  }

  @Test
  void aFailingDestinationDoesNotHoldBackTheOthers() {
    RecordingAlertSink discord = new RecordingAlertSink("discord");
    console.failNext(100);
    kiwi.state("web1").nullroute("192.0.2.1", "log");

    start(
        AlertRouter.everythingTo(Destination.console(), Destination.parse("discord:42")),
        List.of(console, discord));

    assertThat(discord.received())
        .extracting(RecordingAlertSink.Received::pair)
        .containsExactly(List.of("42", "A1 RAISED"));
    assertThat(store.pending()).hasSize(1);
  }

  @Test
  void criticalAlertsAreRepeatedUntilAcknowledged() {
    kiwi.state("web1").nullroute("192.0.2.1", "log");
    kiwi.state("web1").abusePoints = 60;
    Watcher watcher = start();

    scheduler.advance(Duration.ofMinutes(15));
    assertThat(console.titles())
        .containsExactly(
            "[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1",
            "[WARNING] A2 web1: abuse points above 50%",
            "[REMINDER] A1 web1: DDoS nullroute on 192.0.2.1");
    assertThat(console.alerts().get(2).body()).startsWith("Open for 15 min and not acknowledged.");

    watcher.acknowledge("a1", "console:ada");
    scheduler.advance(Duration.ofMinutes(60));
    assertThat(console.titles()).hasSize(3);
  }

  @Test
  void aReminderCarriesTheCurrentDeadlineCountdownNotTheOneAtRaise() {
    kiwi.state("web1").policyViolation = true;
    Instant deadline = clock.instant().plus(Duration.ofHours(3));
    kiwi.answer(
        "web1",
        "getPolicyViolations",
        new ApiResult.Ok<>(
            new PolicyViolations(
                10,
                100,
                List.of(
                    new PolicyViolations.Violation(
                        77, clock.instant(), deadline, "spam", true, 10, "mail queue")))));
    start();

    scheduler.advance(Duration.ofMinutes(15));

    // The violation list is read every 3rd cycle here; its latest reading was at 12 minutes.
    assertThat(console.titles()).last().asString().startsWith("[REMINDER] A1");
    assertThat(console.alerts().get(1).body())
        .contains("suspended in 2 h 48 min")
        .doesNotContain("3 h 0 min");
  }

  @Test
  void aSnoozedAlertIsNotRepeatedUntilTheSnoozeEnds() {
    kiwi.state("web1").nullroute("192.0.2.1", "log");
    Watcher watcher = start();

    watcher.snooze("A1", Duration.ofHours(1), "console:ada");
    scheduler.advance(Duration.ofMinutes(59));
    assertThat(console.titles()).hasSize(1);

    scheduler.advance(Duration.ofMinutes(2));
    assertThat(console.titles()).hasSize(2).last().asString().startsWith("[REMINDER] A1");
  }

  @Test
  void routesPickDestinationsByKindAndTag() {
    FleetKiwi tagged = kiwi.tag("web1", "prod");
    RecordingAlertSink discord = new RecordingAlertSink("discord");
    tagged.state("web1").nullroute("192.0.2.1", "log");
    tagged.state("db1").nullroute("198.51.100.7", "log");
    tagged.state("web1").abusePoints = 60;
    AlertRouter router =
        new AlertRouter(
            List.of(
                new Route(
                    java.util.Set.of(AlertKind.NULLROUTE),
                    java.util.Set.of(),
                    java.util.Set.of("prod"),
                    List.of(Destination.parse("discord:ops"))),
                Route.everything(Destination.console())));

    start(router, List.of(console, discord));

    assertThat(discord.titles()).containsExactly("[CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1");
    assertThat(console.titles()).hasSize(3);
  }

  @Test
  void theNextCycleComesAfterTheIntervalPlusAtMostTheJitter() {
    settings = settings.withJitter(Duration.ofSeconds(5));
    Watcher watcher = start();
    assertThat(watcher.status().cycles()).isEqualTo(1);

    scheduler.advance(INTERVAL.minusMillis(1));
    assertThat(watcher.status().cycles()).isEqualTo(1);
    scheduler.advance(Duration.ofSeconds(5).plusMillis(1));
    assertThat(watcher.status().cycles()).isEqualTo(2);
  }

  @Test
  void closingStopsTheCycles() {
    Watcher watcher = start();
    watcher.close();
    scheduler.advance(INTERVAL.multipliedBy(5));
    assertThat(watcher.status().cycles()).isEqualTo(1);
  }

  static PolicyViolations violation(long record) {
    return new PolicyViolations(
        10,
        100,
        List.of(
            new PolicyViolations.Violation(
                record,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"),
                "spam",
                true,
                10,
                "")));
  }
}

package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The book evaluates the rules of one server's observation without holding its lock: a rule that
 * takes long for one server does not hold up the other servers' polls, and a healthy server with
 * nothing open changes nothing.
 */
class IncidentBookConcurrencyTest {
  private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");
  private final FleetServer slow = new FleetServer("slow1", 1, Secret.of("k1"), Set.of());
  private final FleetServer fast = new FleetServer("fast1", 2, Secret.of("k2"), Set.of());
  private final InMemoryAlertStore store = new InMemoryAlertStore();
  private final CountDownLatch slowRuleEntered = new CountDownLatch(1);
  private final CountDownLatch releaseSlowRule = new CountDownLatch(1);

  /** Finds a nullroute on every server; for slow1 it first waits until released. */
  private final AlertRule blockingRule =
      new AlertRule() {
        @Override
        public AlertKind kind() {
          return AlertKind.NULLROUTE;
        }

        @Override
        public Optional<List<Finding>> evaluate(Observation o) {
          if (o.server().equals(slow)) {
            slowRuleEntered.countDown();
            try {
              releaseSlowRule.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          String name = o.server().name();
          return Optional.of(
              List.of(
                  new Finding(
                      new IncidentKey(AlertKind.NULLROUTE, name, "192.0.2.1"),
                      name + ": DDoS nullroute on 192.0.2.1",
                      "null-routed",
                      Optional.empty(),
                      List.of())));
        }
      };

  private IncidentBook book(List<AlertRule> rules) {
    return new IncidentBook(
        new Fleet(List.of(slow, fast)),
        WatcherSettings.defaults(),
        AlertRouter.everythingTo(Destination.console()),
        Set.of("console"),
        store,
        rules,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static Observation observation(FleetServer server) {
    return new Observation(
        server,
        NOW,
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        false);
  }

  @Test
  void aSlowRuleOnOneServerDoesNotHoldUpAnotherServersRaise() throws Exception {
    IncidentBook book = book(List.of(blockingRule));
    book.load();
    CompletableFuture<Void> slowPoll =
        CompletableFuture.runAsync(() -> book.reconcile(observation(slow)));
    assertThat(slowRuleEntered.await(10, TimeUnit.SECONDS)).isTrue();

    // slow1's rule is still running: fast1's finding is raised and stored meanwhile.
    book.reconcile(observation(fast));
    assertThat(book.openIncidents()).extracting(i -> i.key().server()).containsExactly("fast1");
    assertThat(store.openIncidents()).hasSize(1);

    releaseSlowRule.countDown();
    slowPoll.get(10, TimeUnit.SECONDS);
    assertThat(book.openIncidents())
        .extracting(i -> i.key().server())
        .containsExactlyInAnyOrder("fast1", "slow1");
    assertThat(book.raised()).isEqualTo(2);
  }
}

package dev.kiwiops.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteAndCountdownTest {
  private static final FleetServer WEB =
      new FleetServer("web1", 1, Secret.of("private_x"), Set.of("prod", "web"));
  private static final FleetServer DB = new FleetServer("db1", 2, Secret.of("private_y"), Set.of());

  @Test
  void aRouteMatchesNamedServersOrTaggedOnesAndItsKinds() {
    Route route =
        new Route(
            Set.of(AlertKind.NULLROUTE),
            Set.of("db1"),
            Set.of("prod"),
            List.of(Destination.parse("telegram:-100")));

    assertThat(route.matches(AlertKind.NULLROUTE, WEB)).isTrue();
    assertThat(route.matches(AlertKind.NULLROUTE, DB)).isTrue();
    assertThat(route.matches(AlertKind.DOWN, WEB)).isFalse();
  }

  @Test
  void theRouterJoinsMatchingRoutesInOrderWithoutRepeats() {
    AlertRouter router =
        new AlertRouter(
            List.of(
                new Route(
                    Set.of(),
                    Set.of(),
                    Set.of("prod"),
                    List.of(Destination.parse("discord:1"), Destination.console())),
                Route.everything(Destination.console())));

    assertThat(router.destinations(AlertKind.DOWN, WEB))
        .containsExactly(Destination.parse("discord:1"), Destination.console());
    assertThat(router.destinations(AlertKind.DOWN, DB)).containsExactly(Destination.console());
    assertThat(router.unknownSinks(Set.of("console")))
        .containsExactly(Destination.parse("discord:1"));
  }

  @Test
  void destinationsParseAndRejectNonsense() {
    assertThat(Destination.parse("telegram:-1001234567890"))
        .isEqualTo(new Destination("telegram", "-1001234567890"));
    assertThat(Destination.parse("console")).isEqualTo(Destination.console());
    assertThatThrownBy(() -> Destination.parse("discord:"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Destination.parse("Not A Sink"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void incidentKeysRoundTrip() {
    IncidentKey key = new IncidentKey(AlertKind.NULLROUTE, "web1", "2001:db8::1");
    assertThat(IncidentKey.parse(key.toString())).isEqualTo(key);
    assertThat(new IncidentKey(AlertKind.DOWN, "web1", "").toString()).isEqualTo("down/web1");
    assertThat(IncidentKey.parse("down/web1"))
        .isEqualTo(new IncidentKey(AlertKind.DOWN, "web1", ""));
  }

  @Test
  void deadlinesCountDownToTheMinute() {
    assertThat(PolicyViolationRule.countdown(Duration.ofHours(36).minusSeconds(20)))
        .isEqualTo("35 h 59 min");
    assertThat(PolicyViolationRule.countdown(Duration.ofDays(4).plusHours(5))).isEqualTo("4 d 5 h");
    assertThat(PolicyViolationRule.countdown(Duration.ofSeconds(299))).isEqualTo("4 min");
  }

  @Test
  void backoffDoublesUpToFiveMinutes() {
    assertThat(OutboxDelivery.backoff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(OutboxDelivery.backoff(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(OutboxDelivery.backoff(30)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void sinkErrorsLoseBotTokensBeforeTheyAreLoggedOrStored() {
    String text =
        OutboxDelivery.describe(
            new java.io.IOException(
                "POST https://api.telegram.org/bot123456:AAH-secret_token/sendMessage failed"));
    assertThat(text).doesNotContain("AAH-secret_token").contains("bot******");
  }
}

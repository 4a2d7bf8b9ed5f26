package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void eachCallCostsOnePoint() {
    f.kvm.post("getServiceInfo");
    f.kvm.post("getServiceInfo");

    assertThat(f.kvm.call("getRateLimitStatus"))
        .containsEntry("remaining_points_15min", 997L)
        .containsEntry("remaining_points_24h", 19997L);
  }

  @Test
  void fifteenMinuteWindowRefillsByTheClock() {
    f.kvm.post("getServiceInfo");
    f.clock.advance(Duration.ofMinutes(16));

    assertThat(f.kvm.call("getRateLimitStatus"))
        .containsEntry("remaining_points_15min", 999L)
        .containsEntry("remaining_points_24h", 19998L);
  }

  @Test
  void injectedPointsShowInTheStatus() {
    f.kvmServer().setRateLimitPoints(50, 1500);

    assertThat(f.kvm.call("getRateLimitStatus"))
        .containsEntry("remaining_points_15min", 49L)
        .containsEntry("remaining_points_24h", 1499L);
  }

  @Test
  void exhaustedPointsAnswerTheRateLimitEnvelope() {
    f.kvmServer().setRateLimitPoints(0, 1500);

    assertThat(f.kvm.post("getServiceInfo").error()).isEqualTo(700006);
  }

  @Test
  void exhaustedPointsCanAnswerHttp429() {
    f.sim.exhaustedRateLimitShape(RateLimitShape.HTTP_429);
    f.kvmServer().setRateLimitPoints(0, 1500);

    assertThat(f.kvm.post("getServiceInfo").status()).isEqualTo(429);
  }

  @Test
  void pointsAreCountedPerServer() {
    f.kvm.post("getServiceInfo");

    assertThat(f.ovz.call("getRateLimitStatus")).containsEntry("remaining_points_15min", 999L);
  }
}

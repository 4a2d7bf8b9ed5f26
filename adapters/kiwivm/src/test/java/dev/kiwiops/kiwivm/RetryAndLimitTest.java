package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ApiResult.NetworkFailure;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads are retried with backoff; writes are sent exactly once; keys have an in-flight cap. */
class RetryAndLimitTest {
  static final FleetServer WEB = TestServers.WEB;

  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private KiwiVmSimulator sim;
  private KiwiVmClient client;

  @BeforeEach
  void start() {
    sim = KiwiVmSimulator.start(0);
    sim.addServer(ServerSpec.kvm(WEB.veid(), WEB.apiKey().reveal(), "web.example.net"));
    client =
        KiwiVmClient.builder(sim.apiBase())
            .timeout(Duration.ofMillis(400))
            .readAttempts(3)
            .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(150))
            .sleeper(pauses::add)
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void readIsRetriedAfter5xxUntilItSucceeds() {
    sim.faults().times(2).httpStatus(503);

    ApiResult<?> result = client.getServiceInfo(WEB);

    assertThat(result).isInstanceOf(ApiResult.Ok.class);
    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(3);
  }

  @Test
  void retryBackoffDoublesUpToItsBound() {
    sim.faults().connectionReset();

    client.getServiceInfo(WEB);

    assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
  }

  @Test
  void readGivesUpAfterItsAttempts() {
    sim.faults().connectionReset();

    ApiResult<?> result = client.getServiceInfo(WEB);

    assertThat(result).isInstanceOf(NetworkFailure.class);
    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(3);
  }

  @Test
  void apiErrorIsNotRetried() {
    client.getUsageGraphs(WEB);

    assertThat(sim.calls(WEB.veid(), "getUsageGraphs")).hasSize(1);
  }

  @Test
  void writeIsSentOnceWhenTheConnectionResets() {
    sim.faults().forCall("restart").connectionReset();

    ApiResult<?> result = client.restart(WEB);

    // Sent, then the connection broke: KiwiVM may have restarted it (issue 10.8).
    assertThat(result).isInstanceOf(ApiResult.Unknown.class);
    assertThat(((ApiResult.Unknown<?>) result).kind())
        .isEqualTo(ApiResult.Unknown.Kind.CONNECTION_LOST);
    assertThat(sim.calls(WEB.veid(), "restart")).hasSize(1);
  }

  @Test
  void writeIsSentOnceWhenItTimesOut() {
    sim.faults().forCall("restart").latency(Duration.ofSeconds(1));

    ApiResult<?> result = client.restart(WEB);

    assertThat(result).isInstanceOf(ApiResult.Unknown.class);
    assertThat(((ApiResult.Unknown<?>) result).kind()).isEqualTo(ApiResult.Unknown.Kind.TIMEOUT);
    assertThat(sim.calls(WEB.veid(), "restart")).hasSize(1);
  }

  @Test
  void writeIsSentOnceOn5xx() {
    sim.faults().forCall("restart").httpStatus(502);

    client.restart(WEB);

    assertThat(sim.calls(WEB.veid(), "restart")).hasSize(1);
  }

  @Test
  void saturatedKeyAnswersRateLimitedWithoutSending() throws Exception {
    sim.faults().forCall("getLiveServiceInfo").latency(Duration.ofMillis(1500));
    try (KiwiVmClient oneAtATime =
        KiwiVmClient.builder(sim.apiBase())
            .maxInFlightPerKey(1)
            .timeout(Duration.ofMillis(300))
            .liveInfoTimeout(Duration.ofSeconds(5))
            .build()) {
      CompletableFuture<ApiResult<?>> slow =
          CompletableFuture.supplyAsync(() -> oneAtATime.getLiveServiceInfo(WEB));
      while (sim.calls(WEB.veid(), "getLiveServiceInfo").isEmpty()) {
        Thread.onSpinWait();
      }

      ApiResult<?> waiting = oneAtATime.stop(WEB);

      assertThat(waiting).isInstanceOf(ApiResult.RateLimited.class);
      assertThat(sim.calls(WEB.veid(), "stop")).isEmpty();
      assertThat(slow.get()).isInstanceOf(ApiResult.Ok.class);
    }
  }

  @Test
  void liveInfoGetsTheLongerTimeout() {
    sim.faults().forCall("getLiveServiceInfo").latency(Duration.ofMillis(800));
    try (KiwiVmClient patient =
        KiwiVmClient.builder(sim.apiBase())
            .timeout(Duration.ofMillis(300))
            .liveInfoTimeout(Duration.ofSeconds(5))
            .build()) {
      assertThat(patient.getLiveServiceInfo(WEB)).isInstanceOf(ApiResult.Ok.class);
    }
  }
}

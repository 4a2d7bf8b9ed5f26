package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ApiResult.NetworkFailure;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ManualClock;
import dev.kiwiops.simulator.RateLimitShape;
import dev.kiwiops.simulator.ServerSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of {@link ApiResult}, produced by the simulator (or a canned server) over HTTP. */
class SimulatorOutcomesTest {
  static final FleetServer WEB = TestServers.WEB;

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private KiwiVmSimulator sim;
  private KiwiVmClient client;

  @BeforeEach
  void start() {
    sim = KiwiVmSimulator.start(0, clock);
    sim.addServer(ServerSpec.kvm(WEB.veid(), WEB.apiKey().reveal(), "web.example.net"));
    client = clientOf(sim.apiBase());
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private static KiwiVmClient clientOf(URI apiBase) {
    return KiwiVmClient.builder(apiBase)
        .timeout(Duration.ofMillis(400))
        .readAttempts(1)
        .infoTtl(Duration.ZERO)
        .build();
  }

  @Test
  void successIsOk() {
    assertThat(client.getServiceInfo(WEB)).isInstanceOf(ApiResult.Ok.class);
  }

  @Test
  void rejectedParameterIsApiErrorWithCodeAndMessage() {
    ApiResult<?> result = client.setHostname(WEB, "not a hostname!");

    assertThat(result).isInstanceOf(ApiResult.ApiError.class);
    ApiResult.ApiError<?> error = (ApiResult.ApiError<?>) result;
    assertThat(error.code()).isEqualTo(700003);
    assertThat(error.message()).contains("not a hostname!");
  }

  @Test
  void lockedAnswerBecomesProgress() {
    sim.lockDuration(Duration.ofSeconds(100));
    client.reinstallOs(WEB, "debian-12-x86_64");
    clock.advance(Duration.ofSeconds(40));

    ApiResult<?> result = client.getServiceInfo(WEB);

    assertThat(result)
        .isEqualTo(
            new ApiResult.Locked<>(
                "OS Reinstall: debian-12-x86_64", 40, "Deploying OS template", 15));
  }

  @Test
  void lockedShellExecIsLockedNotAnExitStatus() {
    sim.lockDuration(Duration.ofSeconds(100));
    client.reinstallOs(WEB, "debian-12-x86_64");

    assertThat(client.shellExec(WEB, "uptime")).isInstanceOf(ApiResult.Locked.class);
  }

  @Test
  void wrongKeyIsAuthFailure() {
    FleetServer wrongKey =
        new FleetServer("web", WEB.veid(), Secret.of("private_WrongWrongWrongWrong0000"), Set.of());

    assertThat(client.getServiceInfo(wrongKey)).isEqualTo(new ApiResult.AuthFailure<>());
  }

  @Test
  void authFailureOnShellExecIsAFailureNotAnExitStatus() {
    sim.faults().authFailure();

    assertThat(client.shellExec(WEB, "uptime")).isEqualTo(new ApiResult.AuthFailure<>());
  }

  @Test
  void http429IsRateLimited() {
    sim.faults().rateLimited(RateLimitShape.HTTP_429);

    assertThat(client.getServiceInfo(WEB)).isInstanceOf(ApiResult.RateLimited.class);
  }

  @Test
  void rateLimitErrorEnvelopeIsRateLimited() {
    sim.faults().rateLimited(RateLimitShape.ERROR_ENVELOPE);

    assertThat(client.getServiceInfo(WEB)).isInstanceOf(ApiResult.RateLimited.class);
  }

  @Test
  void exhaustedPointsAreRateLimited() {
    sim.server(WEB.veid()).setRateLimitPoints(0, 100);

    assertThat(client.getServiceInfo(WEB)).isInstanceOf(ApiResult.RateLimited.class);
  }

  /** A dropped connection cannot be told from any other reset: it is a network failure. */
  @Test
  void rateLimitByDroppedConnectionIsNetworkReset() {
    sim.faults().rateLimited(RateLimitShape.DROP_CONNECTION);

    assertThat(kindOf(client.getServiceInfo(WEB))).isEqualTo(NetworkFailure.Kind.RESET);
  }

  @Test
  void slowAnswerIsNetworkTimeout() {
    sim.faults().latency(Duration.ofSeconds(2));

    assertThat(kindOf(client.getServiceInfo(WEB))).isEqualTo(NetworkFailure.Kind.TIMEOUT);
  }

  @Test
  void connectionResetIsNetworkReset() {
    sim.faults().connectionReset();

    assertThat(kindOf(client.getServiceInfo(WEB))).isEqualTo(NetworkFailure.Kind.RESET);
  }

  @Test
  void closedPortIsNetworkRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (KiwiVmClient nowhere = clientOf(URI.create("http://127.0.0.1:" + port + "/v1/"))) {
      assertThat(kindOf(nowhere.getServiceInfo(WEB))).isEqualTo(NetworkFailure.Kind.REFUSED);
    }
  }

  @Test
  void http5xxIsServerError() {
    sim.faults().httpStatus(502);

    assertThat(client.getServiceInfo(WEB))
        .isInstanceOf(ApiResult.ServerError.class)
        .extracting(ApiResult::describeFailure)
        .isEqualTo("KiwiVM failed (HTTP 502).");
  }

  @Test
  void htmlPageIsBadResponse() {
    sim.faults().htmlBody();

    assertThat(client.getServiceInfo(WEB)).isInstanceOf(ApiResult.BadResponse.class);
  }

  @Test
  void malformedJsonIsBadResponse() {
    sim.faults().malformedJson();

    assertThat(client.getServiceInfo(WEB)).isInstanceOf(ApiResult.BadResponse.class);
  }

  @Test
  void topLevelArrayIsBadResponse() throws IOException {
    try (CannedApi api = CannedApi.start().answer("[1, 2, 3]");
        KiwiVmClient canned = clientOf(api.apiBase())) {
      assertThat(canned.getServiceInfo(WEB)).isInstanceOf(ApiResult.BadResponse.class);
    }
  }

  @Test
  void fieldOfWrongTypeIsBadResponse() throws IOException {
    try (CannedApi api = CannedApi.start().answer("{\"error\":0,\"snapshots\":\"none\"}");
        KiwiVmClient canned = clientOf(api.apiBase())) {
      assertThat(canned.listSnapshots(WEB)).isInstanceOf(ApiResult.BadResponse.class);
    }
  }

  @Test
  void answerWithoutErrorCodeIsBadResponse() throws IOException {
    try (CannedApi api = CannedApi.start().answer("{\"hostname\":\"x\"}");
        KiwiVmClient canned = clientOf(api.apiBase())) {
      assertThat(canned.getServiceInfo(WEB)).isInstanceOf(ApiResult.BadResponse.class);
    }
  }

  private static NetworkFailure.Kind kindOf(ApiResult<?> result) {
    assertThat(result).isInstanceOf(NetworkFailure.class);
    return ((NetworkFailure<?>) result).kind();
  }
}

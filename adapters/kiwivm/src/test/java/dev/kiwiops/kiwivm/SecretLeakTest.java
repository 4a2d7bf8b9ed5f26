package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.RateLimitShape;
import dev.kiwiops.simulator.RecordedCall;
import dev.kiwiops.simulator.ServerSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The API key goes only into request bodies: never a URL, a result's text or a log line. */
class SecretLeakTest {
  static final FleetServer WEB = TestServers.WEB;
  static final String KEY = WEB.apiKey().reveal();

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.kiwiops");
  private KiwiVmSimulator sim;
  private KiwiVmClient client;

  @BeforeEach
  void start() {
    logged.start();
    logger.addAppender(logged);
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    sim = KiwiVmSimulator.start(0);
    sim.addServer(ServerSpec.kvm(WEB.veid(), KEY, "web.example.net"));
    client =
        KiwiVmClient.builder(sim.apiBase())
            .timeout(Duration.ofMillis(300))
            .readAttempts(2)
            .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(1))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
    logger.detachAppender(logged);
    logger.setLevel(null);
    logger.setAdditive(true);
  }

  @Test
  void keyIsNeverInARequestUrl() {
    client.getServiceInfo(WEB);
    client.listSnapshots(WEB);
    client.stop(WEB);
    client.shellExec(WEB, "uptime");

    assertThat(sim.calls()).isNotEmpty().extracting(RecordedCall::query).containsOnly("");
  }

  @Test
  void keyIsInNoResultTextOfAnyOutcome() {
    List<ApiResult<?>> results = everyKindOfFailure();

    assertThat(results).hasSizeGreaterThanOrEqualTo(8);
    for (ApiResult<?> result : results) {
      assertThat(result.toString()).doesNotContain(KEY);
      assertThat(result.describeFailure()).doesNotContain(KEY);
    }
  }

  @Test
  void keyEchoedInAnErrorMessageIsMasked() throws IOException {
    try (CannedApi api =
            CannedApi.start()
                .answer("{\"error\":700003,\"message\":\"Invalid api_key " + KEY + "\"}");
        KiwiVmClient canned = KiwiVmClient.builder(api.apiBase()).build()) {
      ApiResult<?> result = canned.setHostname(WEB, "x.example.net");

      assertThat(result).isEqualTo(new ApiResult.ApiError<>(700003, "Invalid api_key ******"));
    }
  }

  @Test
  void clonePasswordEchoedInAnErrorMessageIsMasked() throws IOException {
    try (CannedApi api =
            CannedApi.start()
                .answer("{\"error\":700003,\"message\":\"ssh login with s3cr3t-Pa55 refused\"}");
        KiwiVmClient canned = KiwiVmClient.builder(api.apiBase()).build()) {
      ApiResult<?> result =
          canned.cloneFromExternalServer(WEB, "198.51.100.20", 22, Secret.of("s3cr3t-Pa55"));

      assertThat(result)
          .isEqualTo(new ApiResult.ApiError<>(700003, "ssh login with ****** refused"));
    }
  }

  @Test
  void importTokenEchoedInALockedAnswerIsMasked() throws IOException {
    try (CannedApi api =
            CannedApi.start()
                .answer(
                    "{\"error\":788888,\"message\":\"locked\",\"additionalErrorInfo\":"
                        + "\"Import tok-123456\",\"additionalLockingInfo\":{}}");
        KiwiVmClient canned = KiwiVmClient.builder(api.apiBase()).build()) {
      ApiResult<?> result = canned.importSnapshot(WEB, 1002, Secret.of("tok-123456"));

      assertThat(result).isInstanceOf(ApiResult.Locked.class);
      assertThat(((ApiResult.Locked<?>) result).operation()).isEqualTo("Import ******");
    }
  }

  @Test
  void keyIsInNoLogLine() {
    everyKindOfFailure();
    client.getServiceInfo(WEB);

    assertThat(logged.list).isNotEmpty();
    for (ILoggingEvent event : logged.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(KEY);
      if (event.getThrowableProxy() != null) {
        assertThat(event.getThrowableProxy().getMessage()).doesNotContain(KEY);
      }
    }
  }

  @Test
  void fleetServerAndSecretsPrintMasked() {
    assertThat(WEB.toString()).doesNotContain(KEY);
    assertThat(WEB.apiKey().toString()).doesNotContain(KEY);
  }

  private List<ApiResult<?>> everyKindOfFailure() {
    List<ApiResult<?>> results = new ArrayList<>();
    results.add(client.setHostname(WEB, "not a hostname!"));
    sim.faults().times(2).httpStatus(502);
    results.add(client.getAuditLog(WEB));
    sim.faults().times(1).htmlBody();
    results.add(client.getAvailableOs(WEB));
    sim.faults().times(1).malformedJson();
    results.add(client.getSshKeys(WEB));
    sim.faults().times(2).connectionReset();
    results.add(client.getRawUsageStats(WEB));
    sim.faults().times(1).rateLimited(RateLimitShape.HTTP_429);
    results.add(client.migrateLocations(WEB));
    sim.faults().times(1).rateLimited(RateLimitShape.ERROR_ENVELOPE);
    results.add(client.listBackups(WEB));
    sim.faults().times(1).authFailure();
    results.add(client.getPolicyViolations(WEB));
    sim.faults().times(1).latency(Duration.ofSeconds(1));
    results.add(client.restart(WEB));
    sim.faults().clear();
    return results;
  }
}

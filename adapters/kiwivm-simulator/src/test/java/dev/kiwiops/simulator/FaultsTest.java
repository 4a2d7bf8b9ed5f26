package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.simulator.ApiClient.Answer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void httpStatusFaultAnswersThatStatusWithAnHtmlPage() {
    f.sim.faults().httpStatus(502);

    Answer answer = f.kvm.post("getServiceInfo");
    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.contentType()).startsWith("text/html");
    assertThat(answer.body()).contains("502 Bad Gateway");
  }

  @Test
  void htmlBodyFaultAnswers200WithHtml() {
    f.sim.faults().htmlBody();

    Answer answer = f.kvm.post("getServiceInfo");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).startsWith("<html>");
  }

  @Test
  void malformedJsonFaultAnswersTruncatedJson() {
    f.sim.faults().malformedJson();

    String body = f.kvm.post("getServiceInfo").body();
    assertThat(body).startsWith("{");
    assertThatThrownBy(() -> Json.parse(body)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void connectionResetFaultGivesTheClientAnIoException() {
    f.sim.faults().connectionReset();

    assertThatThrownBy(() -> f.kvm.raw(f.kvm.postRequest("getServiceInfo").build()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void authFailureFaultAnswers700005ForTheRightKey() {
    f.sim.faults().authFailure();

    assertThat(f.kvm.post("getServiceInfo").error()).isEqualTo(700005);
  }

  @Test
  void rateLimitedAsHttp429() {
    f.sim.faults().rateLimited(RateLimitShape.HTTP_429);

    assertThat(f.kvm.post("getServiceInfo").status()).isEqualTo(429);
  }

  @Test
  void rateLimitedAsErrorEnvelopeSpeaksOfRateLimits() {
    f.sim.faults().rateLimited(RateLimitShape.ERROR_ENVELOPE);

    var answer = f.kvm.call("getServiceInfo");
    assertThat(answer.get("error")).isNotEqualTo(0L);
    assertThat((String) answer.get("message")).containsIgnoringCase("rate limit");
  }

  @Test
  void rateLimitedAsDroppedConnection() {
    f.sim.faults().rateLimited(RateLimitShape.DROP_CONNECTION);

    assertThatThrownBy(() -> f.kvm.raw(f.kvm.postRequest("getServiceInfo").build()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void latencyDelaysTheAnswer() {
    f.sim.faults().latency(Duration.ofMillis(300));

    long started = System.nanoTime();
    Answer answer = f.kvm.post("getServiceInfo");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(answer.error()).isZero();
  }

  @Test
  void countedFaultAppliesToTheNextRequestsOnly() {
    f.sim.faults().times(2).httpStatus(503);

    assertThat(f.kvm.post("getServiceInfo").status()).isEqualTo(503);
    assertThat(f.kvm.post("getServiceInfo").status()).isEqualTo(503);
    assertThat(f.kvm.post("getServiceInfo").status()).isEqualTo(200);
  }

  @Test
  void serverScopedFaultSparesOtherServers() {
    f.sim.faults().forServer(SimulatorFixture.KVM).httpStatus(500);

    assertThat(f.ovz.post("getServiceInfo").status()).isEqualTo(200);
    assertThat(f.kvm.post("getServiceInfo").status()).isEqualTo(500);
  }

  @Test
  void callScopedFaultSparesOtherCalls() {
    f.sim.faults().forCall("kill").httpStatus(500);

    assertThat(f.kvm.post("getServiceInfo").status()).isEqualTo(200);
    assertThat(f.kvm.post("kill").status()).isEqualTo(500);
  }

  @Test
  void faultedRequestsDoNotChangeState() {
    f.sim.faults().forCall("stop").httpStatus(502);
    f.kvm.post("stop");

    assertThat(f.kvmServer().powerState()).isEqualTo(SimulatedServer.PowerState.RUNNING);
  }

  @Test
  void aFaultAfterTheActionChangesStateAndLosesTheAnswer() {
    f.sim.faults().forCall("kill").afterAction().times(1).connectionReset();

    assertThatThrownBy(() -> f.kvm.raw(f.kvm.postRequest("kill").build()))
        .isInstanceOf(IOException.class);
    assertThat(f.kvmServer().powerState()).isEqualTo(SimulatedServer.PowerState.STOPPED);
    assertThat(f.sim.faults().describe()).isEmpty();
  }

  @Test
  void aGarbledAnswerAfterTheActionStillChangesState() {
    f.sim.faults().forCall("stop").afterAction().malformedJson();

    Answer answer = f.kvm.post("stop");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).doesNotContain("\"error\"");
    assertThat(f.kvmServer().powerState()).isEqualTo(SimulatedServer.PowerState.STOPPED);
  }

  @Test
  void anHttpStatusAfterTheActionIsDescribedSo() {
    f.sim.faults().forCall("kill").afterAction().httpStatus(500);

    assertThat(f.kvm.post("kill").status()).isEqualTo(500);
    assertThat(f.kvmServer().powerState()).isEqualTo(SimulatedServer.PowerState.STOPPED);
    assertThat(f.sim.faults().describe()).singleElement().asString().contains("after the call");
  }

  @Test
  void clearRemovesEveryFault() {
    f.sim.faults().httpStatus(500);
    f.sim.faults().clear();

    assertThat(f.kvm.post("getServiceInfo").status()).isEqualTo(200);
  }

  @Test
  void faultedRequestsAreStillRecorded() {
    f.sim.faults().httpStatus(500);
    f.kvm.post("start");

    assertThat(f.sim.calls(SimulatorFixture.KVM, "start")).hasSize(1);
  }
}

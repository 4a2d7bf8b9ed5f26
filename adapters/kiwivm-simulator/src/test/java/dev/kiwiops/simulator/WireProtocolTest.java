package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.simulator.ApiClient.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WireProtocolTest {
  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void apiBaseIsLoopbackWithTrailingSlash() {
    assertThat(f.sim.apiBase().toString()).isEqualTo("http://127.0.0.1:" + f.sim.port() + "/v1/");
  }

  @Test
  void wrongKeyAnswersAuthenticationFailureWithHttp200() {
    Answer answer =
        new ApiClient(f.sim.apiBase(), SimulatorFixture.KVM, "private_wrongwrongwrongwrong1234")
            .post("getServiceInfo");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body())
        .isEqualTo("{\"error\":700005,\"message\":\"Authentication failure\"}");
  }

  @Test
  void unknownVeidAnswersTheSameAuthenticationFailure() {
    Answer answer =
        new ApiClient(f.sim.apiBase(), 4242, SimulatorFixture.KVM_KEY).post("getServiceInfo");

    assertThat(answer.error()).isEqualTo(700005);
  }

  @Test
  void answersAreTextPlainUtf8() {
    assertThat(f.kvm.post("getServiceInfo").contentType()).isEqualTo("text/plain; charset=UTF-8");
  }

  @Test
  void getQueryParametersAreAccepted() {
    assertThat(f.kvm.get("getAvailableOS").json()).containsEntry("error", 0L);
  }

  @Test
  void multipartFormParametersAreAccepted() {
    Answer answer = f.kvm.multipart("setHostname", "newHostname", "multi.example.net");

    assertThat(answer.error()).isZero();
    assertThat(f.kvmServer().hostname()).isEqualTo("multi.example.net");
  }

  @Test
  void urlencodedFormParametersAreAccepted() {
    f.kvm.post("setHostname", "newHostname", "form.example.net");

    assertThat(f.kvmServer().hostname()).isEqualTo("form.example.net");
  }

  @Test
  void slashCallsArePathSegments() {
    assertThat(f.kvm.call("snapshot/list")).containsEntry("error", 0L).containsKey("snapshots");
  }

  @Test
  void unknownCallAnswersAnErrorEnvelope() {
    var answer = f.kvm.call("makeCoffee");

    assertThat(answer.get("error")).isEqualTo(700002L);
    assertThat((String) answer.get("message")).contains("makeCoffee");
  }

  @Test
  void missingRequiredParameterAnswers700001NamingIt() {
    var answer = f.kvm.call("setHostname");

    assertThat(answer).containsEntry("error", 700001L);
    assertThat((String) answer.get("message")).contains("newHostname");
  }

  @Test
  void everyRequestIsRecordedInOrder() {
    f.kvm.post("getServiceInfo");
    f.kvm.post("kill");

    assertThat(f.sim.calls())
        .extracting(RecordedCall::call)
        .containsExactly("getServiceInfo", "kill");
  }

  @Test
  void recordedPostHasFormParamsAndEmptyQuery() {
    f.kvm.post("setHostname", "newHostname", "x.example.net");

    RecordedCall call = f.sim.calls(SimulatorFixture.KVM, "setHostname").get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.query()).isEmpty();
    assertThat(call.params()).containsEntry("newHostname", "x.example.net");
  }

  @Test
  void recordedGetKeepsTheRawQuery() {
    f.kvm.get("getServiceInfo");

    assertThat(f.sim.calls().get(0).query()).contains("api_key=");
  }

  @Test
  void callsFilterByVeidAndCall() {
    f.kvm.post("start");
    f.ovz.post("start");
    f.kvm.post("stop");

    assertThat(f.sim.calls(SimulatorFixture.OVZ, "start")).hasSize(1);
  }

  @Test
  void clearCallsForgetsRecordedCalls() {
    f.kvm.post("start");
    f.sim.clearCalls();

    assertThat(f.sim.calls()).isEmpty();
  }

  @Test
  void errorsNeverEchoTheApiKey() {
    List<Answer> answers =
        List.of(
            f.kvm.post("makeCoffee"),
            f.kvm.post("setPTR", "ip", "203.0.113.99", "ptr", "x.example"),
            new ApiClient(f.sim.apiBase(), SimulatorFixture.KVM, "private_wrongwrongwrongwrong1234")
                .post("start"));

    assertThat(answers).allSatisfy(a -> assertThat(a.body()).doesNotContain("private_"));
  }

  @Test
  void adminCallsListingRedactsApiKeys() throws Exception {
    f.kvm.post("getServiceInfo");

    HttpResponse<String> admin =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + f.sim.port() + "/admin/calls"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(admin.body())
        .contains("\"api_key\":\"***\"")
        .doesNotContain(SimulatorFixture.KVM_KEY);
  }

  @Test
  void simulatorKnowsEveryCallOfTheReference() {
    var names = new ApiCalls(null).names();

    assertThat(names)
        .hasSize(43)
        .contains(
            "getLiveServiceInfo",
            "basicShell/exec",
            "snapshot/toggleSticky",
            "backup/copyToSnapshot",
            "cloneFromExternalServer",
            "privateIp/getAvailableIps");
  }
}

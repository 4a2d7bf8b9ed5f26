package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminEndpointTest {
  private final SimulatorFixture f = new SimulatorFixture();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    f.close();
  }

  private HttpResponse<String> admin(String method, String pathAndQuery)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + f.sim.port() + pathAndQuery);
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serversListsEveryServerWithoutKeys() throws Exception {
    var response = admin("GET", "/admin/servers");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"veid\":1001", "\"veid\":1003")
        .doesNotContain(SimulatorFixture.KVM_KEY, SimulatorFixture.OVZ_KEY);
  }

  @Test
  void nullrouteEventShowsThroughTheApi() throws Exception {
    admin("POST", "/admin/servers/1001/nullroute?ip=192.0.2.2");

    assertThat(f.kvm.call("getServiceInfo").get("ip_nullroutes").toString()).contains("192.0.2.2");
  }

  @Test
  void policyViolationEventAnswersItsRecordId() throws Exception {
    var response = admin("POST", "/admin/servers/1001/policy-violation?flag=spam&points=40");

    long id = f.kvmServer().policyViolations().get(0).recordId();
    assertThat(response.body()).isEqualTo("{\"record_id\":" + id + "}");
  }

  @Test
  void throttleEventSetsCpuThrottling() throws Exception {
    admin("POST", "/admin/servers/1001/throttle?cpu=1");

    assertThat(f.kvm.call("getLiveServiceInfo")).containsEntry("is_cpu_throttled", 1L);
  }

  @Test
  void faultsCanBeAddedAndCleared() throws Exception {
    admin("POST", "/admin/faults?veid=1001&call=kill&kind=http503&count=1");
    assertThat(f.kvm.post("kill").status()).isEqualTo(503);

    admin("POST", "/admin/faults?kind=http500");
    admin("DELETE", "/admin/faults");
    assertThat(f.kvm.post("kill").status()).isEqualTo(200);
  }

  @Test
  void unknownServerIs404() throws Exception {
    assertThat(admin("POST", "/admin/servers/9/stop").statusCode()).isEqualTo(404);
  }
}

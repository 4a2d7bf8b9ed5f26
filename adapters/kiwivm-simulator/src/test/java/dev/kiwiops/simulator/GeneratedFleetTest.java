package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeneratedFleetTest {
  private final KiwiVmSimulator sim = KiwiVmSimulator.start(0);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    sim.close();
  }

  private ApiClient client(int index) {
    return new ApiClient(sim.apiBase(), GeneratedFleet.veid(index), GeneratedFleet.apiKey(index));
  }

  private HttpResponse<String> admin(String method, String pathAndQuery) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + sim.port() + pathAndQuery);
    return http.send(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void namesVeidsAndKeysAreDeterministic() {
    assertThat(GeneratedFleet.name(1)).isEqualTo("gen0001");
    assertThat(GeneratedFleet.name(12345)).isEqualTo("gen12345");
    assertThat(GeneratedFleet.veid(1)).isEqualTo(200_001);
    assertThat(GeneratedFleet.apiKey(7)).isEqualTo("private_gen000000000000000000007");
    assertThat(GeneratedFleet.spec(1000).ipv4Addresses()).containsExactly("198.18.4.1");
    assertThatThrownBy(() -> GeneratedFleet.name(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generatedServersAnswerOverHttpWithTheirOwnKeysAndAddresses() {
    GeneratedFleet.add(sim, 300, 0, Duration.ZERO, 0);

    assertThat(sim.servers()).hasSize(300);
    Set<Object> addresses = new HashSet<>();
    for (int i : List.of(1, 150, 300)) {
      var info = client(i).call("getServiceInfo");
      assertThat(info).containsEntry("hostname", GeneratedFleet.name(i) + ".fleet.example.net");
      addresses.add(info.get("ip_addresses").toString());
    }
    assertThat(addresses).hasSize(3);
    var wrongKey = new ApiClient(sim.apiBase(), GeneratedFleet.veid(2), GeneratedFleet.apiKey(1));
    assertThat(wrongKey.post("getServiceInfo").json()).containsEntry("error", 700005L);
  }

  @Test
  void slowAndFailingServersAreSpreadDisjointAndFaulted() {
    GeneratedFleet.Added added =
        GeneratedFleet.add(sim, 1000, 0.005, Duration.ofMillis(700), 0.005);

    assertThat(added.slow()).hasSize(5);
    assertThat(added.failing()).hasSize(5);
    assertThat(added.slow()).doesNotContainAnyElementsOf(added.failing());
    assertThat(added.slow()).allMatch(i -> i >= 1 && i <= 1000);
    // Spread over the fleet, not bunched at one end.
    assertThat(added.slow().get(0)).isLessThan(200);
    assertThat(added.failing().get(4)).isGreaterThan(800);

    int failing = added.failing().get(0);
    assertThat(client(failing).post("getServiceInfo").status()).isEqualTo(502);
    int healthy = failing + 1;
    assertThat(client(healthy).post("getServiceInfo").status()).isEqualTo(200);
    assertThat(sim.faults().describe())
        .contains(
            "latency 700ms for veid "
                + GeneratedFleet.veid(added.slow().get(0))
                + ", any call,"
                + " until cleared")
        .hasSize(10);
  }

  @Test
  void aSecondFleetContinuesTheNumbering() {
    GeneratedFleet.add(sim, 3, 0, Duration.ZERO, 0);
    GeneratedFleet.Added second = GeneratedFleet.add(sim, 2, 0, Duration.ZERO, 0);

    assertThat(second.first()).isEqualTo(4);
    assertThat(second.last()).isEqualTo(5);
    assertThat(sim.servers()).hasSize(5);
  }

  @Test
  void badArgumentsAddNothing() {
    assertThatThrownBy(() -> GeneratedFleet.add(sim, 0, 0, Duration.ZERO, 0))
        .hasMessageContaining("count");
    assertThatThrownBy(() -> GeneratedFleet.add(sim, 10, 0.7, Duration.ZERO, 0.7))
        .hasMessageContaining("at most 1");
    assertThatThrownBy(() -> GeneratedFleet.add(sim, 10, 1.5, Duration.ZERO, 0))
        .hasMessageContaining("fraction");
    assertThatThrownBy(() -> GeneratedFleet.add(sim, 10, Double.NaN, Duration.ZERO, 0))
        .hasMessageContaining("fraction");
    assertThat(sim.servers()).isEmpty();
    assertThat(sim.faults().describe()).isEmpty();
  }

  @Test
  void adminEndpointAddsAFleetWithoutShowingKeys() throws Exception {
    var response = admin("POST", "/admin/fleet?count=100&failing=0.02&slow=0.01&slow_ms=5");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"added\":100", "\"first\":\"gen0001\"", "\"last\":\"gen0100\"")
        .contains("\"first_veid\":200001")
        .doesNotContain("private_gen");
    var json = ApiClient.map(Json.parse(response.body()));
    assertThat(ApiClient.list(json.get("failing_veids"))).hasSize(2);
    assertThat(ApiClient.list(json.get("slow_veids"))).hasSize(1);
    assertThat(sim.servers()).hasSize(100);
  }

  @Test
  void adminEndpointRefusesBadInputWithAShortMessage() throws Exception {
    var zero = admin("POST", "/admin/fleet?count=0");
    var missing = admin("POST", "/admin/fleet");
    var notAFraction = admin("POST", "/admin/fleet?count=5&slow=lots");
    var get = admin("GET", "/admin/fleet");

    assertThat(zero.statusCode()).isEqualTo(400);
    assertThat(zero.body()).contains("count must be between 1 and");
    assertThat(missing.body()).isEqualTo("{\"error\":\"count is required\"}");
    assertThat(notAFraction.body()).contains("slow must be a fraction");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(sim.servers()).isEmpty();
  }

  @Test
  void commandLineReadsTheFleetOptions() {
    var options =
        SimulatorMain.parse(
            new String[] {
              "--port", "0", "--fleet=1000", "--slow", "0.005", "--failing=0.005", "--slow-ms", "20"
            });

    assertThat(options).isEqualTo(new SimulatorMain.Options(0, 1000, 0.005, 20, 0.005, 0));
    assertThat(SimulatorMain.parse(new String[0]).fleet()).isZero();
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--fleet", "0"}))
        .hasMessage("--fleet must be between 1 and 100000");
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--slow", "0.1"}))
        .hasMessage("--slow and --failing need --fleet");
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--fleet"}))
        .hasMessage("--fleet needs a value");
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--fleat", "3"}))
        .hasMessage("unknown option --fleat");
  }
}

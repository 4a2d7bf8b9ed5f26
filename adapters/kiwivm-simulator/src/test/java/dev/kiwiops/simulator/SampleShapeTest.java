package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.simulator.samples.CapturedAnswers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Compares the simulator's answers with the captured samples: the same keys, and each value of the
 * same JSON kind (string, number, boolean, list, object). Maps keyed by data (IPs, tokens, ids) are
 * compared by their values' shape.
 */
class SampleShapeTest {
  private static final Set<String> DATA_KEYED =
      Set.of(
          "ptr", "ip_nullroutes", "backups", "evidence", "descriptions", "dataTransferMultipliers");

  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void kvmServiceInfoHasTheSampleShape() {
    assertExactShape("getServiceInfo-kvm.json", f.kvm.call("getServiceInfo"));
  }

  @Test
  void kvmLiveServiceInfoHasTheSampleShape() {
    assertExactShape("getLiveServiceInfo-kvm.json", f.kvm.call("getLiveServiceInfo"));
  }

  @Test
  void ovzLiveServiceInfoHasAtLeastTheSampleFields() {
    assertShape("getLiveServiceInfo-ovz.json", f.ovz.call("getLiveServiceInfo"), false);
  }

  @Test
  void nullroutedServiceInfoHasTheSampleShape() {
    f.kvmServer().nullroute("192.0.2.2", "Packet dump data of the attack\n(multi-line)");

    assertExactShape("getServiceInfo-nullroute.json", f.kvm.call("getServiceInfo"));
  }

  @Test
  void backupListHasTheSampleShape() {
    assertExactShape("backup-list.json", f.kvm.call("backup/list"));
  }

  @Test
  void emptyBackupListIsAnEmptyPhpArray() {
    assertThat(f.ovz.post("backup/list").body()).isEqualTo("{\"error\":0,\"backups\":[]}");
  }

  @Test
  void authErrorHasTheSampleShape() {
    var answer =
        new ApiClient(f.sim.apiBase(), 1, "private_wrongwrongwrongwrong1234").call("start");

    assertExactShape("error-auth.json", answer);
  }

  @Test
  void lockedErrorHasTheSampleShape() {
    f.kvm.post("reinstallOS", "os", "debian-13-x86_64");

    assertExactShape("error-locked.json", f.kvm.call("getServiceInfo"));
  }

  @Test
  void auditLogHasTheSampleShapeWithStringAndNumberEntries() {
    f.kvm.post("restart");

    var entries = ApiClient.list(f.kvm.call("getAuditLog").get("log_entries"));
    assertExactShape("getAuditLog.json", f.kvm.call("getAuditLog"));
    assertThat(entries)
        .anySatisfy(e -> assertThat(ApiClient.map(e).get("type")).isInstanceOf(String.class));
    assertThat(entries)
        .anySatisfy(e -> assertThat(ApiClient.map(e).get("type")).isInstanceOf(Long.class));
  }

  @Test
  void availableOsHasTheSampleShape() {
    assertExactShape("getAvailableOS.json", f.kvm.call("getAvailableOS"));
  }

  @Test
  void policyViolationsHaveTheSampleShape() {
    f.kvmServer().addPolicyViolation("copyright", true, 100, "Details of violation");

    assertExactShape("getPolicyViolations.json", f.kvm.call("getPolicyViolations"));
  }

  @Test
  void rateLimitStatusHasTheSampleShape() {
    assertExactShape("getRateLimitStatus.json", f.kvm.call("getRateLimitStatus"));
  }

  @Test
  void rawUsageStatsHaveTheSampleShape() {
    assertExactShape("getRawUsageStats.json", f.kvm.call("getRawUsageStats"));
  }

  @Test
  void suspensionDetailsHaveTheSampleShape() {
    f.kvmServer().suspend("copyright", true, 100, "Full text of abuse complaint here");

    assertExactShape("getSuspensionDetails.json", f.kvm.call("getSuspensionDetails"));
  }

  @Test
  void migrateLocationsHaveTheSampleShape() {
    assertExactShape("migrate-getLocations.json", f.kvm.call("migrate/getLocations"));
  }

  @Test
  void ovzSnapshotListHasTheSampleShape() {
    f.ovzServer().addSnapshot("test");

    assertExactShape("snapshot-list.json", f.ovz.call("snapshot/list"));
  }

  @Test
  void kvmSnapshotListAddsDownloadLinkSsl() {
    f.kvmServer().addSnapshot("test");

    var snapshot =
        ApiClient.map(ApiClient.list(f.kvm.call("snapshot/list").get("snapshots")).get(0));
    assertShape("snapshot-list.json", f.kvm.call("snapshot/list"), false);
    assertThat(snapshot).containsKey("downloadLinkSSL");
  }

  private static void assertExactShape(String sample, Map<String, Object> actual) {
    assertShape(sample, actual, true);
  }

  private static void assertShape(String sample, Map<String, Object> actual, boolean exact) {
    compare(sample, "", load(sample), actual, exact);
  }

  private static void compare(
      String sample, String path, Object expected, Object actual, boolean exact) {
    String where = sample + " at " + (path.isEmpty() ? "top" : path);
    assertThat(kind(actual)).as(where).isIn(compatibleKinds(expected));
    if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
      String last = path.substring(path.lastIndexOf('.') + 1);
      if (DATA_KEYED.contains(last)) {
        Object sampleValue = e.values().iterator().next();
        for (Object value : a.values()) {
          compare(sample, path + ".*", sampleValue, value, exact);
        }
        return;
      }
      if (exact) {
        assertThat(ApiClient.map(a).keySet())
            .as(where)
            .containsExactlyInAnyOrderElementsOf(ApiClient.map(e).keySet());
      } else {
        assertThat(ApiClient.map(a).keySet()).as(where).containsAll(ApiClient.map(e).keySet());
      }
      for (Map.Entry<?, ?> entry : e.entrySet()) {
        compare(
            sample, path + "." + entry.getKey(), entry.getValue(), a.get(entry.getKey()), exact);
      }
    } else if (expected instanceof List<?> e && actual instanceof List<?> a && !e.isEmpty()) {
      for (Object item : a) {
        assertMatchesSomeSampleItem(sample, path + "[]", e, item, exact);
      }
    }
  }

  /** Lists may mix shapes (the audit log does): each item must match one of the sample's. */
  private static void assertMatchesSomeSampleItem(
      String sample, String path, List<?> expectedItems, Object item, boolean exact) {
    AssertionError last = null;
    for (Object expected : expectedItems) {
      try {
        compare(sample, path, expected, item, exact);
        return;
      } catch (AssertionError e) {
        last = e;
      }
    }
    throw last;
  }

  /** JSON kinds the sample's value allows: nulls and strings mix, an empty PHP array is a map. */
  private static Set<String> compatibleKinds(Object expected) {
    String kind = kind(expected);
    return switch (kind) {
      case "null", "string" -> Set.of("null", "string");
      case "map" -> Set.of("map", "empty");
      case "empty" -> Set.of("empty", "map", "list");
      case "list" -> Set.of("list", "empty");
      default -> Set.of(kind);
    };
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "empty" : "list";
    }
    return "map";
  }

  private static Map<String, Object> load(String sample) {
    return ApiClient.map(Json.parse(CapturedAnswers.read(sample)));
  }
}

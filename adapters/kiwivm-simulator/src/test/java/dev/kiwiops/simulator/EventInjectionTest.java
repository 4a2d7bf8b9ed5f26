package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventInjectionTest {
  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private String ip() {
    return f.kvmServer().ipv4Addresses().get(0);
  }

  @Test
  void calmServerHasNullroutesAsAnEmptyPhpArray() {
    assertThat(f.kvm.post("getServiceInfo").body()).contains("\"ip_nullroutes\":[]");
  }

  @Test
  void nullrouteAppearsAsAnObjectKeyedByIp() {
    f.kvmServer().nullroute(ip(), "UDP flood\nfrom many sources");

    var routes = ApiClient.map(f.kvm.call("getServiceInfo").get("ip_nullroutes"));
    var route = ApiClient.map(routes.get(ip()));
    assertThat(route)
        .containsEntry("nullroute_timestamp", SimulatorFixture.START.getEpochSecond())
        .containsEntry("nullroute_duration_s", 360L)
        .containsEntry("log", "UDP flood\nfrom many sources");
  }

  @Test
  void clearedNullrouteDisappears() {
    f.kvmServer().nullroute(ip(), "log");
    f.kvmServer().clearNullroute(ip());

    assertThat(f.kvm.post("getServiceInfo").body()).contains("\"ip_nullroutes\":[]");
  }

  @Test
  void policyViolationSetsTheFlagAndIsListed() {
    long id = f.kvmServer().addPolicyViolation("copyright", true, 100, "DMCA notice");

    assertThat(f.kvm.call("getServiceInfo")).containsEntry("policy_violation", true);
    var violation =
        ApiClient.map(
            ApiClient.list(f.kvm.call("getPolicyViolations").get("policy_violations")).get(0));
    assertThat(violation)
        .containsEntry("record_id", id)
        .containsEntry("is_soft", 1L)
        .containsEntry("evidence_data", "DMCA notice");
  }

  @Test
  void policyViolationDeadlineIs36HoursAhead() {
    f.kvmServer().addPolicyViolation("spam", true, 50, "x");

    var violation =
        ApiClient.map(
            ApiClient.list(f.kvm.call("getPolicyViolations").get("policy_violations")).get(0));
    assertThat((Long) violation.get("suspend_at") - (Long) violation.get("timestamp"))
        .isEqualTo(129600L);
  }

  @Test
  void resolvingASoftPolicyViolationRemovesIt() {
    long id = f.kvmServer().addPolicyViolation("copyright", true, 100, "x");
    f.kvm.post("resolvePolicyViolation", "record_id", String.valueOf(id));

    assertThat(f.kvm.call("getServiceInfo")).containsEntry("policy_violation", false);
  }

  @Test
  void hardPolicyViolationCannotBeResolvedViaApi() {
    long id = f.kvmServer().addPolicyViolation("malware", false, 300, "x");

    assertThat(f.kvm.post("resolvePolicyViolation", "record_id", String.valueOf(id)).error())
        .isNotZero();
    assertThat(f.kvmServer().policyViolations()).hasSize(1);
  }

  @Test
  void suspensionShowsWithEvidence() {
    long id = f.kvmServer().suspend("copyright", true, 100, "Full complaint");

    var details = f.kvm.call("getSuspensionDetails");
    var suspension = ApiClient.map(ApiClient.list(details.get("suspensions")).get(0));
    assertThat(suspension).containsEntry("record_id", id);
    assertThat(ApiClient.map(details.get("evidence")))
        .containsEntry(String.valueOf(suspension.get("evidence_record_id")), "Full complaint");
    assertThat(f.kvm.call("getServiceInfo"))
        .containsEntry("suspended", true)
        .containsEntry("suspension_count", 1L);
  }

  @Test
  void softSuspensionIsLiftedByUnsuspend() {
    long id = f.kvmServer().suspend("copyright", true, 100, "x");
    f.kvm.post("unsuspend", "record_id", String.valueOf(id));

    assertThat(f.kvm.call("getServiceInfo")).containsEntry("suspended", false);
  }

  @Test
  void hardSuspensionAnswersAnErrorToUnsuspend() {
    long id = f.kvmServer().suspend("malware", false, 500, "x");

    assertThat(f.kvm.post("unsuspend", "record_id", String.valueOf(id)).error()).isEqualTo(700007);
    assertThat(f.kvmServer().suspended()).isTrue();
  }

  @Test
  void suspendedServerCannotBeStarted() {
    f.kvmServer().suspend("spam", true, 10, "x");

    assertThat(f.kvm.post("start").error()).isNotZero();
  }

  @Test
  void abusePointsShowInServiceInfo() {
    f.kvmServer().setAbusePoints(960, 1200);

    assertThat(f.kvm.call("getServiceInfo"))
        .containsEntry("total_abuse_points", 960L)
        .containsEntry("max_abuse_points", 1200L);
  }

  @Test
  void throttlingIsEmptyStringWhenCalmAndOneWhenThrottled() {
    f.kvmServer().throttleCpu(true);

    Map<String, Object> live = f.kvm.call("getLiveServiceInfo");
    assertThat(live).containsEntry("is_cpu_throttled", 1L).containsEntry("is_disk_throttled", "");
  }

  @Test
  void diskThrottlingShowsInLiveInfo() {
    f.kvmServer().throttleDisk(true);

    assertThat(f.kvm.call("getLiveServiceInfo")).containsEntry("is_disk_throttled", 1L);
  }

  @Test
  void dataCounterAndFractionalMultiplierShow() {
    f.kvmServer().setDataCounter(1_900_000_000_000L);
    f.kvmServer().setMonthlyDataMultiplier(1.5);

    assertThat(f.kvm.post("getServiceInfo").body())
        .contains("\"monthly_data_multiplier\":1.5")
        .contains("\"data_counter\":1900000000000");
  }

  @Test
  void stopOutsideBotShowsStoppedWithoutSshPort() {
    f.kvmServer().stopOutsideBot();

    var live = f.kvm.call("getLiveServiceInfo");
    assertThat(live).containsEntry("ve_status", "stopped").doesNotContainKey("ssh_port");
    assertThat(f.sim.calls(SimulatorFixture.KVM, "stop")).isEmpty();
  }

  @Test
  void ovzStoppedShowsInVzStatus() {
    f.ovzServer().stopOutsideBot();

    var status = ApiClient.map(f.ovz.call("getLiveServiceInfo").get("vz_status"));
    assertThat(status).containsEntry("status", "stopped");
  }
}

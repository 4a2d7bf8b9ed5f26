package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The remaining calls: power, names, keys, ISO, IPv6, private IPs, statistics. */
class ServerCallsTest {
  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void stopThenStartChangesPowerState() {
    f.kvm.post("stop");
    assertThat(f.kvmServer().powerState()).isEqualTo(SimulatedServer.PowerState.STOPPED);

    f.kvm.post("start");
    assertThat(f.kvm.call("getLiveServiceInfo")).containsEntry("ve_status", "running");
  }

  @Test
  void killStopsTheServer() {
    f.kvm.post("kill");

    assertThat(f.kvmServer().powerState()).isEqualTo(SimulatedServer.PowerState.STOPPED);
  }

  @Test
  void ovzStartAnswersIsMounted() {
    assertThat(f.ovz.call("start")).containsEntry("is_mounted", 1L);
  }

  @Test
  void restartKeepsTheServerRunning() {
    assertThat(f.kvm.post("restart").error()).isZero();
    assertThat(f.kvmServer().powerState()).isEqualTo(SimulatedServer.PowerState.RUNNING);
  }

  @Test
  void screendumpIsAPng() {
    String png = (String) f.kvm.call("getLiveServiceInfo").get("screendump_png_base64");

    assertThat(Base64.getDecoder().decode(png)).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void setHostnameRejectsInvalidNames() {
    assertThat(f.kvm.post("setHostname", "newHostname", "bad host!").error()).isEqualTo(700003);
  }

  @Test
  void setPtrStoresTheRecord() {
    String ip = f.kvmServer().ipv4Addresses().get(0);
    f.kvm.post("setPTR", "ip", ip, "ptr", "mail.example.net");

    assertThat(ApiClient.map(f.kvm.call("getServiceInfo").get("ptr")))
        .containsEntry(ip, "mail.example.net");
  }

  @Test
  void setPtrRefusesSomeoneElsesIp() {
    assertThat(f.kvm.post("setPTR", "ip", "203.0.113.77", "ptr", "x.example.net").error())
        .isEqualTo(700003);
  }

  @Test
  void updatedSshKeysAreReturnedJoinedAndShortened() {
    String keys =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOnekeyOnekeyOnekeyOnekeyOnekeyOnekey a@x\n"
            + "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITwokeyTwokeyTwokeyTwokeyTwokeyTwokey b@x";
    f.kvm.post("updateSshKeys", "ssh_keys", keys);

    var answer = f.kvm.call("getSshKeys");
    assertThat(answer)
        .containsEntry("ssh_keys_veid", keys)
        .containsEntry("ssh_keys_preferred", keys);
    assertThat((String) answer.get("shortened_ssh_keys_veid")).contains("...").contains("\n");
  }

  @Test
  void resetRootPasswordAnswersTheNewPassword() {
    String password = (String) f.kvm.call("resetRootPassword").get("password");

    assertThat(password).isEqualTo(f.kvmServer().rootPassword()).hasSizeGreaterThanOrEqualTo(12);
  }

  @Test
  void isoMountAcceptsOnlyAvailableIsos() {
    assertThat(f.kvm.post("iso/mount", "iso", "evil.iso").error()).isEqualTo(700003);

    f.kvm.post("iso/mount", "iso", "debian-12.0.0-amd64-netinst.iso");
    assertThat(f.kvm.call("getServiceInfo"))
        .containsEntry("iso1", "debian-12.0.0-amd64-netinst.iso");
  }

  @Test
  void isoUnmountClearsIso1() {
    f.kvm.post("iso/mount", "iso", "debian-12.0.0-amd64-netinst.iso");
    f.kvm.post("iso/unmount");

    assertThat(f.kvmServer().iso()).isEmpty();
  }

  @Test
  void ipv6AddRespectsThePlanMaximum() {
    assertThat(f.kvm.post("ipv6/add").error()).isEqualTo(700007);
  }

  @Test
  void ipv6AddAssignsWithinTheFirstSubnet() {
    var answer = f.ovz.call("ipv6/add");

    assertThat((String) answer.get("ip")).startsWith("2001:db8:3eb:0:");
    assertThat(f.ovzServer().ipv6Addresses()).hasSize(2);
  }

  @Test
  void firstIpv6OnKvmAnswersAssignedSubnet() {
    f.kvm.post("ipv6/delete", "ip", f.kvmServer().ipv6Addresses().get(0));

    var answer = f.kvm.call("ipv6/add");
    assertThat((String) answer.get("assigned_subnet")).endsWith("::/64");
    assertThat(f.kvmServer().ipv6Addresses()).containsExactly((String) answer.get("ip"));
  }

  @Test
  void ipv6OutsideTheSubnetIsRefused() {
    assertThat(f.ovz.post("ipv6/add", "ip", "2001:db8:ffff::5").error()).isEqualTo(700003);
  }

  @Test
  void privateIpAssignTakesAnAvailableAddress() {
    var available = ApiClient.list(f.kvm.call("privateIp/getAvailableIps").get("available_ips"));
    var assigned = f.kvm.call("privateIp/assign");

    assertThat(ApiClient.list(assigned.get("assigned_ips"))).containsExactly(available.get(0));
    assertThat(f.kvmServer().privateIps()).containsExactly((String) available.get(0));
  }

  @Test
  void privateIpDeleteReleasesIt() {
    String ip = (String) ApiClient.list(f.kvm.call("privateIp/assign").get("assigned_ips")).get(0);
    f.kvm.post("privateIp/delete", "ip", ip);

    assertThat(f.kvmServer().privateIps()).isEmpty();
  }

  @Test
  void privateNetworkIsRefusedOnPlansWithoutIt() {
    assertThat(f.ovz.post("privateIp/getAvailableIps").error()).isEqualTo(700007);
  }

  @Test
  void rawUsageStatsCover24HoursInFiveMinuteSteps() {
    var answer = f.kvm.call("getRawUsageStats");
    List<Object> data = ApiClient.list(answer.get("data"));

    assertThat(answer).containsEntry("vm_type", "kvm");
    assertThat(data).hasSize(288);
    long first = (Long) ApiClient.map(data.get(0)).get("timestamp");
    long second = (Long) ApiClient.map(data.get(1)).get("timestamp");
    assertThat(second - first).isEqualTo(300);
  }

  @Test
  void auditLogRecordsApiWritesWithTheRequestorAsUint32() {
    f.kvm.post("restart");

    var entries = ApiClient.list(f.kvm.call("getAuditLog").get("log_entries"));
    var last = ApiClient.map(entries.get(entries.size() - 1));
    assertThat(last)
        .containsEntry("summary", "API: restart")
        .containsEntry("requestor_ipv4", "2130706433");
  }

  @Test
  void getUsageGraphsIsObsolete() {
    assertThat(f.kvm.post("getUsageGraphs").error()).isEqualTo(700004);
  }

  @Test
  void migrateLocationsListTheCurrentOne() {
    assertThat(f.kvm.call("migrate/getLocations")).containsEntry("currentLocation", "USCA_6");
  }

  @Test
  void demoFleetHasThreeServersWithTheirKeys() {
    try (KiwiVmSimulator demo = KiwiVmSimulator.startDemoFleet(0, f.clock)) {
      var web1 = new ApiClient(demo.apiBase(), 1001, KiwiVmSimulator.DEMO_KEYS.get(1001L));
      var legacy1 = new ApiClient(demo.apiBase(), 1003, KiwiVmSimulator.DEMO_KEYS.get(1003L));

      assertThat(web1.call("getServiceInfo")).containsEntry("hostname", "web1.example.net");
      assertThat(legacy1.call("getServiceInfo")).containsEntry("vm_type", "ovz");
      assertThat(demo.server(1002).spec().vmType()).isEqualTo(VmType.KVM);
    }
  }
}

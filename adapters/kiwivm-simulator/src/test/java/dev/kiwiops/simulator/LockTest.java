package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LockTest {
  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private Map<String, Object> lockingInfo() {
    return ApiClient.map(f.kvm.call("getServiceInfo").get("additionalLockingInfo"));
  }

  @Test
  void lockedServerAnswers788888WithRisingPercent() {
    f.kvm.post("reinstallOS", "os", "debian-13-x86_64");
    f.clock.advance(Duration.ofSeconds(5));
    long early = (Long) lockingInfo().get("completed_percent");
    f.clock.advance(Duration.ofSeconds(10));
    long later = (Long) lockingInfo().get("completed_percent");

    assertThat(early).isEqualTo(25);
    assertThat(later).isEqualTo(75);
  }

  @Test
  void lockedAnswerNamesTheReinstalledOs() {
    f.kvm.post("reinstallOS", "os", "debian-13-x86_64");

    var answer = f.kvm.call("getServiceInfo");
    assertThat(answer)
        .containsEntry("error", 788888L)
        .containsEntry("additionalErrorInfo", "OS Reinstall: debian-13-x86_64");
  }

  @Test
  void everyCallIsRefusedWhileLocked() {
    f.kvm.post("reinstallOS", "os", "debian-13-x86_64");

    assertThat(f.kvm.post("start").error()).isEqualTo(788888);
    assertThat(f.kvm.post("snapshot/list").error()).isEqualTo(788888);
  }

  @Test
  void progressMessageFollowsTheStages() {
    f.kvm.post("reinstallOS", "os", "debian-13-x86_64");
    f.clock.advance(Duration.ofSeconds(19));

    assertThat(lockingInfo()).containsEntry("friendly_progress_message", "Starting VM");
  }

  @Test
  void reinstallAnswersNewPasswordAndKeys() {
    var answer = f.kvm.call("reinstallOS", "os", "debian-13-x86_64");

    assertThat(answer)
        .containsKeys("rootPassword", "sshPort", "sshKeys", "sshKeysBrief", "notificationEmail");
    assertThat(answer.get("sshPort")).isEqualTo((long) f.kvmServer().spec().sshPort());
  }

  @Test
  void reinstallCompletesWithNewOsAndPasswordWhenTheLockEnds() {
    String password =
        (String) f.kvm.call("reinstallOS", "os", "debian-13-x86_64").get("rootPassword");
    f.clock.advance(Duration.ofSeconds(20));

    assertThat(f.kvm.call("getServiceInfo")).containsEntry("os", "debian-13-x86_64");
    assertThat(f.kvmServer().rootPassword()).isEqualTo(password);
  }

  @Test
  void reinstallRejectsAnOsOutsideTheTemplates() {
    assertThat(f.kvm.post("reinstallOS", "os", "windows-11").error()).isEqualTo(700003);
    assertThat(f.kvmServer().locked()).isFalse();
  }

  @Test
  void zeroLockDurationCompletesAtOnce() {
    f.sim.lockDuration(Duration.ZERO);
    f.kvm.post("reinstallOS", "os", "debian-12-x86_64");

    assertThat(f.kvm.call("getServiceInfo")).containsEntry("os", "debian-12-x86_64");
  }

  @Test
  void migrationMovesTheServerAndReplacesIpv4() {
    var answer = f.kvm.call("migrate/start", "location", "EUNL_3");
    f.clock.advance(Duration.ofSeconds(20));

    var info = f.kvm.call("getServiceInfo");
    assertThat(info).containsEntry("node_location_id", "EUNL_3");
    assertThat(ApiClient.list(info.get("ip_addresses"))).isEqualTo(answer.get("newIps"));
  }

  @Test
  void migrationLocksWithItsOwnDescription() {
    f.kvm.post("migrate/start", "location", "EUNL_3");

    assertThat(f.kvm.call("getServiceInfo"))
        .containsEntry("additionalErrorInfo", "Migration: USCA_6 -> EUNL_3");
  }

  @Test
  void migrationToTheCurrentLocationIsRefused() {
    assertThat(f.kvm.post("migrate/start", "location", "USCA_6").error()).isEqualTo(700003);
  }

  @Test
  void cloneFromExternalServerIsOpenVzOnly() {
    var args =
        new String[] {
          "externalServerIP",
          "203.0.113.9",
          "externalServerSSHport",
          "22",
          "externalServerRootPassword",
          "pw"
        };

    assertThat(f.kvm.post("cloneFromExternalServer", args).error()).isEqualTo(700004);
    assertThat(f.ovz.post("cloneFromExternalServer", args).error()).isZero();
  }
}

package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private List<Object> snapshots(ApiClient client) {
    return ApiClient.list(client.call("snapshot/list").get("snapshots"));
  }

  private Map<String, Object> createSnapshot(String description) {
    f.kvm.post("snapshot/create", "description", description);
    f.clock.advance(Duration.ofSeconds(10));
    return ApiClient.map(snapshots(f.kvm).get(snapshots(f.kvm).size() - 1));
  }

  @Test
  void snapshotCreateAnswersNotificationEmail() {
    assertThat(f.kvm.call("snapshot/create"))
        .containsEntry("notificationEmail", "owner@example.com");
  }

  @Test
  void snapshotExistsOnlyAfterTheDelay() {
    f.kvm.post("snapshot/create", "description", "nightly");
    f.clock.advance(Duration.ofSeconds(5));
    assertThat(f.kvm.call("snapshot/list")).containsEntry("error", 788888L);

    f.clock.advance(Duration.ofSeconds(5));
    assertThat(snapshots(f.kvm)).hasSize(1);
  }

  @Test
  void snapshotDescriptionIsBase64AndSizeIsAString() {
    var snapshot = createSnapshot("before upgrade");

    assertThat(
            new String(
                Base64.getDecoder().decode((String) snapshot.get("description")),
                StandardCharsets.UTF_8))
        .isEqualTo("before upgrade");
    assertThat(snapshot.get("size")).isInstanceOf(String.class);
  }

  @Test
  void snapshotFileNameFollowsTheKiwiVmPattern() {
    var snapshot = createSnapshot("x");

    assertThat((String) snapshot.get("fileName"))
        .matches(
            "snapshot-1001-"
                + SimulatorFixture.START.getEpochSecond()
                + "-2025-09-09-[0-9a-f]{40}\\.tar\\.gz");
  }

  @Test
  void toggleStickyChangesTheFlag() {
    String name = (String) createSnapshot("keep").get("fileName");
    f.kvm.post("snapshot/toggleSticky", "snapshot", name, "sticky", "1");

    assertThat(ApiClient.map(snapshots(f.kvm).get(0))).containsEntry("sticky", true);
  }

  @Test
  void deleteRemovesTheSnapshot() {
    String name = (String) createSnapshot("gone").get("fileName");
    f.kvm.post("snapshot/delete", "snapshot", name);

    assertThat(snapshots(f.kvm)).isEmpty();
  }

  @Test
  void deletingAnUnknownSnapshotIsAnError() {
    assertThat(f.kvm.post("snapshot/delete", "snapshot", "nope.tar.gz").error()).isEqualTo(700003);
  }

  @Test
  void restoreLocksThenBringsBackTheSnapshotOs() {
    String name = (String) createSnapshot("ubuntu").get("fileName");
    f.sim.lockDuration(Duration.ZERO);
    f.kvm.post("reinstallOS", "os", "debian-12-x86_64");
    f.sim.lockDuration(Duration.ofSeconds(20));
    f.kvm.post("snapshot/restore", "snapshot", name);
    assertThat(f.kvm.call("getServiceInfo"))
        .containsEntry("additionalErrorInfo", "Snapshot: Restore");

    f.clock.advance(Duration.ofSeconds(20));
    assertThat(f.kvm.call("getServiceInfo")).containsEntry("os", "ubuntu-24.04-x86_64");
  }

  @Test
  void snapshotsArePurgedAfterThirtyDaysUnlessSticky() {
    createSnapshot("old");
    f.clock.advance(Duration.ofDays(30));

    assertThat(snapshots(f.kvm)).isEmpty();
  }

  @Test
  void exportedSnapshotImportsIntoAnotherServer() {
    ApiClient other = f.addOtherKvm();
    String name = (String) createSnapshot("shared").get("fileName");
    String token = (String) f.kvm.call("snapshot/export", "snapshot", name).get("token");

    other.post("snapshot/import", "sourceVeid", "1001", "sourceToken", token);
    f.clock.advance(Duration.ofSeconds(10));

    var imported = ApiClient.map(snapshots(other).get(0));
    assertThat((String) imported.get("fileName")).startsWith("snapshot-1002-");
    assertThat(imported.get("description"))
        .isEqualTo(Base64.getEncoder().encodeToString("shared".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void importWithAWrongTokenIsRefused() {
    ApiClient other = f.addOtherKvm();

    assertThat(other.post("snapshot/import", "sourceVeid", "1001", "sourceToken", "forged").error())
        .isEqualTo(700003);
  }

  @Test
  void backupCopiesIntoASnapshot() {
    String token = f.kvmServer().backups().get(0).token();
    f.kvm.post("backup/copyToSnapshot", "backupToken", token);
    f.clock.advance(Duration.ofSeconds(10));

    assertThat(snapshots(f.kvm)).hasSize(1);
  }

  @Test
  void snakeCaseBackupTokenIsRejectedWith756130() {
    String token = f.kvmServer().backups().get(0).token();

    assertThat(f.kvm.post("backup/copyToSnapshot", "backup_token", token).error())
        .isEqualTo(756130);
  }
}

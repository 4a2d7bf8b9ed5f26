package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.AvailableOs;
import dev.kiwiops.core.kiwivm.Backup;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.MigrateLocations;
import dev.kiwiops.core.kiwivm.MigrateStarted;
import dev.kiwiops.core.kiwivm.PanelAuditLog;
import dev.kiwiops.core.kiwivm.PasswordReset;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.ReinstallResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.ShellExecResult;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.kiwivm.SnapshotExport;
import dev.kiwiops.core.kiwivm.SshKeys;
import dev.kiwiops.core.kiwivm.StartResult;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.kiwivm.UsageStats;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.RecordedCall;
import dev.kiwiops.simulator.ServerSpec;
import dev.kiwiops.simulator.SimulatedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each of the 43 calls against the simulator over HTTP: what went upstream (a POST to the call's
 * path, {@code veid} and {@code api_key} in the form body, nothing in the query, the call's own
 * fields) and what came back parsed.
 */
class SimulatorCallsTest {
  static final FleetServer WEB = TestServers.WEB;
  static final FleetServer OTHER = TestServers.OTHER;
  static final FleetServer LEGACY = TestServers.LEGACY;
  static final String SSH_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGd0Y2Fm9k2c7u2wqv0pFZC1rY3pKfQ6n4bH8sUyYh3T a@b";

  private KiwiVmSimulator sim;
  private KiwiVmClient client;

  @BeforeEach
  void start() {
    sim = KiwiVmSimulator.start(0).lockDuration(Duration.ZERO).snapshotDelay(Duration.ZERO);
    sim.addServer(ServerSpec.kvm(WEB.veid(), WEB.apiKey().reveal(), "web.example.net"));
    sim.addServer(ServerSpec.kvm(OTHER.veid(), OTHER.apiKey().reveal(), "other.example.net"));
    sim.addServer(ServerSpec.ovz(LEGACY.veid(), LEGACY.apiKey().reveal(), "legacy.example.net"));
    client = KiwiVmClient.builder(sim.apiBase()).timeout(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  // Power

  @Test
  void startPostsStartAndReportsIsoMount() {
    ApiResult<StartResult> result = client.start(LEGACY);

    assertThat(fieldsSentOnce(LEGACY, "start")).isEmpty();
    assertThat(value(result).isoMounted()).isTrue();
  }

  @Test
  void stopPostsStop() {
    ApiResult<Done> result = client.stop(WEB);

    assertThat(fieldsSentOnce(WEB, "stop")).isEmpty();
    assertThat(result).isEqualTo(new ApiResult.Ok<>(Done.INSTANCE));
    assertThat(sim.server(WEB.veid()).powerState()).isEqualTo(SimulatedServer.PowerState.STOPPED);
  }

  @Test
  void restartPostsRestart() {
    ApiResult<Done> result = client.restart(WEB);

    assertThat(fieldsSentOnce(WEB, "restart")).isEmpty();
    assertThat(result.isOk()).isTrue();
  }

  @Test
  void killPostsKill() {
    ApiResult<Done> result = client.kill(WEB);

    assertThat(fieldsSentOnce(WEB, "kill")).isEmpty();
    assertThat(sim.server(WEB.veid()).powerState()).isEqualTo(SimulatedServer.PowerState.STOPPED);
    assertThat(result.isOk()).isTrue();
  }

  // Information

  @Test
  void getServiceInfoPostsAndParsesPlan() {
    ServiceInfo info = value(client.getServiceInfo(WEB));

    assertThat(fieldsSentOnce(WEB, "getServiceInfo")).isEmpty();
    assertThat(info.hostname()).isEqualTo("web.example.net");
    assertThat(info.vmType()).isEqualTo(VmType.KVM);
    assertThat(info.planMonthlyDataBytes()).isEqualTo(2000L * 1024 * 1024 * 1024);
  }

  @Test
  void getLiveServiceInfoParsesKvmLiveState() {
    LiveServiceInfo live = value(client.getLiveServiceInfo(WEB));

    assertThat(fieldsSentOnce(WEB, "getLiveServiceInfo")).isEmpty();
    assertThat(live.powerState()).isEqualTo(PowerState.RUNNING);
    assertThat(live.diskQuotaGb()).isEqualTo(41L);
    assertThat(live.screenshotPng()).isNotEmpty();
  }

  @Test
  void getLiveServiceInfoParsesOpenVzLiveState() {
    LiveServiceInfo live = value(client.getLiveServiceInfo(LEGACY));

    assertThat(fieldsSentOnce(LEGACY, "getLiveServiceInfo")).isEmpty();
    assertThat(live.info().vmType()).isEqualTo(VmType.OVZ);
    assertThat(live.powerState()).isEqualTo(PowerState.RUNNING);
    assertThat(live.vzStatus()).containsKey("numfile");
  }

  @Test
  void throttledCpuFlagArrivesAsNumberOne() {
    sim.server(WEB.veid()).throttleCpu(true);

    assertThat(value(client.getLiveServiceInfo(WEB)).cpuThrottled()).isTrue();
  }

  @Test
  void getAvailableOsListsTemplates() {
    AvailableOs os = value(client.getAvailableOs(WEB));

    assertThat(fieldsSentOnce(WEB, "getAvailableOS")).isEmpty();
    assertThat(os.installed()).isEqualTo("ubuntu-24.04-x86_64");
    assertThat(os.templates()).containsAll(ServerSpec.KVM_TEMPLATES);
  }

  @Test
  void getUsageGraphsIsObsoleteUpstream() {
    ApiResult<Done> result = client.getUsageGraphs(WEB);

    assertThat(fieldsSentOnce(WEB, "getUsageGraphs")).isEmpty();
    assertThat(result).isInstanceOf(ApiResult.ApiError.class);
    assertThat(((ApiResult.ApiError<Done>) result).code()).isEqualTo(700004);
  }

  @Test
  void getRawUsageStatsParsesADayOfSamples() {
    UsageStats stats = value(client.getRawUsageStats(WEB));

    assertThat(fieldsSentOnce(WEB, "getRawUsageStats")).isEmpty();
    assertThat(stats.vmType()).isEqualTo(VmType.KVM);
    assertThat(stats.samples()).hasSize(288);
  }

  @Test
  void getAuditLogDecodesRequestorAddresses() {
    PanelAuditLog log = value(client.getAuditLog(WEB));

    assertThat(fieldsSentOnce(WEB, "getAuditLog")).isEmpty();
    assertThat(log.entries()).extracting(PanelAuditLog.Entry::requestorIpv4).contains("192.0.2.1");
  }

  @Test
  void getRateLimitStatusIsRemembered() {
    sim.server(WEB.veid()).setRateLimitPoints(500, 9000);

    RateLimitStatus status = value(client.getRateLimitStatus(WEB));

    assertThat(fieldsSentOnce(WEB, "getRateLimitStatus")).isEmpty();
    assertThat(status.remainingPoints15Min()).isLessThanOrEqualTo(500);
    assertThat(client.lastRateLimit(WEB)).contains(status);
  }

  // OS, keys, password

  @Test
  void reinstallOsSendsOsAndReturnsPasswordAsSecret() {
    ApiResult<ReinstallResult> result = client.reinstallOs(WEB, "debian-12-x86_64");

    assertThat(fieldsSentOnce(WEB, "reinstallOS")).containsExactly(entry("os", "debian-12-x86_64"));
    assertThat(value(result).rootPassword().reveal())
        .isEqualTo(sim.server(WEB.veid()).rootPassword());
    assertThat(value(result).notificationEmail()).isEqualTo("owner@example.com");
  }

  @Test
  void updateSshKeysJoinsKeysByNewline() {
    String second = SSH_KEY.replace("a@b", "c@d");

    ApiResult<Done> result = client.updateSshKeys(WEB, List.of(SSH_KEY, second));

    assertThat(fieldsSentOnce(WEB, "updateSshKeys"))
        .containsExactly(entry("ssh_keys", SSH_KEY + "\n" + second));
    assertThat(result.isOk()).isTrue();
  }

  @Test
  void getSshKeysSplitsNewlineJoinedKeys() {
    client.updateSshKeys(WEB, List.of(SSH_KEY));

    SshKeys keys = value(client.getSshKeys(WEB));

    assertThat(fieldsSentOnce(WEB, "getSshKeys")).isEmpty();
    assertThat(keys.vmKeys()).containsExactly(SSH_KEY);
    assertThat(keys.preferredKeys()).containsExactly(SSH_KEY);
  }

  @Test
  void resetRootPasswordReturnsTheNewPassword() {
    PasswordReset reset = value(client.resetRootPassword(WEB));

    assertThat(fieldsSentOnce(WEB, "resetRootPassword")).isEmpty();
    assertThat(reset.password().reveal()).isEqualTo(sim.server(WEB.veid()).rootPassword());
  }

  // Naming

  @Test
  void setHostnameSendsNewHostname() {
    ApiResult<Done> result = client.setHostname(WEB, "renamed.example.net");

    assertThat(fieldsSentOnce(WEB, "setHostname"))
        .containsExactly(entry("newHostname", "renamed.example.net"));
    assertThat(result.isOk()).isTrue();
    assertThat(sim.server(WEB.veid()).hostname()).isEqualTo("renamed.example.net");
  }

  @Test
  void setPtrSendsIpAndPtr() {
    String ip = sim.server(WEB.veid()).ipv4Addresses().get(0);

    ApiResult<Done> result = client.setPtr(WEB, ip, "mail.example.net");

    assertThat(fieldsSentOnce(WEB, "setPTR"))
        .containsOnly(entry("ip", ip), entry("ptr", "mail.example.net"));
    assertThat(result.isOk()).isTrue();
    assertThat(sim.server(WEB.veid()).ptr()).containsEntry(ip, "mail.example.net");
  }

  // ISO

  @Test
  void mountIsoSendsIso() {
    String iso = ServerSpec.KVM_ISOS.get(0);

    ApiResult<Done> result = client.mountIso(WEB, iso);

    assertThat(fieldsSentOnce(WEB, "iso/mount")).containsExactly(entry("iso", iso));
    assertThat(result.isOk()).isTrue();
    assertThat(sim.server(WEB.veid()).iso()).isEqualTo(iso);
  }

  @Test
  void unmountIsoPostsSlashCall() {
    client.mountIso(WEB, ServerSpec.KVM_ISOS.get(0));

    ApiResult<Done> result = client.unmountIso(WEB);

    assertThat(fieldsSentOnce(WEB, "iso/unmount")).isEmpty();
    assertThat(result.isOk()).isTrue();
    assertThat(sim.server(WEB.veid()).iso()).isEmpty();
  }

  // Shell

  @Test
  void shellCdSendsBothDirectoriesAndReturnsPwd() {
    ApiResult<String> result = client.shellCd(WEB, "/root", "/etc");

    assertThat(fieldsSentOnce(WEB, "basicShell/cd"))
        .containsOnly(entry("currentDir", "/root"), entry("newDir", "/etc"));
    assertThat(value(result)).isEqualTo("/etc");
  }

  @Test
  void shellExecReturnsOutputAndExitStatus() {
    ApiResult<ShellExecResult> result = client.shellExec(WEB, "hostname");

    assertThat(fieldsSentOnce(WEB, "basicShell/exec"))
        .containsExactly(entry("command", "hostname"));
    assertThat(value(result)).isEqualTo(new ShellExecResult(0, "web.example.net\n"));
  }

  @Test
  void shellExecNonZeroExitIsAResult() {
    ApiResult<ShellExecResult> result = client.shellExec(WEB, "false");

    assertThat(value(result).exitStatus()).isEqualTo(1);
  }

  @Test
  void shellScriptSendsScriptAndReturnsLogName() {
    ApiResult<String> result = client.shellScript(WEB, "#!/bin/sh\necho hi\n");

    assertThat(fieldsSentOnce(WEB, "shellScript/exec"))
        .containsExactly(entry("script", "#!/bin/sh\necho hi\n"));
    assertThat(value(result)).startsWith("/root/shellScript-");
  }

  // Snapshots and backups

  @Test
  void createSnapshotSendsDescription() {
    ApiResult<String> result = client.createSnapshot(WEB, Optional.of("before upgrade"));

    assertThat(fieldsSentOnce(WEB, "snapshot/create"))
        .containsExactly(entry("description", "before upgrade"));
    assertThat(value(result)).isEqualTo("owner@example.com");
  }

  @Test
  void createSnapshotWithoutDescriptionSendsNoField() {
    client.createSnapshot(WEB, Optional.empty());

    assertThat(fieldsSentOnce(WEB, "snapshot/create")).isEmpty();
  }

  @Test
  void listSnapshotsDecodesDescriptions() {
    SimulatedServer.Snapshot made = sim.server(WEB.veid()).addSnapshot("nightly");

    List<Snapshot> snapshots = value(client.listSnapshots(WEB));

    assertThat(fieldsSentOnce(WEB, "snapshot/list")).isEmpty();
    assertThat(snapshots)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.fileName()).isEqualTo(made.fileName());
              assertThat(s.description()).isEqualTo("nightly");
              assertThat(s.sizeBytes()).isEqualTo(made.size());
            });
  }

  @Test
  void deleteSnapshotSendsFileName() {
    String file = sim.server(WEB.veid()).addSnapshot("old").fileName();

    ApiResult<Done> result = client.deleteSnapshot(WEB, file);

    assertThat(fieldsSentOnce(WEB, "snapshot/delete")).containsExactly(entry("snapshot", file));
    assertThat(result.isOk()).isTrue();
    assertThat(sim.server(WEB.veid()).snapshots()).isEmpty();
  }

  @Test
  void restoreSnapshotSendsFileName() {
    String file = sim.server(WEB.veid()).addSnapshot("good").fileName();

    ApiResult<Done> result = client.restoreSnapshot(WEB, file);

    assertThat(fieldsSentOnce(WEB, "snapshot/restore")).containsExactly(entry("snapshot", file));
    assertThat(result.isOk()).isTrue();
  }

  @Test
  void toggleSnapshotStickySendsOneOrZero() {
    String file = sim.server(WEB.veid()).addSnapshot("keep").fileName();

    ApiResult<Done> result = client.toggleSnapshotSticky(WEB, file, true);

    assertThat(fieldsSentOnce(WEB, "snapshot/toggleSticky"))
        .containsOnly(entry("snapshot", file), entry("sticky", "1"));
    assertThat(result.isOk()).isTrue();
    assertThat(sim.server(WEB.veid()).snapshots().get(0).sticky()).isTrue();
  }

  @Test
  void exportSnapshotReturnsTokenAsSecret() {
    String file = sim.server(WEB.veid()).addSnapshot("move me").fileName();

    SnapshotExport export = value(client.exportSnapshot(WEB, file));

    assertThat(fieldsSentOnce(WEB, "snapshot/export")).containsExactly(entry("snapshot", file));
    assertThat(export.token().reveal()).hasSize(32);
    assertThat(export.token().toString()).doesNotContain(export.token().reveal());
  }

  @Test
  void importSnapshotSendsSourceVeidAndToken() {
    String file = sim.server(WEB.veid()).addSnapshot("move me").fileName();
    Secret token = value(client.exportSnapshot(WEB, file)).token();

    ApiResult<Done> result = client.importSnapshot(OTHER, WEB.veid(), token);

    assertThat(fieldsSentOnce(OTHER, "snapshot/import"))
        .containsOnly(entry("sourceVeid", "4242"), entry("sourceToken", token.reveal()));
    assertThat(result.isOk()).isTrue();
  }

  @Test
  void listBackupsReadsTokenKeyedObject() {
    List<Backup> backups = value(client.listBackups(WEB));

    assertThat(fieldsSentOnce(WEB, "backup/list")).isEmpty();
    assertThat(backups)
        .extracting(Backup::token)
        .containsExactlyInAnyOrderElementsOf(
            sim.server(WEB.veid()).backups().stream().map(SimulatedServer.Backup::token).toList());
  }

  @Test
  void copyBackupToSnapshotSendsBackupToken() {
    String token = sim.server(WEB.veid()).backups().get(0).token();

    ApiResult<Done> result = client.copyBackupToSnapshot(WEB, token);

    assertThat(fieldsSentOnce(WEB, "backup/copyToSnapshot"))
        .containsExactly(entry("backupToken", token));
    assertThat(result.isOk()).isTrue();
  }

  // IPv6 and private IPs

  @Test
  void addIpv6WithoutIpSendsNoFieldAndReturnsTheAddress() {
    ApiResult<String> result = client.addIpv6(LEGACY, Optional.empty());

    assertThat(fieldsSentOnce(LEGACY, "ipv6/add")).isEmpty();
    assertThat(sim.server(LEGACY.veid()).ipv6Addresses()).contains(value(result));
  }

  @Test
  void addIpv6WithIpSendsIt() {
    String wanted = "2001:db8:115c::9";

    ApiResult<String> result = client.addIpv6(LEGACY, Optional.of(wanted));

    assertThat(fieldsSentOnce(LEGACY, "ipv6/add")).containsExactly(entry("ip", wanted));
    assertThat(value(result)).isEqualTo(wanted);
  }

  @Test
  void deleteIpv6SendsIp() {
    String ip = sim.server(WEB.veid()).ipv6Addresses().get(0);

    ApiResult<Done> result = client.deleteIpv6(WEB, ip);

    assertThat(fieldsSentOnce(WEB, "ipv6/delete")).containsExactly(entry("ip", ip));
    assertThat(result.isOk()).isTrue();
  }

  @Test
  void availablePrivateIpsListsAddresses() {
    List<String> ips = value(client.availablePrivateIps(WEB));

    assertThat(fieldsSentOnce(WEB, "privateIp/getAvailableIps")).isEmpty();
    assertThat(ips).isNotEmpty();
  }

  @Test
  void assignPrivateIpSendsIpAndReturnsAssigned() {
    String ip = value(client.availablePrivateIps(WEB)).get(0);

    ApiResult<List<String>> result = client.assignPrivateIp(WEB, Optional.of(ip));

    assertThat(fieldsSentOnce(WEB, "privateIp/assign")).containsExactly(entry("ip", ip));
    assertThat(value(result)).containsExactly(ip);
  }

  @Test
  void deletePrivateIpSendsIp() {
    String ip = value(client.assignPrivateIp(WEB, Optional.empty())).get(0);

    ApiResult<Done> result = client.deletePrivateIp(WEB, ip);

    assertThat(fieldsSentOnce(WEB, "privateIp/delete")).containsExactly(entry("ip", ip));
    assertThat(result.isOk()).isTrue();
  }

  // Migration and cloning

  @Test
  void migrateLocationsJoinsDescriptionsAndMultipliers() {
    MigrateLocations locations = value(client.migrateLocations(WEB));

    assertThat(fieldsSentOnce(WEB, "migrate/getLocations")).isEmpty();
    assertThat(locations.currentLocation()).isEqualTo("USCA_6");
    assertThat(locations.locations()).allSatisfy(l -> assertThat(l.description()).isNotEmpty());
  }

  @Test
  void startMigrationSendsLocationAndReturnsNewIps() {
    MigrateStarted started = value(client.startMigration(WEB, "USCA_FMT"));

    assertThat(fieldsSentOnce(WEB, "migrate/start")).containsExactly(entry("location", "USCA_FMT"));
    assertThat(started.notificationEmail()).isEqualTo("owner@example.com");
    assertThat(started.newIps()).isNotEmpty();
  }

  @Test
  void cloneFromExternalServerSendsTheThreeFields() {
    ApiResult<Done> result =
        client.cloneFromExternalServer(LEGACY, "203.0.113.7", 2222, Secret.of("hunter2-root"));

    assertThat(fieldsSentOnce(LEGACY, "cloneFromExternalServer"))
        .containsOnly(
            entry("externalServerIP", "203.0.113.7"),
            entry("externalServerSSHport", "2222"),
            entry("externalServerRootPassword", "hunter2-root"));
    assertThat(result.isOk()).isTrue();
  }

  // Abuse

  @Test
  void getSuspensionDetailsJoinsEvidence() {
    long id = sim.server(WEB.veid()).suspend("spam", true, 100, "complaint text");

    SuspensionDetails details = value(client.getSuspensionDetails(WEB));

    assertThat(fieldsSentOnce(WEB, "getSuspensionDetails")).isEmpty();
    assertThat(details.suspensions())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.recordId()).isEqualTo(id);
              assertThat(s.soft()).isTrue();
              assertThat(s.evidence()).isEqualTo("complaint text");
            });
  }

  @Test
  void unsuspendSendsRecordId() {
    long id = sim.server(WEB.veid()).suspend("spam", true, 100, "complaint text");

    ApiResult<Done> result = client.unsuspend(WEB, id);

    assertThat(fieldsSentOnce(WEB, "unsuspend")).containsExactly(entry("record_id", "" + id));
    assertThat(result.isOk()).isTrue();
    assertThat(sim.server(WEB.veid()).suspended()).isFalse();
  }

  @Test
  void getPolicyViolationsParsesOpenViolations() {
    long id = sim.server(WEB.veid()).addPolicyViolation("copyright", true, 100, "details");

    PolicyViolations violations = value(client.getPolicyViolations(WEB));

    assertThat(fieldsSentOnce(WEB, "getPolicyViolations")).isEmpty();
    assertThat(violations.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.recordId()).isEqualTo(id);
              assertThat(v.suspendAt()).isAfter(v.createdAt());
              assertThat(v.evidence()).isEqualTo("details");
            });
  }

  @Test
  void resolvePolicyViolationSendsRecordId() {
    long id = sim.server(WEB.veid()).addPolicyViolation("copyright", true, 100, "details");

    ApiResult<Done> result = client.resolvePolicyViolation(WEB, id);

    assertThat(fieldsSentOnce(WEB, "resolvePolicyViolation"))
        .containsExactly(entry("record_id", "" + id));
    assertThat(result.isOk()).isTrue();
    assertThat(sim.server(WEB.veid()).policyViolations()).isEmpty();
  }

  /**
   * The one request sent for this call, checked for what every request must be, and its fields
   * other than {@code veid} and {@code api_key}.
   */
  private Map<String, String> fieldsSentOnce(FleetServer server, String call) {
    List<RecordedCall> calls = sim.calls(server.veid(), call);
    assertThat(calls).as("requests for %s", call).hasSize(1);
    RecordedCall sent = calls.get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.query()).as("query of %s", call).isEmpty();
    assertThat(sent.params())
        .containsEntry("veid", Long.toString(server.veid()))
        .containsEntry("api_key", server.apiKey().reveal());
    return sent.params().entrySet().stream()
        .filter(e -> !e.getKey().equals("veid") && !e.getKey().equals("api_key"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static <T> T value(ApiResult<T> result) {
    assertThat(result).isInstanceOf(ApiResult.Ok.class);
    return ((ApiResult.Ok<T>) result).value();
  }
}

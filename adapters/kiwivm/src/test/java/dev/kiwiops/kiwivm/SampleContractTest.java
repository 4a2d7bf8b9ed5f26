package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.AvailableOs;
import dev.kiwiops.core.kiwivm.Backup;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.MigrateLocations;
import dev.kiwiops.core.kiwivm.PanelAuditLog;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.kiwivm.UsageStats;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.simulator.samples.CapturedAnswers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The captured answers of the live API ({@link CapturedAnswers}), served over HTTP as the live API
 * serves them ({@code text/plain}), parse into the port's records with every quirk handled.
 */
class SampleContractTest {
  /** Which client call reads each sample; every sample file must be listed here. */
  static final Map<String, Function<KiwiVmClient, ApiResult<?>>> READERS =
      Map.ofEntries(
          Map.entry("backup-list-empty.json", c -> c.listBackups(TestServers.WEB1)),
          Map.entry("backup-list.json", c -> c.listBackups(TestServers.WEB1)),
          Map.entry("error-auth.json", c -> c.getServiceInfo(TestServers.WEB1)),
          Map.entry("error-locked.json", c -> c.getServiceInfo(TestServers.WEB1)),
          Map.entry("getAuditLog.json", c -> c.getAuditLog(TestServers.WEB1)),
          Map.entry("getAvailableOS.json", c -> c.getAvailableOs(TestServers.WEB1)),
          Map.entry("getLiveServiceInfo-kvm.json", c -> c.getLiveServiceInfo(TestServers.WEB1)),
          Map.entry("getLiveServiceInfo-ovz.json", c -> c.getLiveServiceInfo(TestServers.WEB1)),
          Map.entry("getPolicyViolations.json", c -> c.getPolicyViolations(TestServers.WEB1)),
          Map.entry("getRateLimitStatus.json", c -> c.getRateLimitStatus(TestServers.WEB1)),
          Map.entry("getRawUsageStats.json", c -> c.getRawUsageStats(TestServers.WEB1)),
          Map.entry("getServiceInfo-kvm.json", c -> c.getServiceInfo(TestServers.WEB1)),
          Map.entry("getServiceInfo-nullroute.json", c -> c.getServiceInfo(TestServers.WEB1)),
          Map.entry("getSuspensionDetails.json", c -> c.getSuspensionDetails(TestServers.WEB1)),
          Map.entry("migrate-getLocations.json", c -> c.migrateLocations(TestServers.WEB1)),
          Map.entry("snapshot-list.json", c -> c.listSnapshots(TestServers.WEB1)));

  static final Set<String> ERROR_SAMPLES = Set.of("error-auth.json", "error-locked.json");

  private CannedApi api;
  private KiwiVmClient client;

  @BeforeEach
  void start() throws IOException {
    api = CannedApi.start();
    client = KiwiVmClient.builder(api.apiBase()).timeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void everySampleFileHasAReaderAndParsesAsItsKind() {
    List<String> files = CapturedAnswers.FILES;
    assertThat(files).isNotEmpty();
    assertThat(READERS.keySet()).containsAll(files);
    for (String file : files) {
      ApiResult<?> result = serve(file, READERS.get(file));
      if (ERROR_SAMPLES.contains(file)) {
        assertThat(result.isOk()).as(file).isFalse();
        assertThat(result).as(file).isNotInstanceOf(ApiResult.BadResponse.class);
      } else {
        assertThat(result).as(file).isInstanceOf(ApiResult.Ok.class);
      }
    }
  }

  @Test
  void emptyPhpArrayParsesAsEmptyMap() {
    ServiceInfo info =
        ok(serve("getServiceInfo-kvm.json", c -> c.getServiceInfo(TestServers.WEB1)));

    assertThat(info.nullroutes()).isEmpty();
  }

  @Test
  void emptyBackupListIsPhpEmptyArray() {
    List<Backup> backups =
        ok(serve("backup-list-empty.json", c -> c.listBackups(TestServers.WEB1)));

    assertThat(backups).isEmpty();
  }

  @Test
  void nullrouteObjectIsKeyedByIp() {
    ServiceInfo info =
        ok(serve("getServiceInfo-nullroute.json", c -> c.getServiceInfo(TestServers.WEB1)));

    assertThat(info.nullroutes())
        .containsExactly(
            Map.entry(
                "192.0.2.1",
                new ServiceInfo.Nullroute(
                    Instant.ofEpochSecond(1556678627),
                    360,
                    "Packet dump data of the attack\n(multi-line)")));
  }

  @Test
  void serviceInfoKeepsSixtyFourBitQuotasAndQuirkyFields() {
    ServiceInfo info =
        ok(serve("getServiceInfo-kvm.json", c -> c.getServiceInfo(TestServers.WEB1)));

    assertThat(info)
        .extracting(
            ServiceInfo::vmType,
            ServiceInfo::planMonthlyDataBytes,
            ServiceInfo::dataCounterBytes,
            ServiceInfo::dataNextReset,
            ServiceInfo::nodeLocationId,
            ServiceInfo::iso1,
            ServiceInfo::ipAddresses,
            ServiceInfo::maxAbusePoints)
        .containsExactly(
            VmType.KVM,
            2147483648000L,
            611537718433L,
            Instant.ofEpochSecond(1757518033),
            "USCA_1",
            "",
            List.of("192.0.2.1", "2001:db8::1"),
            1200L);
  }

  @Test
  void kvmLiveInfoParsesStringQuotaEmptyFlagsAndLowercaseStatus() {
    LiveServiceInfo live =
        ok(serve("getLiveServiceInfo-kvm.json", c -> c.getLiveServiceInfo(TestServers.WEB1)));

    assertThat(live)
        .extracting(
            LiveServiceInfo::powerState,
            LiveServiceInfo::diskQuotaGb,
            LiveServiceInfo::cpuThrottled,
            LiveServiceInfo::diskThrottled,
            LiveServiceInfo::sshPort,
            LiveServiceInfo::loadAverage,
            LiveServiceInfo::memAvailableKb,
            LiveServiceInfo::mac)
        .containsExactly(
            PowerState.RUNNING,
            41L,
            false,
            false,
            36122,
            "0.00 0.00 0.00 1/147 6101",
            1864624L,
            "02:00:00:00:00:01");
  }

  @Test
  void screendumpIsDecodedToPngBytes() {
    LiveServiceInfo live =
        ok(serve("getLiveServiceInfo-kvm.json", c -> c.getLiveServiceInfo(TestServers.WEB1)));

    assertThat(live.screenshotPng()).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void ovzLiveInfoReadsVzStatusAndQuota() {
    LiveServiceInfo live =
        ok(serve("getLiveServiceInfo-ovz.json", c -> c.getLiveServiceInfo(TestServers.WEB1)));

    assertThat(live.info().vmType()).isEqualTo(VmType.OVZ);
    assertThat(live.powerState()).isEqualTo(PowerState.RUNNING);
    assertThat(live.loadAverage()).isEqualTo("0.00/0.00/0.00");
    assertThat(live.vzStatus()).containsEntry("nproc", "7").containsEntry("physpages_l", "65536");
    assertThat(live.vzQuota()).containsEntry("occupied_kb", "665424");
    assertThat(live.memAvailableKb()).isNull();
    assertThat(live.info().monthlyDataMultiplier()).isEqualTo(1.0);
  }

  @Test
  void nullAndEmptyPtrValuesBecomeEmptyStrings() {
    LiveServiceInfo live =
        ok(serve("getLiveServiceInfo-ovz.json", c -> c.getLiveServiceInfo(TestServers.WEB1)));

    assertThat(live.info().ptr())
        .containsOnly(Map.entry("45.62.104.239", ""), Map.entry("2607:8700:102:65e9::", ""));
  }

  @Test
  void snapshotDescriptionIsBase64DecodedAndSizeStringIsANumber() {
    List<Snapshot> snapshots =
        ok(serve("snapshot-list.json", c -> c.listSnapshots(TestServers.WEB1)));

    assertThat(snapshots).hasSize(1);
    Snapshot snapshot = snapshots.get(0);
    assertThat(snapshot.description()).isEqualTo("test");
    assertThat(snapshot.sizeBytes()).isEqualTo(1072506553L);
    assertThat(snapshot.uncompressedBytes()).isEqualTo(2820485438L);
    assertThat(snapshot.purgesIn()).isEqualTo(Duration.ofSeconds(2591768));
    assertThat(snapshot.sticky()).isFalse();
    assertThat(snapshot.downloadLinkSsl()).isEmpty();
  }

  @Test
  void backupsAreKeyedByToken() {
    List<Backup> backups = ok(serve("backup-list.json", c -> c.listBackups(TestServers.WEB1)));

    assertThat(backups)
        .containsExactly(
            new Backup(
                "e6dfb352f377912048bea6780d196981c1570768",
                1811939328L,
                "ubuntu-24.04-x86_64",
                "a3c2b1e0f9d8c7b6a5f4e3d2c1b0a9f8",
                Instant.ofEpochSecond(1757431633)));
  }

  @Test
  void auditLogDecodesUint32AddressesFromNumbersAndStrings() {
    PanelAuditLog log = ok(serve("getAuditLog.json", c -> c.getAuditLog(TestServers.WEB1)));

    assertThat(log.entries())
        .containsExactly(
            new PanelAuditLog.Entry(
                Instant.ofEpochSecond(1757431633), "192.0.2.1", 1, "API: restart"),
            new PanelAuditLog.Entry(Instant.ofEpochSecond(1757435233), "192.0.2.1", 0, "Login"));
  }

  @Test
  void migrateLocationsJoinDescriptionsAndMultipliers() {
    MigrateLocations locations =
        ok(serve("migrate-getLocations.json", c -> c.migrateLocations(TestServers.WEB1)));

    assertThat(locations.currentLocation()).isEqualTo("USCA_2");
    assertThat(locations.locations())
        .hasSize(5)
        .contains(
            new MigrateLocations.Location("EUNL_3", "EU: Amsterdam, Netherlands (IPv4+IPv6)", 1.0));
  }

  @Test
  void suspensionCarriesItsEvidenceText() {
    SuspensionDetails details =
        ok(serve("getSuspensionDetails.json", c -> c.getSuspensionDetails(TestServers.WEB1)));

    assertThat(details.suspensions())
        .containsExactly(
            new SuspensionDetails.Suspension(
                11851, "copyright", true, 2207, 100, "Full text of abuse complaint here"));
    assertThat(details.suspensionCount()).isEqualTo(2);
  }

  @Test
  void policyViolationCarriesSuspendTime() {
    PolicyViolations violations =
        ok(serve("getPolicyViolations.json", c -> c.getPolicyViolations(TestServers.WEB1)));

    assertThat(violations.violations())
        .containsExactly(
            new PolicyViolations.Violation(
                14,
                Instant.ofEpochSecond(1571469818),
                Instant.ofEpochSecond(1571599418),
                "copyright",
                true,
                100,
                "Details of violation"));
    assertThat(violations.maxAbusePoints()).isEqualTo(1500);
  }

  @Test
  void rateLimitStatusIsReadAndRemembered() {
    RateLimitStatus status =
        ok(serve("getRateLimitStatus.json", c -> c.getRateLimitStatus(TestServers.WEB1)));

    assertThat(status).isEqualTo(new RateLimitStatus(997, 19852));
    assertThat(client.lastRateLimit(TestServers.WEB1)).contains(status);
  }

  @Test
  void rawUsageStatsAreFiveMinuteSamples() {
    UsageStats stats =
        ok(serve("getRawUsageStats.json", c -> c.getRawUsageStats(TestServers.WEB1)));

    assertThat(stats.vmType()).isEqualTo(VmType.KVM);
    assertThat(stats.samples())
        .first()
        .isEqualTo(
            new UsageStats.Sample(
                Instant.ofEpochSecond(1788993301), 12, 86073344, 81572864, 24576, 5709824));
  }

  @Test
  void availableOsListsTemplates() {
    AvailableOs os = ok(serve("getAvailableOS.json", c -> c.getAvailableOs(TestServers.WEB1)));

    assertThat(os.installed()).isEqualTo("centos-7-x86_64");
    assertThat(os.templates()).hasSize(4).contains("ubuntu-16.04-x86_64");
  }

  @Test
  void lockedAnswerBecomesProgress() {
    ApiResult<?> result = serve("error-locked.json", c -> c.getServiceInfo(TestServers.WEB1));

    assertThat(result)
        .isEqualTo(new ApiResult.Locked<>("OS Reinstall: debian-13-x86_64", 80, "Starting VM", 19));
  }

  @Test
  void authErrorBecomesAuthFailure() {
    ApiResult<?> result = serve("error-auth.json", c -> c.getServiceInfo(TestServers.WEB1));

    assertThat(result).isEqualTo(new ApiResult.AuthFailure<>());
  }

  private ApiResult<?> serve(String file, Function<KiwiVmClient, ApiResult<?>> reader) {
    api.answer(CapturedAnswers.read(file));
    // A fresh client per file: the cache must not answer one sample with another's answer.
    client.close();
    client = KiwiVmClient.builder(api.apiBase()).timeout(Duration.ofSeconds(5)).build();
    return reader.apply(client);
  }

  @SuppressWarnings("unchecked")
  private static <T> T ok(ApiResult<?> result) {
    assertThat(result).isInstanceOf(ApiResult.Ok.class);
    return ((ApiResult.Ok<T>) result).value();
  }
}

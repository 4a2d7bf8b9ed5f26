package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Backup;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quirks the samples and the simulator do not show but the wire notes promise. */
class QuirkParsingTest {
  private CannedApi api;
  private KiwiVmClient client;

  @BeforeEach
  void start() throws IOException {
    api = CannedApi.start();
    client = KiwiVmClient.builder(api.apiBase()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void fractionalMultiplierScalesCounterAndQuota() {
    api.answer(
        "{\"error\":0,\"monthly_data_multiplier\":1.5,\"plan_monthly_data\":1000,"
            + "\"data_counter\":100}");

    ServiceInfo info = ok(client.getServiceInfo(TestServers.WEB1));

    assertThat(info.monthlyDataMultiplier()).isEqualTo(1.5);
    assertThat(info.scaledDataCounter()).isEqualTo(150);
    assertThat(info.scaledMonthlyData()).isEqualTo(1500);
  }

  @Test
  void throttleFlagsAcceptStringOneAndTrue() {
    api.answer("{\"error\":0,\"is_cpu_throttled\":\"1\",\"is_disk_throttled\":true}");

    LiveServiceInfo live = ok(client.getLiveServiceInfo(TestServers.WEB1));

    assertThat(live.cpuThrottled()).isTrue();
    assertThat(live.diskThrottled()).isTrue();
  }

  @Test
  void missingOptionalFieldsAreTolerated() {
    api.answer("{\"error\":0}");

    ServiceInfo info = ok(client.getServiceInfo(TestServers.WEB1));

    assertThat(info.hostname()).isEmpty();
    assertThat(info.monthlyDataMultiplier()).isEqualTo(1.0);
    assertThat(info.dataNextReset()).as("unknown, not 1970").isNull();
    assertThat(info.ptr()).isEmpty();
  }

  @Test
  void aViolationWithoutDeadlineHasNoDeadlineRatherThan1970() {
    api.answer(
        "{\"error\":0,\"policy_violations\":[{\"record_id\":14,\"timestamp\":1571469818,"
            + "\"flag\":\"spam\",\"is_soft\":1,\"abuse_points\":10}]}");

    PolicyViolations violations = ok(client.getPolicyViolations(TestServers.WEB1));

    assertThat(violations.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.suspendAt()).isNull();
              assertThat(v.createdAt()).isEqualTo(Instant.ofEpochSecond(1571469818));
            });
  }

  @Test
  void unknownFieldsAreIgnored() {
    api.answer("{\"error\":0,\"hostname\":\"h\",\"brand_new_field\":{\"nested\":[1,2]}}");

    assertThat(ok(client.getServiceInfo(TestServers.WEB1)).hostname()).isEqualTo("h");
  }

  @Test
  void ipv6AddAnswerWithOnlyAssignedSubnetGivesTheSubnet() {
    api.answer("{\"error\":0,\"assigned_subnet\":\"2001:db8:1::/64\"}");

    assertThat(ok(client.addIpv6(TestServers.WEB1, Optional.empty()))).isEqualTo("2001:db8:1::/64");
  }

  @Test
  void backupListInTheReferenceArrayShapeIsRead() {
    api.answer(
        "{\"error\":0,\"backups\":[{\"backupToken\":\"abc\",\"size\":\"10\",\"os\":\"x\","
            + "\"md5\":\"m\",\"timestamp\":\"5\"}]}");

    List<Backup> backups = ok(client.listBackups(TestServers.WEB1));

    assertThat(backups).containsExactly(new Backup("abc", 10, "x", "m", Instant.ofEpochSecond(5)));
  }

  @Test
  void hugeByteCounterKeepsEveryDigit() {
    api.answer("{\"error\":0,\"plan_disk\":9007199254740993}");

    assertThat(ok(client.getServiceInfo(TestServers.WEB1)).planDiskBytes())
        .isEqualTo(9007199254740993L);
  }

  @Test
  void aNumberWithAHugeExponentIsABadResponseNotAnOutOfMemoryError() {
    // Rounded to a long or written out as text, 1e999999999 is a billion digits.
    api.answer("{\"error\":0,\"plan_disk\":1e999999999}");
    assertThat(client.getServiceInfo(TestServers.WEB1))
        .isEqualTo(
            new ApiResult.BadResponse<>("getServiceInfo: field 'plan_disk' is out of range"));

    api.answer("{\"error\":0,\"hostname\":1e-999999999,\"plan_ram\":\"1e999999999\"}");
    assertThat(client.getServiceInfo(TestServers.WEB1))
        .isEqualTo(new ApiResult.BadResponse<>("getServiceInfo: field 'plan_ram' is out of range"));
  }

  @Test
  void aWriteWhoseAnswerHoldsAHugeNumberIsUnknown() {
    api.answer("{\"error\":0,\"rootPassword\":\"pw\",\"sshPort\":-1E+2147483647}");

    assertThat(client.reinstallOs(TestServers.WEB1, "debian-12"))
        .isEqualTo(
            new ApiResult.Unknown<>(
                ApiResult.Unknown.Kind.UNREADABLE_ANSWER,
                "reinstallOS: field 'sshPort' is out of range"));
  }

  @Test
  void aStringFieldHoldingAHugeNumberIsShownInScientificNotation() {
    api.answer("{\"error\":0,\"hostname\":-1E+2147483647}");

    assertThat(ok(client.getServiceInfo(TestServers.WEB1)).hostname()).isEqualTo("-1E+2147483647");
  }

  @Test
  void aNumberBeyondWhatADecimalHoldsIsUnreadable() {
    api.answer("{\"error\":0,\"plan_disk\":1e-2147483649}");

    assertThat(client.getServiceInfo(TestServers.WEB1))
        .isEqualTo(
            new ApiResult.BadResponse<>(
                "getServiceInfo: the answer is not a JSON object (number out of range at"
                    + " $.plan_disk)"));
  }

  @Test
  void zeroWithAnyExponentIsZero() {
    api.answer("{\"error\":0,\"plan_disk\":0e999999999,\"hostname\":0E-999999999}");

    ServiceInfo info = ok(client.getServiceInfo(TestServers.WEB1));

    assertThat(info.planDiskBytes()).isZero();
    assertThat(info.hostname()).isEqualTo("0");
  }

  @Test
  void aTimeBeyondWhatAnInstantHoldsIsABadResponse() {
    api.answer(
        "{\"error\":0,\"ip_nullroutes\":{\"192.0.2.1\":"
            + "{\"nullroute_timestamp\":9223372036854775807}}}");

    assertThat(client.getServiceInfo(TestServers.WEB1))
        .isEqualTo(
            new ApiResult.BadResponse<>(
                "getServiceInfo: field 'nullroute_timestamp' is out of range"));
  }

  private static <T> T ok(ApiResult<T> result) {
    assertThat(result).isInstanceOf(ApiResult.Ok.class);
    return ((ApiResult.Ok<T>) result).value();
  }
}

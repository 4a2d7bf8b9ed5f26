package dev.kiwiops.core.commands;

import static dev.kiwiops.core.commands.CommandsFixture.info;
import static dev.kiwiops.core.commands.CommandsFixture.ok;
import static dev.kiwiops.core.commands.CommandsTest.WEB1_IPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.VmType;
import org.junit.jupiter.api.Test;

/** The audit outcome is what every upstream call of the execution answered, noted or not. */
class AuditOutcomeTest {
  final CommandsFixture f = new CommandsFixture();

  String lastOutcome() {
    return f.audit.all().get(f.audit.all().size() - 1).outcome();
  }

  @Test
  void serversWhoseEveryReadFailsIsNotAuditedAsNone() {
    f.kiwi.answer(
        "getServiceInfo",
        new ApiResult.NetworkFailure<>(ApiResult.NetworkFailure.Kind.TIMEOUT, "slow"));

    f.run("servers");

    assertThat(f.kiwi.count("getServiceInfo")).isEqualTo(2);
    assertThat(lastOutcome()).isEqualTo("network timeout (2 of 2 calls failed)");
  }

  @Test
  void serversWhoseReadsSucceedIsOk() {
    f.kiwi.answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)));

    f.run("servers");

    assertThat(lastOutcome()).isEqualTo("ok");
  }

  @Test
  void aWriteThatFailsAfterItsCheckSaysSo() {
    f.kiwi
        .answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)))
        .answer("setPtr", new ApiResult.ApiError<>(700001, "invalid PTR"));

    f.run("rdns web1 203.0.113.7 box.example.com");

    assertThat(f.kiwi.count("getServiceInfo")).isEqualTo(1);
    assertThat(lastOutcome()).isEqualTo("api-error 700001 (1 of 2 calls failed)");
  }

  @Test
  void aCommandWithoutUpstreamCallsHasNone() {
    f.run("whoami");

    assertThat(f.audit.all()).extracting(AuditEntry::outcome).containsExactly("none");
  }

  @Test
  void aConfirmedWriteIsOk() {
    f.kiwi.answer("kill", new ApiResult.Ok<>(Done.INSTANCE));

    f.confirmed("power kill web1");

    assertThat(lastOutcome()).isEqualTo("ok");
  }
}

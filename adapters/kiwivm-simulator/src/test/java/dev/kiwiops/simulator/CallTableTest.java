package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallTableTest {

  private static final CallTable.Handler NOTHING = request -> Map.of("error", 0);

  @Test
  void aNameRegisteredTwiceFailsWhenTheTableIsBuilt() {
    CallTable table = new CallTable();
    table.read("getServiceInfo", NOTHING);

    assertThatThrownBy(() -> table.write("getServiceInfo", NOTHING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("getServiceInfo");
    assertThat(table.entry("getServiceInfo").write()).isFalse();
  }

  @Test
  void readsAndWritesAreToldApart() {
    CallTable table = new CallTable();
    table.read("snapshot/list", NOTHING);
    table.write("snapshot/create", NOTHING);

    assertThat(table.names()).containsExactly("snapshot/list", "snapshot/create");
    assertThat(table.entry("snapshot/list").write()).isFalse();
    assertThat(table.entry("snapshot/create").write()).isTrue();
    assertThat(table.entry("snapshot/delete")).isNull();
  }

  @Test
  void theGroupsRegisterEveryCallOnceAndMarkExactlyTheWritesAsAudited() {
    ApiCalls calls = new ApiCalls(null);

    assertThat(calls.names()).hasSize(43);
    assertThat(calls.writes())
        .containsExactlyInAnyOrder(
            "start",
            "stop",
            "restart",
            "kill",
            "reinstallOS",
            "updateSshKeys",
            "resetRootPassword",
            "setHostname",
            "setPTR",
            "iso/mount",
            "iso/unmount",
            "basicShell/exec",
            "shellScript/exec",
            "snapshot/create",
            "snapshot/delete",
            "snapshot/restore",
            "snapshot/toggleSticky",
            "snapshot/export",
            "snapshot/import",
            "backup/copyToSnapshot",
            "ipv6/add",
            "ipv6/delete",
            "migrate/start",
            "cloneFromExternalServer",
            "unsuspend",
            "resolvePolicyViolation",
            "privateIp/assign",
            "privateIp/delete");
  }
}

package dev.kiwiops.core.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiwiops.core.command.CommandSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfirmationRulesTest {
  private static CommandSpec spec(String permission, boolean confirm) {
    CommandSpec.Builder spec = CommandSpec.builder("x").summary("x").permission(permission);
    return (confirm ? spec.confirm() : spec).build();
  }

  @Test
  void catalogueConfirmationsCannotBeSwitchedOff() {
    assertThat(ConfirmationRules.defaults().needsConfirmation(spec("power.kill", true))).isTrue();
  }

  @Test
  void approvalImpliesConfirmationAndAcceptsGroups() {
    ConfirmationRules rules = ConfirmationRules.defaults().withApproval(List.of("Snapshot.*"));

    assertThat(rules.needsApproval(spec("snapshot.restore", true))).isTrue();
    assertThat(rules.needsConfirmation(spec("snapshot.create", false))).isTrue();
    assertThat(rules.needsApproval(spec("os.reinstall", true))).isFalse();
  }

  @Test
  void commandsOpenToAnyoneNeverWait() {
    ConfirmationRules rules = ConfirmationRules.defaults().withAlsoConfirm(List.of("*"));

    assertThat(rules.needsConfirmation(spec("", false))).isFalse();
    assertThat(rules.needsConfirmation(spec("info", false))).isTrue();
  }

  @Test
  void malformedPermissionAndZeroTtlAreRefused() {
    assertThatThrownBy(() -> ConfirmationRules.defaults().withApproval(List.of("os reinstall")))
        .hasMessageContaining("'os reinstall' is not a permission pattern");
    assertThatThrownBy(() -> ConfirmationRules.defaults().withTtl(Duration.ZERO))
        .hasMessage("confirm.ttl must be longer than zero");
  }
}

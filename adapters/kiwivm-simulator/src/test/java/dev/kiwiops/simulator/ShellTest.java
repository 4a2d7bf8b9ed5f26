package dev.kiwiops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShellTest {
  private final SimulatorFixture f = new SimulatorFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void execAnswersExitStatusAsErrorAndOutputAsMessage() {
    assertThat(f.kvm.call("basicShell/exec", "command", "echo hello"))
        .containsEntry("error", 0L)
        .containsEntry("message", "hello\n");
  }

  @Test
  void unknownCommandExits127() {
    var answer = f.kvm.call("basicShell/exec", "command", "frobnicate --now");

    assertThat(answer).containsEntry("error", 127L);
    assertThat((String) answer.get("message")).contains("command not found");
  }

  @Test
  void falseExitsOne() {
    assertThat(f.kvm.call("basicShell/exec", "command", "false")).containsEntry("error", 1L);
  }

  @Test
  void osReleaseFollowsTheInstalledOs() {
    assertThat(
            (String) f.kvm.call("basicShell/exec", "command", "cat /etc/os-release").get("message"))
        .contains("Ubuntu 24.04");
  }

  @Test
  void seqProducesLongOutput() {
    String output = (String) f.kvm.call("basicShell/exec", "command", "seq 5000").get("message");

    assertThat(output.lines()).hasSize(5000);
  }

  @Test
  void cdAnswersTheNewWorkingDirectory() {
    assertThat(f.kvm.call("basicShell/cd", "currentDir", "/var", "newDir", "log"))
        .containsEntry("pwd", "/var/log");
  }

  @Test
  void cdIntoAMissingDirectoryIsAnError() {
    assertThat(f.kvm.post("basicShell/cd", "currentDir", "/", "newDir", "nowhere").error())
        .isEqualTo(700003);
  }

  @Test
  void pwdFollowsTheLastCd() {
    f.kvm.post("basicShell/cd", "currentDir", "/root", "newDir", "../etc");

    assertThat(f.kvm.call("basicShell/exec", "command", "pwd")).containsEntry("message", "/etc\n");
  }

  @Test
  void leadingCdChangesDirectoryForTheRestOfTheLine() {
    assertThat(f.kvm.call("basicShell/exec", "command", "cd '/etc' && pwd"))
        .containsEntry("error", 0L)
        .containsEntry("message", "/etc\n");
    assertThat((String) f.kvm.call("basicShell/exec", "command", "cd /etc && ls").get("message"))
        .contains("os-release");
  }

  @Test
  void leadingCdIntoAMissingDirectoryFailsLikeBash() {
    var answer = f.kvm.call("basicShell/exec", "command", "cd /nowhere && pwd");

    assertThat(answer)
        .containsEntry("error", 1L)
        .containsEntry("message", "bash: cd: /nowhere: No such file or directory\n");
  }

  @Test
  void execOnAStoppedServerIsRefused() {
    f.kvm.post("stop");

    assertThat(f.kvm.post("basicShell/exec", "command", "uptime").error()).isEqualTo(700007);
  }

  @Test
  void shellScriptAnswersALogFileAndKeepsTheScript() {
    var answer = f.kvm.call("shellScript/exec", "script", "#!/bin/sh\napt-get update\n");

    assertThat((String) answer.get("log")).endsWith(".log");
    assertThat(f.kvmServer().scripts()).containsExactly("#!/bin/sh\napt-get update\n");
  }
}

package dev.kiwiops.core.commands;

import static dev.kiwiops.core.commands.CommandsFixture.OPERATOR;
import static dev.kiwiops.core.commands.CommandsFixture.VIEWER;
import static dev.kiwiops.core.commands.CommandsFixture.VZ1;
import static dev.kiwiops.core.commands.CommandsFixture.WEB1;
import static dev.kiwiops.core.commands.CommandsFixture.info;
import static dev.kiwiops.core.commands.CommandsFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.AvailableOs;
import dev.kiwiops.core.kiwivm.Backup;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.MigrateLocations;
import dev.kiwiops.core.kiwivm.MigrateStarted;
import dev.kiwiops.core.kiwivm.PanelAuditLog;
import dev.kiwiops.core.kiwivm.PasswordReset;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.ReinstallResult;
import dev.kiwiops.core.kiwivm.ShellExecResult;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.kiwivm.SnapshotExport;
import dev.kiwiops.core.kiwivm.SshKeys;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.kiwivm.UsageStats;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import dev.kiwiops.core.testkit.RecordingKiwiVm.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each command of the catalogue through the dispatcher: what goes upstream, what is shown. */
class CommandsTest {
  static final String FILE =
      "snapshot-1001-1767225600-2026-01-01-3b360c68665a9d117643f5cd5657fb63c7985687.tar.gz";
  static final String BACKUP = "0123456789abcdef0123456789abcdef01234567";
  static final List<String> WEB1_IPS = List.of("203.0.113.7", "2001:db8:1:2::1");

  final CommandsFixture f = new CommandsFixture();

  private Call only(String method) {
    List<Call> calls = f.kiwi.calls(method);
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  // os, keys, password

  @Test
  void osListMarksTheInstalledTemplate() {
    f.kiwi.answer(
        "getAvailableOs",
        new ApiResult.Ok<>(
            new AvailableOs(
                "debian-12-x86_64", List.of("debian-12-x86_64", "ubuntu-24.04-x86_64"))));

    Reply reply = f.run(VIEWER, "os list web1");

    assertThat(reply.plainText())
        .contains("Installed: debian-12-x86_64")
        .contains("ubuntu-24.04-x86_64")
        .contains("debian-12-x86_64 | installed");
  }

  @Test
  void reinstallSendsThePasswordOnlyPrivatelyAndFollowsTheLock() {
    f.kiwi
        .answer(
            "getAvailableOs",
            new ApiResult.Ok<>(
                new AvailableOs(
                    "debian-12-x86_64", List.of("debian-12-x86_64", "ubuntu-24.04-x86_64"))))
        .answer(
            "reinstallOs",
            new ApiResult.Ok<>(
                new ReinstallResult(
                    Secret.of("Tr0ub4dor&3"), 22, List.of("ssh-ed25519 …ada"), "ops@example.com")))
        .answerInTurn(
            "getServiceInfo",
            new ApiResult.Locked<>("OS Reinstall: ubuntu-24.04-x86_64", 40, "Copying files", 3),
            new ApiResult.Locked<>("OS Reinstall: ubuntu-24.04-x86_64", 80, "Starting VM", 2),
            ok(info(VmType.KVM, WEB1_IPS)));

    Reply prompt = f.run("os reinstall web1 ubuntu-24.04-x86_64");
    assertThat(prompt.plainText())
        .contains("OS: debian-12-x86_64 → ubuntu-24.04-x86_64")
        .contains("Erased: everything");
    Reply answer = f.confirmed("os reinstall web1 ubuntu-24.04-x86_64");

    assertThat(only("reinstallOs").args()).containsExactly(WEB1, "ubuntu-24.04-x86_64");
    assertThat(answer.isPrivate()).isTrue();
    assertThat(answer.plainText()).contains("Tr0ub4dor&3").contains("SSH port: 22");
    assertThat(f.audit.all().toString()).doesNotContain("Tr0ub4dor");

    f.scheduler.advance(Duration.ofSeconds(5));
    assertThat(f.chat.last().plainText()).contains("40%").contains("Copying files");
    assertThat(f.chat.last().isPrivate()).isFalse();
    f.scheduler.advance(Duration.ofSeconds(5));
    f.scheduler.advance(Duration.ofSeconds(5));
    assertThat(f.chat.edits())
        .extracting(Reply::plainText)
        .anyMatch(t -> t.contains("80%") && t.contains("Starting VM"));
    assertThat(f.chat.edits().get(f.chat.edits().size() - 1).plainText())
        .contains("done")
        .contains("now runs debian-12-x86_64");
    assertThat(f.scheduler.queued()).isZero();
  }

  @Test
  void reinstallWithAnUnofferedTemplateSendsNoWrite() {
    f.kiwi.answer(
        "getAvailableOs",
        new ApiResult.Ok<>(new AvailableOs("debian-12-x86_64", List.of("debian-12-x86_64"))));

    Reply reply = f.refusedBeforePrompt("os reinstall web1 windows-11");

    assertThat(reply.plainText())
        .contains("No template 'windows-11'")
        .contains("Nothing was changed");
    assertThat(f.writes()).isZero();
  }

  @Test
  void sshKeysShowListsTheShortForms() {
    f.kiwi.answer(
        "getSshKeys",
        new ApiResult.Ok<>(
            new SshKeys(
                List.of("k1"),
                List.of(),
                List.of("k1"),
                List.of("ssh-ed25519 AAAA…ada"),
                List.of(),
                List.of("ssh-ed25519 AAAA…ada"))));

    Reply reply = f.run(OPERATOR, "sshkeys show web1");

    assertThat(reply.plainText())
        .contains("VM (vault): ssh-ed25519 AAAA…ada")
        .contains("Account (portal): none");
  }

  @Test
  void sshKeysSetSendsEachKeyWhetherQuotedOrNot() {
    f.kiwi
        .answer("updateSshKeys", new ApiResult.Ok<>(Done.INSTANCE))
        .answer(
            "getSshKeys",
            new ApiResult.Ok<>(
                new SshKeys(List.of(), List.of(), List.of(), List.of(), List.of(), List.of())));

    Reply reply =
        f.confirmed(
            "sshkeys set web1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA ada@laptop \"ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB bob\"");

    assertThat(only("updateSshKeys").args().get(1))
        .isEqualTo(
            List.of(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA ada@laptop",
                "ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB bob"));
    assertThat(reply.plainText()).contains("2 keys stored for web1");
  }

  @Test
  void passwordResetAnswersPrivately() {
    f.kiwi.answer(
        "resetRootPassword", new ApiResult.Ok<>(new PasswordReset(Secret.of("n3w-Pass"))));

    Reply reply = f.confirmed("password reset web1");

    assertThat(reply.isPrivate()).isTrue();
    assertThat(reply.plainText()).contains("n3w-Pass");
    assertThat(f.kiwi.count("resetRootPassword")).isEqualTo(1);
  }

  // usage

  @Test
  void usageChartsThePeriodAndSummarises() {
    List<UsageStats.Sample> samples = new ArrayList<>();
    Instant now = f.clock.instant();
    for (int i = 0; i < 48 * 12; i++) {
      samples.add(
          new UsageStats.Sample(
              now.minus(Duration.ofMinutes(5L * i)),
              i == 3 ? 97 : 10,
              300_000_000L,
              100,
              1024,
              2048));
    }
    f.kiwi.answer("getRawUsageStats", new ApiResult.Ok<>(new UsageStats(VmType.KVM, samples)));

    Reply reply = f.run(VIEWER, "usage web1 6h");

    assertThat(f.chartPeriods).containsExactly(Duration.ofHours(6));
    assertThat(reply.attachments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.mediaType()).isEqualTo("image/png");
              assertThat(a.fileName()).isEqualTo("web1-usage-6h.png");
            });
    // 6 h of 5-minute samples, both ends included: 73 samples of 300 000 000 bytes in.
    assertThat(reply.plainText())
        .contains("peak 97%")
        .contains("73 samples")
        .contains(dev.kiwiops.core.format.Units.bytes(73 * 300_000_000L) + " in")
        .contains("8.0 Mbit/s");
  }

  @Test
  void usageDefaultsToOneDay() {
    f.kiwi.answer(
        "getRawUsageStats",
        new ApiResult.Ok<>(
            new UsageStats(
                VmType.KVM, List.of(new UsageStats.Sample(f.clock.instant(), 1, 1, 1, 1, 1)))));

    f.run(VIEWER, "usage web1");

    assertThat(f.chartPeriods).containsExactly(Duration.ofHours(24));
  }

  // naming

  @Test
  void hostnameIsSentLowerCased() {
    f.kiwi.answer("setHostname", new ApiResult.Ok<>(Done.INSTANCE));

    Reply reply = f.run(OPERATOR, "hostname web1 Web1.Example.com");

    assertThat(only("setHostname").args()).containsExactly(WEB1, "web1.example.com");
    assertThat(reply.tone()).isEqualTo(Tone.SUCCESS);
  }

  @Test
  void rdnsIsSetForAnIpOfTheServer() {
    f.kiwi
        .answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)))
        .answer("setPtr", new ApiResult.Ok<>(Done.INSTANCE));

    f.run(OPERATOR, "rdns web1 2001:db8:1:2:0:0:0:1 mail.example.com");

    assertThat(only("setPtr").args())
        .containsExactly(WEB1, "2001:db8:1:2:0:0:0:1", "mail.example.com");
  }

  @Test
  void rdnsForAnotherServersIpSendsNoWrite() {
    f.kiwi.answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)));

    Reply reply = f.run(OPERATOR, "rdns web1 198.51.100.9 mail.example.com");

    assertThat(reply.plainText())
        .contains("198.51.100.9 is not an IP of web1")
        .contains("203.0.113.7");
    assertThat(f.writes()).isZero();
  }

  // iso

  @Test
  void isoListShowsTheMountedOne() {
    f.kiwi.answer(
        "getServiceInfo",
        ok(info(VmType.KVM, WEB1_IPS, List.of(), "systemrescue-11.01-amd64.iso")));

    assertThat(f.run(VIEWER, "iso list web1").plainText())
        .contains("Mounted: systemrescue-11.01-amd64.iso")
        .contains("debian-12.0.0-amd64-netinst.iso");
  }

  @Test
  void isoMountRemindsOfTheFullStop() {
    f.kiwi
        .answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)))
        .answer("mountIso", new ApiResult.Ok<>(Done.INSTANCE));

    Reply reply = f.run(OPERATOR, "iso mount web1 systemrescue-11.01-amd64.iso");

    assertThat(only("mountIso").args()).containsExactly(WEB1, "systemrescue-11.01-amd64.iso");
    assertThat(reply.plainText()).contains("full stop and start").contains("power stop web1");
  }

  @Test
  void isoMountOfAnUnofferedIsoSendsNoWrite() {
    f.kiwi.answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)));

    f.run(OPERATOR, "iso mount web1 evil.iso");

    assertThat(f.writes()).isZero();
    assertThat(f.chat.lastText()).contains("No ISO 'evil.iso'");
  }

  @Test
  void isoUnmountRemindsToo() {
    f.kiwi.answer("unmountIso", new ApiResult.Ok<>(Done.INSTANCE));

    assertThat(f.run(OPERATOR, "iso unmount web1").plainText()).contains("full stop and start");
    assertThat(f.kiwi.count("unmountIso")).isEqualTo(1);
  }

  // shell

  @Test
  void shellExecRunsInTheDirectoryOfShellCd() {
    f.kiwi
        .answer("shellCd", new ApiResult.Ok<>("/var/log"))
        .answer("shellExec", new ApiResult.Ok<>(new ShellExecResult(0, "syslog\nauth.log\n")));

    f.run("shell cd web1 /var/log");
    Reply reply = f.confirmed("shell exec web1 ls -1 | grep 'a b'");

    assertThat(only("shellCd").args()).containsExactly(WEB1, "/root", "/var/log");
    assertThat(only("shellExec").args())
        .containsExactly(WEB1, "cd '/var/log' && ls -1 | grep 'a b'");
    assertThat(reply.isPrivate()).isTrue();
    assertThat(reply.plainText()).contains("exit 0").contains("auth.log");
  }

  @Test
  void shellDirectoriesArePerUser() {
    f.kiwi.answer("shellCd", new ApiResult.Ok<>("/srv"));
    f.run("shell cd web1 /srv");
    f.kiwi.answer("shellCd", new ApiResult.Ok<>("/etc"));

    f.run("shell cd web1 ../etc");
    f.run(CommandsFixture.ADMIN2, "shell cd web1 /etc");

    assertThat(f.kiwi.calls("shellCd"))
        .extracting(c -> c.args().get(1))
        .containsExactly("/root", "/srv", "/root");
  }

  @Test
  void longShellOutputIsAttachedWhole() {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      out.append("line ").append(i).append('\n');
    }
    f.kiwi.answer("shellExec", new ApiResult.Ok<>(new ShellExecResult(3, out.toString())));

    Reply reply = f.confirmed("shell exec web1 journalctl -n 200");

    assertThat(reply.attachments())
        .singleElement()
        .satisfies(
            a ->
                assertThat(new String(a.data(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(out.toString()));
    assertThat(reply.plainText())
        .contains("exit 3")
        .contains("line 10")
        .doesNotContain("line 11\n")
        .contains("First 10 of 200 lines");
    assertThat(reply.isPrivate()).isTrue();
  }

  @Test
  void shellScriptAnswersTheLogFile() {
    f.kiwi.answer("shellScript", new ApiResult.Ok<>("/root/script-1767.log"));

    Reply reply = f.confirmed("shell script web1 \"apt-get update && apt-get -y upgrade\"");

    assertThat(only("shellScript").args())
        .containsExactly(WEB1, "'apt-get update && apt-get -y upgrade'");
    assertThat(reply.plainText()).contains("/root/script-1767.log");
  }

  // snapshots and backups

  private static Snapshot snapshot(boolean sticky) {
    return new Snapshot(
        FILE,
        "debian-12-x86_64",
        "before upgrade",
        1_072_506_553L,
        2_820_485_438L,
        "md5",
        sticky,
        Duration.ofSeconds(2_591_768),
        "http://x",
        null);
  }

  @Test
  void snapshotListShowsDescriptionSizeAndPurgeCountdown() {
    f.kiwi.answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(false))));

    assertThat(f.run(VIEWER, "snapshot list web1").plainText())
        .contains(FILE)
        .contains("before upgrade")
        .contains("1023 MiB")
        .contains("in 29 days");
  }

  @Test
  void stickySnapshotsNeverPurge() {
    f.kiwi.answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(true))));

    assertThat(f.run(VIEWER, "snapshot list web1").plainText()).contains("never (sticky)");
  }

  @Test
  void snapshotCreateSendsTheDescriptionAndFollowsProgress() {
    f.kiwi
        .answer("createSnapshot", new ApiResult.Ok<>("ops@example.com"))
        .answerInTurn(
            "getServiceInfo",
            new ApiResult.Locked<>("Snapshot", 10, "Compressing", 1),
            ok(info(VmType.KVM, WEB1_IPS)));

    Reply reply = f.run(OPERATOR, "snapshot create web1 before nginx upgrade");

    assertThat(only("createSnapshot").args())
        .containsExactly(WEB1, Optional.of("before nginx upgrade"));
    assertThat(reply.plainText()).contains("ops@example.com");
    f.scheduler.advance(Duration.ofSeconds(10));
    assertThat(f.chat.sent().get(1).plainText()).contains("10%").contains("Compressing");
    assertThat(f.chat.edits())
        .singleElement()
        .satisfies(r -> assertThat(r.plainText()).contains("done"));
  }

  @Test
  void snapshotDeleteOfAnExistingFile() {
    f.kiwi
        .answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(false))))
        .answer("deleteSnapshot", new ApiResult.Ok<>(Done.INSTANCE));

    f.confirmed("snapshot delete web1 " + FILE);

    assertThat(only("deleteSnapshot").args()).containsExactly(WEB1, FILE);
  }

  @Test
  void snapshotRestoreWarnsAndChecksTheFileExists() {
    f.kiwi.answer("listSnapshots", new ApiResult.Ok<>(List.of()));
    String other = FILE.replace("3b36", "ffff");

    Reply reply = f.refusedBeforePrompt("snapshot restore web1 " + other);

    assertThat(reply.plainText()).contains("No snapshot");
    assertThat(f.writes()).isZero();
  }

  @Test
  void snapshotDeleteIsRefusedWhenTheSnapshotsCannotBeRead() {
    f.kiwi.answer("listSnapshots", new ApiResult.ApiError<>(700001, "Internal error"));

    Reply reply = f.refusedBeforePrompt("snapshot delete web1 " + FILE);

    assertThat(reply.plainText())
        .contains("Could not check the snapshots of web1: KiwiVM error 700001: Internal error");
    assertThat(f.writes()).isZero();
  }

  @Test
  void snapshotRestoreFollowsProgress() {
    f.kiwi
        .answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(false))))
        .answer("restoreSnapshot", new ApiResult.Ok<>(Done.INSTANCE))
        .answerInTurn(
            "getServiceInfo",
            new ApiResult.Locked<>("Restore", 55, "", 1),
            ok(info(VmType.KVM, WEB1_IPS)));

    f.confirmed("snapshot restore web1 " + FILE);
    f.scheduler.advance(Duration.ofSeconds(10));

    assertThat(only("restoreSnapshot").args()).containsExactly(WEB1, FILE);
    assertThat(f.chat.edits())
        .last()
        .satisfies(r -> assertThat(r.plainText()).contains("restored from " + FILE));
  }

  @Test
  void snapshotStickyOnAndOff() {
    f.kiwi
        .answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(false))))
        .answer("toggleSnapshotSticky", new ApiResult.Ok<>(Done.INSTANCE));

    f.run(OPERATOR, "snapshot sticky web1 " + FILE + " on");
    f.run(OPERATOR, "snapshot sticky web1 " + FILE + " OFF");

    assertThat(f.kiwi.calls("toggleSnapshotSticky"))
        .extracting(c -> c.args().get(2))
        .containsExactly(true, false);
  }

  @Test
  void snapshotExportTokenIsPrivate() {
    f.kiwi
        .answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(false))))
        .answer(
            "exportSnapshot", new ApiResult.Ok<>(new SnapshotExport(Secret.of("TOKENabc123xyz"))));

    Reply reply = f.run(OPERATOR, "snapshot export web1 " + FILE);

    assertThat(reply.isPrivate()).isTrue();
    assertThat(reply.plainText())
        .contains("TOKENabc123xyz")
        .contains("snapshot import <server> 1001");
  }

  @Test
  void snapshotImportMasksTheTokenInPromptAndAudit() {
    f.kiwi.answer("importSnapshot", new ApiResult.Ok<>(Done.INSTANCE));

    Reply prompt = f.run("snapshot import vz1 1001 TOKENabc123xyz");
    f.confirmed("snapshot import vz1 1001 TOKENabc123xyz");

    assertThat(prompt.plainText()).doesNotContain("TOKENabc123xyz");
    assertThat(f.audit.all().toString()).doesNotContain("TOKENabc123xyz");
    assertThat(only("importSnapshot").args())
        .containsExactly(VZ1, 1001L, Secret.of("TOKENabc123xyz"));
  }

  @Test
  void backupListAndCopy() {
    f.kiwi
        .answer(
            "listBackups",
            new ApiResult.Ok<>(
                List.of(
                    new Backup(
                        BACKUP,
                        2_000_000_000L,
                        "debian-12-x86_64",
                        "md5",
                        Instant.parse("2026-01-08T03:00:00Z")))))
        .answer("copyBackupToSnapshot", new ApiResult.Ok<>(Done.INSTANCE))
        .answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)));

    assertThat(f.run(VIEWER, "backup list web1").plainText())
        .contains(BACKUP)
        .contains("2 days ago")
        .contains("1.86 GiB");
    f.run(OPERATOR, "backup copy web1 " + BACKUP.toUpperCase(java.util.Locale.ROOT));

    assertThat(only("copyBackupToSnapshot").args()).containsExactly(WEB1, BACKUP);
  }

  // ipv6 and private IPs

  @Test
  void ipv6AddFromThePoolOrWithinTheSlash64() {
    f.kiwi
        .answer("addIpv6", new ApiResult.Ok<>("2001:db8:1:2::10"))
        .answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)));

    assertThat(f.run(OPERATOR, "ipv6 add web1").plainText()).contains("Assigned 2001:db8:1:2::10");
    f.run(OPERATOR, "ipv6 add web1 2001:db8:1:2::10");
    f.run(OPERATOR, "ipv6 add web1 2001:db8:9:9::10");

    assertThat(f.kiwi.calls("addIpv6"))
        .extracting(c -> c.args().get(1))
        .containsExactly(Optional.empty(), Optional.of("2001:db8:1:2::10"));
    assertThat(f.chat.lastText()).contains("outside the /64");
  }

  @Test
  void ipv6DeleteOnlyOfTheServersAddresses() {
    f.kiwi
        .answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)))
        .answer("deleteIpv6", new ApiResult.Ok<>(Done.INSTANCE));

    f.confirmed("ipv6 delete web1 2001:db8:1:2::1");
    assertThat(f.refusedBeforePrompt("ipv6 delete web1 2001:db8:1:2::99").plainText())
        .contains("is not an IP of web1");

    assertThat(f.kiwi.calls("deleteIpv6"))
        .singleElement()
        .satisfies(c -> assertThat(c.args()).containsExactly(WEB1, "2001:db8:1:2::1"));
  }

  @Test
  void privateIps() {
    f.kiwi
        .answer("availablePrivateIps", new ApiResult.Ok<>(List.of("10.0.0.12", "10.0.0.13")))
        .answer("assignPrivateIp", new ApiResult.Ok<>(List.of("10.0.0.12")))
        .answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS, List.of("10.0.0.12"), "")))
        .answer("deletePrivateIp", new ApiResult.Ok<>(Done.INSTANCE));

    assertThat(f.run(VIEWER, "privateip available web1").plainText())
        .contains("10.0.0.12, 10.0.0.13");
    f.run(OPERATOR, "privateip assign web1 10.0.0.12");
    f.run(OPERATOR, "privateip assign web1 10.0.0.99");
    f.confirmed("privateip delete web1 10.0.0.12");

    assertThat(f.kiwi.calls("assignPrivateIp"))
        .singleElement()
        .satisfies(c -> assertThat(c.args()).containsExactly(WEB1, Optional.of("10.0.0.12")));
    assertThat(only("deletePrivateIp").args()).containsExactly(WEB1, "10.0.0.12");
  }

  @Test
  void privateIpDeleteOfAnAddressTheServerDoesNotHoldSendsNoWrite() {
    f.kiwi.answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS, List.of("10.0.0.12"), "")));

    Reply reply = f.refusedBeforePrompt("privateip delete web1 10.0.0.99");

    assertThat(reply.plainText())
        .contains("10.0.0.99 is not a private IP of web1 (its private IPs: 10.0.0.12).");
    assertThat(f.writes()).isZero();
  }

  // migration and cloning

  private static MigrateLocations locations() {
    return new MigrateLocations(
        "USCA_2",
        List.of(
            new MigrateLocations.Location("USCA_2", "US: Los Angeles", 1),
            new MigrateLocations.Location("JPOS_1", "JP: Osaka", 2.5)));
  }

  @Test
  void migrateLocationsShowMultipliers() {
    f.kiwi.answer("migrateLocations", new ApiResult.Ok<>(locations()));

    assertThat(f.run(VIEWER, "migrate locations web1").plainText())
        .contains("JPOS_1 | JP: Osaka | ×2.5")
        .contains("current");
  }

  @Test
  void migrateStartWarnsAndFollowsProgress() {
    f.kiwi
        .answer("migrateLocations", new ApiResult.Ok<>(locations()))
        .answer(
            "startMigration",
            new ApiResult.Ok<>(new MigrateStarted("ops@example.com", List.of("198.51.100.4"))))
        .answerInTurn(
            "getServiceInfo",
            new ApiResult.Locked<>("Migration", 30, "Copying disk", 5),
            ok(info(VmType.KVM, List.of("198.51.100.4"))));

    Reply prompt = f.run("migrate start web1 jpos_1");
    Reply reply = f.confirmed("migrate start web1 jpos_1");
    f.scheduler.advance(Duration.ofSeconds(10));

    assertThat(prompt.plainText()).contains("Every IPv4 changes").contains("IPv6 released");
    assertThat(only("startMigration").args()).containsExactly(WEB1, "JPOS_1");
    assertThat(reply.plainText()).contains("198.51.100.4");
    assertThat(f.chat.edits())
        .last()
        .satisfies(r -> assertThat(r.plainText()).contains("198.51.100.4"));
  }

  @Test
  void migrateToTheCurrentOrAnUnknownLocationSendsNoWrite() {
    f.kiwi.answer("migrateLocations", new ApiResult.Ok<>(locations()));

    assertThat(f.refusedBeforePrompt("migrate start web1 USCA_2").plainText())
        .contains("already in USCA_2");
    assertThat(f.refusedBeforePrompt("migrate start web1 EUNL_3").plainText())
        .contains("No location EUNL_3");
    assertThat(f.writes()).isZero();
  }

  @Test
  void cloneAsksForThePasswordPrivatelyAndNeverAuditsIt() {
    f.kiwi
        .answer("getServiceInfo", ok(info(VmType.OVZ, List.of("203.0.113.8"))))
        .answer("cloneFromExternalServer", new ApiResult.Ok<>(Done.INSTANCE));

    Reply ask = f.confirmed("clone vz1 198.51.100.20 2222");
    assertThat(ask.isPrivate()).isTrue();
    assertThat(f.writes()).isZero();
    String text = ask.plainText();
    int at = text.indexOf("`secret ") + "`secret ".length();
    String code = text.substring(at, text.indexOf(' ', at));

    Reply done = f.run("secret " + code + " 'hunter2 with spaces'");

    assertThat(only("cloneFromExternalServer").args())
        .containsExactly(VZ1, "198.51.100.20", 2222, Secret.of("hunter2 with spaces"));
    assertThat(done.plainText())
        .contains("Cloning 198.51.100.20:2222 onto vz1 started")
        .doesNotContain("hunter2");
    assertThat(f.audit.all().toString()).doesNotContain("hunter2");
    assertThat(f.chat.sent().stream().map(Reply::plainText)).noneMatch(t -> t.contains("hunter2"));

    f.run("secret " + code + " again");
    assertThat(f.kiwi.count("cloneFromExternalServer")).isEqualTo(1);
    assertThat(f.chat.lastText()).contains("unknown, expired or not yours");
  }

  @Test
  void cloneOnKvmIsRefusedBeforeAskingForThePassword() {
    f.kiwi.answer("getServiceInfo", ok(info(VmType.KVM, WEB1_IPS)));

    assertThat(f.refusedBeforePrompt("clone web1 198.51.100.20 22").plainText())
        .contains("OpenVZ servers only");
    assertThat(f.writes()).isZero();
  }

  @Test
  void aSecretTypedInAGroupIsRefusedAndNotAudited() {
    f.kiwi.answer("getServiceInfo", ok(info(VmType.OVZ, List.of("203.0.113.8"))));
    String text = f.confirmed("clone vz1 198.51.100.20 22").plainText();
    int at = text.indexOf("`secret ") + "`secret ".length();
    String code = text.substring(at, text.indexOf(' ', at));

    f.dispatcher.handle(
        CommandsFixture.ADMIN, CommandsFixture.GROUP, "secret " + code + " hunter2", f.chat);

    assertThat(f.chat.lastText()).contains("direct chat").contains("change it");
    assertThat(f.audit.all().toString()).doesNotContain("hunter2");
    assertThat(f.writes()).isZero();
  }

  @Test
  void helpFollowedByASecretNeitherAuditsNorEchoesIt() {
    f.run(VIEWER, "help secret ABCDEF hunter2");
    assertThat(f.chat.lastText()).contains("secret <code> <value>");
    f.run("help snapshot import web1 1001 TOKENabc123xyz");
    assertThat(f.chat.lastText()).contains("snapshot import <server>");

    assertThat(f.audit.all().toString()).doesNotContain("hunter2").doesNotContain("TOKENabc");
    assertThat(f.audit.all())
        .extracting(e -> e.arguments())
        .containsExactly("secret", "snapshot import");
  }

  @Test
  void someoneElseCannotAnswerTheSecretQuestion() {
    f.kiwi.answer("getServiceInfo", ok(info(VmType.OVZ, List.of("203.0.113.8"))));
    String text = f.confirmed("clone vz1 198.51.100.20 22").plainText();
    int at = text.indexOf("`secret ") + "`secret ".length();
    String code = text.substring(at, text.indexOf(' ', at));

    f.run(OPERATOR, "secret " + code + " hunter2");
    f.run("secret " + code + " right-one");

    assertThat(only("cloneFromExternalServer").args().get(3)).isEqualTo(Secret.of("right-one"));
  }

  // abuse, rate limit, panel log

  @Test
  void suspensionsWithEvidenceAndUnsuspendOfASoftOne() {
    f.kiwi
        .answer(
            "getSuspensionDetails",
            new ApiResult.Ok<>(
                new SuspensionDetails(
                    1,
                    100,
                    1000,
                    List.of(
                        new SuspensionDetails.Suspension(
                            11851, "copyright", true, 2207, 100, "DMCA notice for /srv/x")))))
        .answer("unsuspend", new ApiResult.Ok<>(Done.INSTANCE));

    assertThat(f.run(VIEWER, "abuse suspensions web1").plainText())
        .contains("copyright")
        .contains("DMCA notice")
        .contains("abuse unsuspend web1 11851");
    f.confirmed("abuse unsuspend web1 11851");
    assertThat(f.refusedBeforePrompt("abuse unsuspend web1 999").plainText())
        .contains("No suspension record 999");

    assertThat(f.kiwi.calls("unsuspend"))
        .singleElement()
        .satisfies(c -> assertThat(c.args()).containsExactly(WEB1, 11851L));
  }

  @Test
  void hardSuspensionsAreNotSentUpstream() {
    f.kiwi.answer(
        "getSuspensionDetails",
        new ApiResult.Ok<>(
            new SuspensionDetails(
                1,
                100,
                1000,
                List.of(new SuspensionDetails.Suspension(7, "spam", false, 1, 100, "")))));

    assertThat(f.refusedBeforePrompt("abuse unsuspend web1 7").plainText())
        .contains("only KiwiVM support");
    assertThat(f.writes()).isZero();
  }

  @Test
  void violationsShowTheDeadlineCountdownAndResolve() {
    Instant now = f.clock.instant();
    f.kiwi
        .answer(
            "getPolicyViolations",
            new ApiResult.Ok<>(
                new PolicyViolations(
                    100,
                    1000,
                    List.of(
                        new PolicyViolations.Violation(
                            14,
                            now.minus(Duration.ofHours(1)),
                            now.plus(Duration.ofHours(35)),
                            "copyright",
                            true,
                            100,
                            "evidence text")))))
        .answer("resolvePolicyViolation", new ApiResult.Ok<>(Done.INSTANCE));

    assertThat(f.run(VIEWER, "abuse violations web1").plainText())
        .contains("Suspends: in 35 hours (2026-01-11 23:00 UTC)");
    f.confirmed("abuse resolve web1 14");

    assertThat(only("resolvePolicyViolation").args()).containsExactly(WEB1, 14L);
  }

  @Test
  void rateLimitShowsBothWindows() {
    f.kiwi.answer("getRateLimitStatus", new ApiResult.Ok<>(new RateLimitStatus(950, 19_800)));

    assertThat(f.run(VIEWER, "ratelimit web1").plainText())
        .contains("15 minutes: 950 points left")
        .contains("24 hours: 19800 points left");
  }

  @Test
  void panelLogShowsNewestFirstWithTheRequestorIp() {
    Instant now = f.clock.instant();
    List<PanelAuditLog.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      entries.add(
          new PanelAuditLog.Entry(
              now.minus(Duration.ofHours(25 - i)), "198.51.100." + i, 1, "event " + i));
    }
    f.kiwi.answer("getAuditLog", new ApiResult.Ok<>(new PanelAuditLog(entries)));

    Reply reply = f.run(VIEWER, "panel_log web1");

    String text = reply.plainText();
    assertThat(text.indexOf("event 24")).isLessThan(text.indexOf("event 23"));
    assertThat(text)
        .contains("198.51.100.24")
        .contains("Newest 20 of 25")
        .doesNotContain("event 4\n");
    assertThat(reply.attachments())
        .singleElement()
        .satisfies(
            a ->
                assertThat(new String(a.data(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("event 0"));
  }
}

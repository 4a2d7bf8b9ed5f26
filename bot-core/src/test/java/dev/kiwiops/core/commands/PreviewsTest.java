package dev.kiwiops.core.commands;

import static dev.kiwiops.core.commands.CommandsFixture.info;
import static dev.kiwiops.core.commands.CommandsFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.AvailableOs;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.MigrateLocations;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.kiwivm.SshKeys;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.FakeServiceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The looks before the confirmation prompts: the prompt holds what the reads found, a state that
 * changed by the time of {@code confirm} sends nothing, and a failed read refuses with no prompt.
 */
class PreviewsTest {
  static final String FILE = CommandsTest.FILE;
  static final List<String> IPS = List.of("203.0.113.7", "2001:db8:1:2::1");
  static final ApiResult<?> FAILED = new ApiResult.ApiError<>(700001, "Internal error");

  final CommandsFixture f = new CommandsFixture();

  static ApiResult<LiveServiceInfo> live(PowerState power) {
    FakeServiceInfo fake = new FakeServiceInfo();
    fake.power = power;
    return new ApiResult.Ok<>(fake.live());
  }

  /** The prompt of {@code line}; fails when there is none. */
  String prompt(String line) {
    Reply prompt = f.run(line);
    assertThat(prompt.plainText()).contains("`confirm ");
    return prompt.plainText();
  }

  Reply confirm(String prompt) {
    return f.run("confirm " + ConfirmPrompt.codeIn(prompt));
  }

  List<String> decisions() {
    return f.audit.all().stream().map(AuditEntry::decision).toList();
  }

  void assertChangedAndNothingSent(Reply reply, String says) {
    assertThat(reply.plainText()).contains("Nothing was sent").contains(says);
    assertThat(f.writes()).isZero();
    assertThat(decisions()).last().isEqualTo("changed-at-confirm");
  }

  void assertRefusedWithoutPrompt(String line, String says) {
    Reply reply = f.refusedBeforePrompt(line);
    assertThat(reply.plainText()).contains(says).contains("Nothing was changed");
    assertThat(f.writes()).isZero();
    assertThat(decisions()).last().isEqualTo("refused");
    assertThat(f.audit.all().get(f.audit.all().size() - 1).outcome()).isNotEqualTo("none");
  }

  // power

  @Test
  void killPromptShowsTheStateAndLoadAndThatUnsavedDataIsLost() {
    f.kiwi.answer("kill", new ApiResult.Ok<>(Done.INSTANCE));
    String prompt = prompt("power kill web1");

    assertThat(prompt)
        .contains("Now: running, load 0.00 0.00 0.00")
        .contains("unsaved data is lost");
    assertThat(confirm(prompt).plainText()).contains("Killed web1");
    assertThat(f.kiwi.count("kill")).isEqualTo(1);
    assertThat(decisions()).containsSubsequence("pending", "confirmed");
  }

  @Test
  void stopOfAServerStoppedSinceThePromptSendsNothing() {
    f.kiwi.answerInTurn("getLiveServiceInfo", live(PowerState.RUNNING), live(PowerState.STOPPED));
    String prompt = prompt("power stop web1");
    assertThat(prompt).contains("Now: running").contains("stays off");

    assertChangedAndNothingSent(confirm(prompt), "web1 is already stopped");
    // The check at confirm dropped the cached reads before reading again.
    assertThat(f.kiwi.calls().stream().map(c -> c.method()).toList())
        .containsSubsequence("getLiveServiceInfo", "forgetReads", "getLiveServiceInfo");
  }

  @Test
  void killOfAServerThatChangedStateSendsNothing() {
    f.kiwi.answerInTurn("getLiveServiceInfo", live(PowerState.RUNNING), live(PowerState.STARTING));
    String prompt = prompt("power kill web1");

    assertChangedAndNothingSent(
        confirm(prompt),
        "the power state of web1 changed since the prompt (it was running, now starting)");
  }

  @Test
  void stopOfAStoppedServerOrAFailedReadIsRefusedWithoutPrompt() {
    f.kiwi.answer("getLiveServiceInfo", live(PowerState.STOPPED));
    assertRefusedWithoutPrompt("power stop web1", "web1 is already stopped");
    f.kiwi.answer("getLiveServiceInfo", FAILED);
    assertRefusedWithoutPrompt("power kill web1", "Could not read the state of web1");
  }

  // os reinstall

  static ApiResult<AvailableOs> os(String installed) {
    return new ApiResult.Ok<>(
        new AvailableOs(installed, List.of("debian-12-x86_64", "ubuntu-24.04-x86_64")));
  }

  @Test
  void reinstallPromptShowsOsDiskAndWhereThePasswordGoes() {
    f.kiwi.answer("getAvailableOs", os("debian-12-x86_64"));
    String prompt = prompt("os reinstall web1 ubuntu-24.04-x86_64");

    assertThat(prompt)
        .contains("OS: debian-12-x86_64 → ubuntu-24.04-x86_64")
        .contains("Erased: everything on the 20.0 GiB disk of web1 (host, 5.00 GiB used of 20 GB)")
        .contains("snapshots are kept")
        .contains("the new one is sent privately to " + CommandsFixture.ADMIN.user());
  }

  @Test
  void reinstallAfterSomeoneElseReinstalledSendsNothing() {
    f.kiwi.answerInTurn("getAvailableOs", os("debian-12-x86_64"), os("ubuntu-24.04-x86_64"));
    String prompt = prompt("os reinstall web1 ubuntu-24.04-x86_64");

    assertChangedAndNothingSent(
        confirm(prompt),
        "the installed OS of web1 changed since the prompt (it was debian-12-x86_64, now"
            + " ubuntu-24.04-x86_64)");
  }

  @Test
  void reinstallIsRefusedWithoutPromptWhenTheTemplatesCannotBeRead() {
    f.kiwi.answer("getAvailableOs", FAILED);
    assertRefusedWithoutPrompt(
        "os reinstall web1 ubuntu-24.04-x86_64", "Could not check the OS templates of web1");
  }

  // snapshots

  static Snapshot snapshot(boolean sticky) {
    return new Snapshot(
        FILE,
        "debian-12-x86_64",
        "before upgrade",
        1_072_506_553L,
        2_820_485_438L,
        "md5",
        sticky,
        Duration.ofDays(20),
        "http://x",
        null);
  }

  @Test
  void restorePromptShowsTheSnapshotAgainstTheCurrentDisk() {
    f.kiwi.answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(false))));
    String prompt = prompt("snapshot restore web1 " + FILE);

    assertThat(prompt)
        .contains(
            "Snapshot: \"before upgrade\", taken 2026-01-01 00:00 UTC, 1023 MiB (2.63 GiB raw)")
        .contains("Now on web1: 5.00 GiB used of 20 GB, running; all of it is replaced");
  }

  @Test
  void restoreOfASnapshotDeletedSinceThePromptSendsNothing() {
    f.kiwi.answerInTurn(
        "listSnapshots",
        new ApiResult.Ok<>(List.of(snapshot(false))),
        new ApiResult.Ok<>(List.of()));
    String prompt = prompt("snapshot restore web1 " + FILE);

    assertChangedAndNothingSent(confirm(prompt), "No snapshot " + FILE);
  }

  @Test
  void restoreIsRefusedWithoutPromptWhenTheDiskUseCannotBeRead() {
    f.kiwi
        .answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(false))))
        .answer("getLiveServiceInfo", FAILED);
    assertRefusedWithoutPrompt(
        "snapshot restore web1 " + FILE, "Could not read the disk use of web1");
  }

  @Test
  void deletePromptSaysStickyOrThePurgeDate() {
    f.kiwi.answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(false))));
    assertThat(prompt("snapshot delete web1 " + FILE))
        .contains("Sticky: no; KiwiVM purges it in 20 days (2026-01-30 12:00 UTC) anyway");

    f.kiwi.answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(true))));
    assertThat(prompt("snapshot delete web1 " + FILE))
        .contains("Sticky: yes, it would never be purged");
  }

  @Test
  void deleteOfASnapshotMadeStickySinceThePromptSendsNothing() {
    f.kiwi.answerInTurn(
        "listSnapshots",
        new ApiResult.Ok<>(List.of(snapshot(false))),
        new ApiResult.Ok<>(List.of(snapshot(true))));
    String prompt = prompt("snapshot delete web1 " + FILE);

    assertChangedAndNothingSent(confirm(prompt), "whether " + FILE + " is sticky changed");
  }

  @Test
  void deleteIsRefusedWithoutPromptWhenTheSnapshotsCannotBeRead() {
    f.kiwi.answer("listSnapshots", FAILED);
    assertRefusedWithoutPrompt("snapshot delete web1 " + FILE, "Could not check the snapshots");
  }

  // migrate

  static ApiResult<MigrateLocations> at(String current) {
    return new ApiResult.Ok<>(
        new MigrateLocations(
            current,
            List.of(
                new MigrateLocations.Location("USCA_6", "US: Los Angeles", 1),
                new MigrateLocations.Location("JPOS_1", "JP: Osaka", 2.5))));
  }

  @Test
  void migratePromptShowsTheMoveTheMultiplierAndTheAddresses() {
    FakeServiceInfo fake = new FakeServiceInfo();
    f.kiwi
        .answer("migrateLocations", at("USCA_6"))
        .answer("getLiveServiceInfo", live(PowerState.RUNNING));
    String prompt = prompt("migrate start web1 JPOS_1");

    assertThat(prompt)
        .contains("From USCA_6 (US: Los Angeles) to JPOS_1 (JP: Osaka)")
        .contains("Transfer multiplier: ×1 now, ×2.5 after")
        .contains(
            "Every IPv4 changes: "
                + String.join(
                    ", ",
                    fake.info().ipAddresses().stream().filter(ip -> !ip.contains(":")).toList()))
        .contains("IPv6 released:")
        .contains("Offline while it moves: from minutes to hours");
  }

  @Test
  void migrateOfAServerThatMovedSinceThePromptSendsNothing() {
    f.kiwi.answerInTurn("migrateLocations", at("USCA_6"), at("JPOS_1"));
    String prompt = prompt("migrate start web1 JPOS_1");

    assertChangedAndNothingSent(confirm(prompt), "web1 is already in JPOS_1");
  }

  @Test
  void migrateIsRefusedWithoutPromptWhenTheLocationsCannotBeRead() {
    f.kiwi.answer("migrateLocations", FAILED);
    assertRefusedWithoutPrompt(
        "migrate start web1 JPOS_1", "Could not check the locations of web1");
  }

  // abuse

  static ApiResult<SuspensionDetails> suspensions(boolean present) {
    return new ApiResult.Ok<>(
        new SuspensionDetails(
            2,
            100,
            1000,
            present
                ? List.of(
                    new SuspensionDetails.Suspension(11851, "copyright", true, 2207, 100, "x"))
                : List.of()));
  }

  @Test
  void unsuspendPromptShowsTheRecordAndALiftedOneSinceSendsNothing() {
    f.kiwi.answerInTurn("getSuspensionDetails", suspensions(true), suspensions(false));
    String prompt = prompt("abuse unsuspend web1 11851");

    assertThat(prompt)
        .contains(
            "Suspension record 11851: copyright, 100 abuse points (the account has 100 of 1000)")
        .contains("Suspended 2 times so far");
    assertChangedAndNothingSent(confirm(prompt), "No suspension record 11851 on web1");
  }

  @Test
  void unsuspendIsRefusedWithoutPromptWhenTheSuspensionsCannotBeRead() {
    f.kiwi.answer("getSuspensionDetails", FAILED);
    assertRefusedWithoutPrompt(
        "abuse unsuspend web1 11851", "Could not check the suspensions of web1");
  }

  @Test
  void resolvePromptShowsTheViolationAndItsDeadline() {
    Instant now = f.clock.instant();
    ApiResult<PolicyViolations> open =
        new ApiResult.Ok<>(
            new PolicyViolations(
                10,
                100,
                List.of(
                    new PolicyViolations.Violation(
                        14, now.minusSeconds(3600), now.plusSeconds(7200), "spam", true, 10, ""))));
    f.kiwi.answerInTurn(
        "getPolicyViolations", open, new ApiResult.Ok<>(new PolicyViolations(0, 100, List.of())));
    String prompt = prompt("abuse resolve web1 14");

    assertThat(prompt)
        .contains("Policy violation record 14: spam, opened 2026-01-10 11:00 UTC, 10 abuse points")
        .contains("Suspends in 2 hours");
    assertChangedAndNothingSent(confirm(prompt), "No policy violation record 14 on web1");
  }

  @Test
  void resolveIsRefusedWithoutPromptWhenTheViolationsCannotBeRead() {
    f.kiwi.answer("getPolicyViolations", FAILED);
    assertRefusedWithoutPrompt(
        "abuse resolve web1 14", "Could not check the policy violations of web1");
  }

  // addresses

  @Test
  void ipv6DeletePromptShowsTheAddressAndAGoneOneSendsNothing() {
    f.kiwi.answerInTurn(
        "getServiceInfo", ok(info(VmType.KVM, IPS)), ok(info(VmType.KVM, List.of("203.0.113.7"))));
    String prompt = prompt("ipv6 delete web1 2001:db8:1:2::1");

    assertThat(prompt).contains("Released: 2001:db8:1:2::1.").contains("web1 keeps IPv6: none");
    assertChangedAndNothingSent(confirm(prompt), "2001:db8:1:2::1 is not an IP of web1");
  }

  @Test
  void ipv6DeleteIsRefusedWithoutPromptWhenTheInfoCannotBeRead() {
    f.kiwi.answer("getServiceInfo", FAILED);
    assertRefusedWithoutPrompt("ipv6 delete web1 2001:db8:1:2::1", "Could not check web1");
  }

  @Test
  void privateIpDeletePromptShowsTheAddressAndAGoneOneSendsNothing() {
    f.kiwi.answerInTurn(
        "getServiceInfo",
        ok(info(VmType.KVM, IPS, List.of("10.0.0.12", "10.0.0.13"), "")),
        ok(info(VmType.KVM, IPS, List.of("10.0.0.13"), "")));
    String prompt = prompt("privateip delete web1 10.0.0.12");

    assertThat(prompt)
        .contains("Released: private IP 10.0.0.12 of web1.")
        .contains("web1 keeps private IPs: 10.0.0.13");
    assertChangedAndNothingSent(confirm(prompt), "10.0.0.12 is not a private IP of web1");
  }

  @Test
  void privateIpDeleteIsRefusedWithoutPromptWhenTheInfoCannotBeRead() {
    f.kiwi.answer("getServiceInfo", FAILED);
    assertRefusedWithoutPrompt("privateip delete web1 10.0.0.12", "Could not check web1");
  }

  // keys

  static ApiResult<SshKeys> stored(String key) {
    return new ApiResult.Ok<>(
        new SshKeys(List.of(key), List.of(), List.of(), List.of(key), List.of(), List.of()));
  }

  @Test
  void sshKeysSetPromptShowsOldAndNewKeysAndAChangeSinceSendsNothing() {
    f.kiwi.answerInTurn(
        "getSshKeys", stored("ssh-ed25519 AAAA…old"), stored("ssh-ed25519 AAAA…other"));
    String prompt =
        prompt("sshkeys set web1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbcdefgh ada@laptop");

    assertThat(prompt)
        .contains("Stored on web1 now: ssh-ed25519 AAAA…old.")
        .contains("New (1): ssh-ed25519 AAAAC3…Abcdefgh ada@laptop.");
    assertChangedAndNothingSent(confirm(prompt), "the stored SSH keys of web1 changed");
  }

  @Test
  void sshKeysSetIsRefusedWithoutPromptWhenTheKeysCannotBeRead() {
    f.kiwi.answer("getSshKeys", FAILED);
    assertRefusedWithoutPrompt(
        "sshkeys set web1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbcdefgh ada",
        "Could not read the SSH keys of web1");
  }

  // shell and clone

  @Test
  void shellExecPromptShowsTheCommandAndDirectoryAndAChangedDirectorySendsNothing() {
    f.kiwi.answer("shellCd", new ApiResult.Ok<>("/var/log"));
    String prompt = prompt("shell exec web1 ls -la");
    assertThat(prompt).contains("Runs as root on web1, in /root:").contains("ls -la");

    f.run("shell cd web1 /var/log");
    long writes = f.writes();
    Reply reply = confirm(prompt);
    assertThat(reply.plainText())
        .contains(
            "your working directory on web1 changed since the prompt (it was /root, now /var/log)");
    assertThat(f.writes()).isEqualTo(writes);
    assertThat(f.kiwi.count("shellExec")).isZero();
  }

  @Test
  void shellScriptPromptShowsTheScript() {
    assertThat(prompt("shell script web1 apt-get update"))
        .contains("Starts as root on web1, in the background:")
        .contains("apt-get update");
  }

  @Test
  void clonePromptShowsSourceAndTargetAndAFailedReadRefuses() {
    f.kiwi.answer("getServiceInfo", ok(info(VmType.OVZ, List.of("203.0.113.8"))));
    assertThat(prompt("clone vz1 198.51.100.20 2222"))
        .contains(
            "From root@198.51.100.20:2222 onto vz1 (web1.example.com, OpenVZ, debian-12-x86_64, 20.0 GiB disk)")
        .contains("Everything on vz1 is replaced")
        .contains("asked privately after you confirm");

    f.kiwi.answer("getServiceInfo", FAILED);
    assertRefusedWithoutPrompt("clone vz1 198.51.100.20 2222", "Could not read vz1");
  }

  @Test
  void promptFactsAreBulletedLinesBeforeTheWarning() {
    f.kiwi.answer("listSnapshots", new ApiResult.Ok<>(List.of(snapshot(false))));
    assertThat(prompt("snapshot delete web1 " + FILE)).contains("• Snapshot: ");
  }
}

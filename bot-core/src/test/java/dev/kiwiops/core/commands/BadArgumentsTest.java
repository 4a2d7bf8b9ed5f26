package dev.kiwiops.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.reply.Tone;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed arguments never reach KiwiVM: not even a read. Every line here is refused while
 * parsing, with a usage line, and the admin (who may run everything) sees no confirmation prompt.
 */
class BadArgumentsTest {
  static final String FILE = CommandsTest.FILE;

  static Stream<String> badLines() {
    return Stream.of(
        "info nope",
        "info web1 extra",
        "status web1 --screenshot",
        "power start",
        "power kill web1 now",
        "power stop web1 now",
        "power restart nope",
        "snapshot create web1 " + "x".repeat(201),
        "snapshot create web1 bell\u0007",
        "os list web1 x",
        "os reinstall web1",
        "os reinstall web1 'Debian 12'",
        "os reinstall web1 ../../etc",
        "os reinstall web1 debian-12 extra",
        "sshkeys show web1 x",
        "sshkeys set web1",
        "sshkeys set web1 AAAAC3NzaC1lZDI1NTE5AAAAIA",
        "sshkeys set web1 ssh-ed25519",
        "sshkeys set web1 ssh-ed25519 not*base64!",
        "password reset web1 now",
        "usage web1 0h",
        "usage web1 31d",
        "usage web1 yesterday",
        "usage web1 6h 7d",
        "panel_log web1 10",
        "hostname web1",
        "hostname web1 -bad-.example.com",
        "hostname web1 under_score.example.com",
        "hostname web1 a..b",
        "rdns web1 203.0.113.7",
        "rdns web1 203.0.113.256 x.example.com",
        "rdns web1 203.0.113.07 x.example.com",
        "rdns web1 203.0.113.\u0667 x.example.com",
        "rdns web1 2001:db8::203.0.113.\u0667 x.example.com",
        "rdns web1 2001:db8::1::2 x.example.com",
        "rdns web1 203.0.113.7 'bad name'",
        "iso list web1 x",
        "iso mount web1",
        "iso mount web1 ../../etc/passwd",
        "iso mount web1 image.img",
        "iso unmount web1 x",
        "shell cd web1",
        "shell cd web1 '/tmp; reboot'",
        "shell cd web1 '/tmp && reboot'",
        "shell cd web1 '/tmp || reboot'",
        "shell cd web1 '/tmp | reboot'",
        "shell cd web1 '$(reboot)'",
        "shell cd web1 '`reboot`'",
        "shell cd web1 '/tmp > /etc/passwd'",
        "shell cd web1 \"/tmp'\"",
        "shell cd web1 '/tmp\\'",
        "shell cd web1 /tmp\u007f",
        "shell exec web1",
        "shell script web1",
        "snapshot list web1 x",
        "snapshot delete web1",
        "snapshot delete web1 backup.tar.gz",
        "snapshot delete web1 snapshot-../../x.tar.gz",
        "snapshot restore web1 snapshot-1.zip",
        "snapshot sticky web1 " + FILE,
        "snapshot sticky web1 " + FILE + " maybe",
        "snapshot sticky web1 nope.tar.gz on",
        "snapshot export web1",
        "snapshot import web1 1001",
        "snapshot import web1 -5 TOKENabc123xyz",
        "snapshot import web1 abc TOKENabc123xyz",
        "snapshot import web1 1001 'bad token!'",
        "backup list web1 x",
        "backup copy web1",
        "backup copy web1 1234",
        "backup copy web1 zz23456789abcdef0123456789abcdef01234567",
        "ipv6 add web1 203.0.113.7",
        "ipv6 add web1 2001:db8::/64",
        "ipv6 add web1 gggg::1",
        "ipv6 delete web1",
        "ipv6 delete web1 2001:db8::/129",
        "ipv6 delete web1 ::ffff:\uFF12.0.113.7",
        "privateip available web1 x",
        "privateip assign web1 10.0.0.300",
        "privateip assign web1 10.0.0.\u0661\u0662",
        "privateip assign web1 10.0.0.1 10.0.0.2",
        "privateip delete web1",
        "privateip delete web1 fe80::1",
        "migrate locations web1 x",
        "migrate start web1",
        "migrate start web1 'US CA'",
        "migrate start web1 x",
        "clone vz1",
        "clone vz1 198.51.100.20",
        "clone vz1 198.51.100.20 0",
        "clone vz1 198.51.100.20 65536",
        "clone vz1 198.51.100.20 ssh",
        "clone vz1 host.example.com 22",
        "clone vz1 \uFF11\uFF19\uFF18.51.100.20 22",
        "clone vz1 198.51.100.\u0662\u0660 22",
        "abuse suspensions web1 x",
        "abuse unsuspend web1",
        "abuse unsuspend web1 0",
        "abuse unsuspend web1 -3",
        "abuse unsuspend web1 12a",
        "abuse violations web1 x",
        "abuse resolve web1 99999999999999999999",
        "ratelimit web1 x",
        "audit web1 console:ada extra",
        "audit web1 ada",
        "secret",
        "secret ABCDEF",
        "secret ABCDEF value");
  }

  @ParameterizedTest
  @MethodSource("badLines")
  void nothingIsSentUpstream(String line) {
    CommandsFixture f = new CommandsFixture();

    f.run(line);

    assertThat(f.kiwi.calls()).isEmpty();
    assertThat(f.chat.sent())
        .singleElement()
        .satisfies(r -> assertThat(r.tone()).isEqualTo(Tone.ERROR));
    assertThat(f.chat.lastText()).doesNotContain("Confirm");
  }

  @Test
  void everyCommandWithArgumentsIsCoveredAbove() {
    Set<String> covered = new HashSet<>();
    badLines().forEach(l -> covered.add(commandOf(l)));
    CommandsFixture f = new CommandsFixture();
    List<String> commands =
        f.catalog.all().stream()
            .map(Command::spec)
            .filter(s -> !s.isOpenToAnyone() || s.name().equals("secret"))
            .filter(s -> !s.name().equals("servers"))
            .map(s -> s.name())
            .toList();

    assertThat(covered).containsAll(commands);
  }

  private static String commandOf(String line) {
    String[] words = line.split(" ");
    List<String> twoWord =
        List.of(
            "power",
            "os",
            "sshkeys",
            "password",
            "iso",
            "shell",
            "snapshot",
            "backup",
            "ipv6",
            "privateip",
            "migrate",
            "abuse");
    return twoWord.contains(words[0]) ? words[0] + " " + words[1] : words[0];
  }
}

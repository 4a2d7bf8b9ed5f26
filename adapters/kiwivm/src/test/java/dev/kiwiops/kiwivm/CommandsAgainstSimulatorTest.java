package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.TestCatalogue;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.RecordedCall;
import dev.kiwiops.simulator.ServerSpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands typed in chat, through the dispatcher and the real client, against the simulator over
 * HTTP. The simulator, the client's cache and the progress reporter share one manual clock, so a
 * 20-second lock passes when the test says so.
 */
class CommandsAgainstSimulatorTest {
  static final FleetServer WEB = TestServers.WEB;
  static final FleetServer LEGACY = TestServers.LEGACY;
  static final Caller ADA = Caller.of(Identity.console("ada"));
  static final ChatRef DIRECT = new ChatRef("console", "tty", true);

  private final MutableClock clock = MutableClock.at("2026-01-10T12:00:00Z");
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final CollectingConversation chat = new CollectingConversation();
  private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  private KiwiVmSimulator sim;
  private KiwiVmClient client;
  private Dispatcher dispatcher;

  @BeforeEach
  void start() {
    sim = KiwiVmSimulator.start(0, clock).snapshotDelay(Duration.ZERO);
    sim.addServer(ServerSpec.kvm(WEB.veid(), WEB.apiKey().reveal(), "web.example.net"));
    sim.addServer(ServerSpec.ovz(LEGACY.veid(), LEGACY.apiKey().reveal(), "legacy.example.net"));
    client =
        KiwiVmClient.builder(sim.apiBase()).timeout(Duration.ofSeconds(10)).ticker(clock).build();
    Fleet fleet = new Fleet(List.of(WEB, LEGACY));
    AccessPolicy policy =
        new AccessPolicy(
            List.of(),
            List.of(new Binding(ADA.user(), Set.of("admin"), Set.of(), Set.of())),
            fleet);
    dispatcher =
        new Dispatcher(
            TestCatalogue.of(client, () -> policy, clock)
                .progressOn(scheduler)
                .charts((server, samples, period) -> new byte[] {1})
                .catalog(),
            policy,
            new ConfirmationBook(
                ConfirmationRules.defaults().withTtl(Duration.ofSeconds(60)),
                clock,
                clock,
                new SecureRandom()),
            audit,
            fleet,
            client,
            clock);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private Reply run(String line) {
    dispatcher.handle(ADA, DIRECT, line, chat);
    return chat.last();
  }

  private Reply confirmed(String line) {
    return run("confirm " + ConfirmPrompt.codeIn(run(line).plainText()));
  }

  private List<RecordedCall> calls(FleetServer server, String call) {
    return sim.calls(server.veid(), call);
  }

  private ServiceInfo info(FleetServer server) {
    return ((ApiResult.Ok<ServiceInfo>) client.getServiceInfo(server)).value();
  }

  @Test
  void powerRestartReachesTheServer() {
    Reply reply = run("power restart web");

    assertThat(reply.plainText()).contains("Restart requested for web");
    assertThat(calls(WEB, "restart")).hasSize(1);
  }

  @Test
  void snapshotLifecycleWithRestoreProgress() {
    run("snapshot create web before upgrade");
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(calls(WEB, "snapshot/create"))
        .singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("description", "before upgrade"));
    String list = run("snapshot list web").plainText();
    assertThat(list).contains("before upgrade");
    String file =
        list.lines()
            .filter(l -> l.startsWith("snapshot-"))
            .findFirst()
            .orElseThrow()
            .split(" \\| ")[0];

    run("snapshot sticky web " + file + " on");
    assertThat(run("snapshot list web").plainText()).contains("never (sticky)");

    Reply restore = confirmed("snapshot restore web " + file);
    assertThat(restore.plainText()).contains("Restore of web started");
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(chat.last().plainText()).contains("Restoring web").containsPattern("\\d+%");
    scheduler.advance(Duration.ofSeconds(30));

    assertThat(chat.edits())
        .last()
        .satisfies(
            r -> assertThat(r.plainText()).contains("done").contains("restored from " + file));
    assertThat(calls(WEB, "snapshot/restore")).hasSize(1);
    assertThat(scheduler.queued()).isZero();

    confirmed("snapshot delete web " + file);
    assertThat(calls(WEB, "snapshot/delete"))
        .singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("snapshot", file));
  }

  @Test
  void reinstallSendsTheNewPasswordPrivatelyAndReportsProgress() {
    Reply answer = confirmed("os reinstall web ubuntu-24.04-x86_64");
    scheduler.advance(Duration.ofSeconds(10));
    String progress = chat.last().plainText();
    scheduler.advance(Duration.ofSeconds(30));

    assertThat(calls(WEB, "reinstallOS"))
        .singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("os", "ubuntu-24.04-x86_64"));
    assertThat(answer.isPrivate()).isTrue();
    String password =
        answer
            .plainText()
            .lines()
            .filter(l -> l.startsWith("Root password: "))
            .findFirst()
            .orElseThrow()
            .substring("Root password: ".length());
    assertThat(password).isNotBlank();
    assertThat(audit.all().toString()).doesNotContain(password);
    assertThat(progress).containsPattern("\\d+%");
    assertThat(chat.edits())
        .last()
        .satisfies(r -> assertThat(r.plainText()).contains("now runs ubuntu-24.04-x86_64"));
  }

  @Test
  void reinstallWithATemplateTheServerDoesNotOfferSendsNoWrite() {
    Reply reply = run("os reinstall web centos-5-x86");

    assertThat(reply.plainText())
        .contains("No template 'centos-5-x86'")
        .contains("Nothing was changed")
        .doesNotContain("`confirm ");
    assertThat(calls(WEB, "reinstallOS")).isEmpty();
  }

  @Test
  void shellExecRunsAfterShellCdAndAttachesLongOutput() {
    Reply longOne = confirmed("shell exec web seq 200");
    run("shell cd web /var/log");
    Reply listing = confirmed("shell exec web ls");

    assertThat(calls(WEB, "basicShell/cd"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.params())
                    .containsEntry("currentDir", "/root")
                    .containsEntry("newDir", "/var/log"));
    assertThat(calls(WEB, "basicShell/exec"))
        .extracting(c -> c.params().get("command"))
        .containsExactly("seq 200", "cd '/var/log' && ls");
    assertThat(listing.plainText()).contains("exit 0", "syslog");
    assertThat(longOne.isPrivate()).isTrue();
    assertThat(longOne.attachments())
        .singleElement()
        .satisfies(
            a ->
                assertThat(new String(a.data(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("200"));
  }

  @Test
  void rdnsOnlyForTheServersOwnIps() {
    String ip = info(WEB).ipAddresses().get(0);

    run("rdns web 198.51.100.250 mail.example.net");
    assertThat(calls(WEB, "setPTR")).isEmpty();
    assertThat(chat.lastText()).contains("is not an IP of web");

    run("rdns web " + ip + " mail.example.net");
    assertThat(calls(WEB, "setPTR"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.params())
                    .containsEntry("ip", ip)
                    .containsEntry("ptr", "mail.example.net"));
    assertThat(info(WEB).ptr()).containsEntry(ip, "mail.example.net");
  }

  @Test
  void migrateWarnsMovesAndReportsTheNewIps() {
    String before = info(WEB).ipAddresses().get(0);

    Reply prompt = run("migrate start web USCA_FMT");
    assertThat(prompt.plainText())
        .contains("to USCA_FMT")
        .contains("Every IPv4 changes: " + before)
        .contains("IPv6 released");
    confirmed("migrate start web USCA_FMT");
    scheduler.advance(Duration.ofSeconds(40));

    assertThat(calls(WEB, "migrate/start"))
        .singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("location", "USCA_FMT"));
    assertThat(chat.edits())
        .last()
        .satisfies(r -> assertThat(r.plainText()).contains("done").doesNotContain(before));
  }

  @Test
  void cloneAsksForThePasswordAndSendsItOnlyToKiwiVm() {
    String ask = confirmed("clone legacy 198.51.100.20 22").plainText();
    assertThat(calls(LEGACY, "cloneFromExternalServer")).isEmpty();
    int at = ask.indexOf("`secret ") + "`secret ".length();
    String code = ask.substring(at, ask.indexOf(' ', at));

    run("secret " + code + " s3cr3t-root");

    assertThat(calls(LEGACY, "cloneFromExternalServer"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.params())
                    .containsEntry("externalServerIP", "198.51.100.20")
                    .containsEntry("externalServerSSHport", "22")
                    .containsEntry("externalServerRootPassword", "s3cr3t-root"));
    assertThat(audit.all().toString()).doesNotContain("s3cr3t-root");
    assertThat(chat.sent()).extracting(Reply::plainText).noneMatch(t -> t.contains("s3cr3t-root"));
  }
}

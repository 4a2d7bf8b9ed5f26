package dev.kiwiops.core.commands;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.audit.InMemoryAuditTrail;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.confirm.ConfirmationBook;
import dev.kiwiops.core.confirm.ConfirmationRules;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.testkit.CollectingConversation;
import dev.kiwiops.core.testkit.ConfirmPrompt;
import dev.kiwiops.core.testkit.ManualScheduler;
import dev.kiwiops.core.testkit.MutableClock;
import dev.kiwiops.core.testkit.RecordingKiwiVm;
import dev.kiwiops.core.testkit.TestCatalogue;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The core wired as the lead wires it, with a recording KiwiVM, a manual scheduler and a fake chart
 * renderer: commands run through the real {@link Dispatcher}.
 */
final class CommandsFixture {
  static final Caller ADMIN = Caller.of(Identity.console("ada"));
  static final Caller ADMIN2 = Caller.of(Identity.console("grace"));
  static final Caller OPERATOR = Caller.of(Identity.console("otto"));
  static final Caller VIEWER = Caller.of(Identity.console("vic"));
  static final ChatRef DIRECT = new ChatRef("console", "tty", true);
  static final ChatRef GROUP = new ChatRef("telegram", "-100123", false);
  static final byte[] CHART = {(byte) 0x89, 'P', 'N', 'G'};

  static final FleetServer WEB1 =
      new FleetServer("web1", 1001, Secret.of("private_aaaaaaaaaaaaaaaaaaaaaaaa"), Set.of("prod"));
  static final FleetServer VZ1 =
      new FleetServer("vz1", 1002, Secret.of("private_bbbbbbbbbbbbbbbbbbbbbbbb"), Set.of());

  /** Port methods that change something upstream. */
  static final Set<String> WRITES =
      Set.of(
          "start",
          "stop",
          "restart",
          "kill",
          "reinstallOs",
          "updateSshKeys",
          "resetRootPassword",
          "setHostname",
          "setPtr",
          "mountIso",
          "unmountIso",
          "shellCd",
          "shellExec",
          "shellScript",
          "createSnapshot",
          "deleteSnapshot",
          "restoreSnapshot",
          "toggleSnapshotSticky",
          "exportSnapshot",
          "importSnapshot",
          "copyBackupToSnapshot",
          "addIpv6",
          "deleteIpv6",
          "assignPrivateIp",
          "deletePrivateIp",
          "startMigration",
          "cloneFromExternalServer",
          "unsuspend",
          "resolvePolicyViolation");

  final MutableClock clock = MutableClock.at("2026-01-10T12:00:00Z");
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final RecordingKiwiVm kiwi = new RecordingKiwiVm().running();
  final Fleet fleet = new Fleet(List.of(WEB1, VZ1));
  final AccessPolicy policy =
      new AccessPolicy(
          List.of(),
          List.of(
              new Binding(ADMIN.user(), Set.of("admin"), Set.of(), Set.of()),
              new Binding(ADMIN2.user(), Set.of("admin"), Set.of(), Set.of()),
              new Binding(OPERATOR.user(), Set.of("operator"), Set.of(), Set.of()),
              new Binding(VIEWER.user(), Set.of("viewer"), Set.of(), Set.of())),
          fleet);
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final List<Duration> chartPeriods = new ArrayList<>();
  final CommandCatalog catalog =
      TestCatalogue.of(kiwi.port(), () -> policy, clock)
          .audit(audit)
          .progressOn(scheduler)
          .charts(
              (server, samples, period) -> {
                chartPeriods.add(period);
                return CHART.clone();
              })
          .catalog();
  final Dispatcher dispatcher =
      new Dispatcher(
          catalog,
          policy,
          new ConfirmationBook(
              ConfirmationRules.defaults().withTtl(Duration.ofSeconds(60)),
              clock,
              clock,
              new SecureRandom()),
          audit,
          fleet,
          kiwi.port(),
          clock);
  final CollectingConversation chat = new CollectingConversation();

  /** Runs a line as the admin in a direct chat; returns the last reply. */
  Reply run(String line) {
    return run(ADMIN, line);
  }

  Reply run(Caller caller, String line) {
    dispatcher.handle(caller, DIRECT, line, chat);
    return chat.last();
  }

  /** Runs a line that asks for confirmation, confirms it, and returns the final reply. */
  Reply confirmed(String line) {
    return run("confirm " + ConfirmPrompt.codeIn(run(line).plainText()));
  }

  /**
   * Runs a line that its look refuses before any prompt: fails the test when a prompt came; returns
   * the refusal.
   */
  Reply refusedBeforePrompt(String line) {
    Reply reply = run(line);
    if (reply.plainText().contains("`confirm ") || !reply.buttons().isEmpty()) {
      throw new AssertionError("a prompt, not a refusal: " + reply.plainText());
    }
    return reply;
  }

  static {
    // A renamed write must break the fixture, not make writes() count zero.
    WRITES.forEach(RecordingKiwiVm::onPort);
  }

  long writes() {
    return kiwi.calls().stream().filter(c -> WRITES.contains(c.method())).count();
  }

  static ServiceInfo info(VmType type, List<String> ips) {
    return info(type, ips, List.of(), "");
  }

  static ServiceInfo info(VmType type, List<String> ips, List<String> privateIps, String iso) {
    return new ServiceInfo(
        type,
        "web1.example.com",
        "node7",
        "US, California",
        "USCA_2",
        "US: Los Angeles",
        true,
        "kvmv5-1g",
        21474836480L,
        1073741824L,
        536870912L,
        1099511627776L,
        1.5,
        429496729600L,
        Instant.parse("2026-01-21T12:00:00Z"),
        "debian-12-x86_64",
        "ops@example.com",
        ips,
        privateIps,
        Map.of(),
        iso,
        "",
        List.of("systemrescue-11.01-amd64.iso", "debian-12.0.0-amd64-netinst.iso"),
        8,
        true,
        true,
        true,
        Map.of(),
        false,
        false,
        0,
        0,
        100);
  }

  static ApiResult<ServiceInfo> ok(ServiceInfo info) {
    return new ApiResult.Ok<>(info);
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Execution;
import dev.kiwiops.core.command.ExecutionContext;
import dev.kiwiops.core.command.Foreseen;
import dev.kiwiops.core.command.Foresight;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.Preview;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.MigrateLocations;
import dev.kiwiops.core.kiwivm.MigrateStarted;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.VmType;
import dev.kiwiops.core.reply.ProgressReporter;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.SecretRequest;
import dev.kiwiops.core.reply.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code migrate locations|start} and {@code clone}. */
final class MigrateCommands {
  private MigrateCommands() {}

  static List<Command> all(KiwiVm kiwi, ProgressReporter progress, SecretPrompts prompts) {
    return List.of(locations(kiwi), start(kiwi, progress), clone(kiwi, prompts));
  }

  static Command locations(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("migrate locations")
            .server()
            .summary("where the server can move to, with data transfer multipliers")
            .examples("migrate locations web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<MigrateLocations> result = ctx.kiwi().migrateLocations(server);
                  if (!(result instanceof ApiResult.Ok<MigrateLocations> ok)) {
                    return Outcomes.failure(server, "list the locations of", result);
                  }
                  List<List<String>> rows = new ArrayList<>();
                  for (MigrateLocations.Location l : ok.value().locations()) {
                    rows.add(
                        List.of(
                            l.id(),
                            l.description(),
                            multiplier(l.dataTransferMultiplier()),
                            l.id().equals(ok.value().currentLocation()) ? "current" : ""));
                  }
                  return Reply.builder()
                      .title(
                          server.name() + " — locations (now " + ok.value().currentLocation() + ")")
                      .table(List.of("id", "location", "transfer ×", ""), rows)
                      .text(
                          "A multiplier above 1 makes each byte count more against the monthly quota.")
                      .build();
                }));
  }

  static String multiplier(double m) {
    return m == Math.rint(m)
        ? String.format(Locale.ROOT, "×%.0f", m)
        : String.format(Locale.ROOT, "×%.2f", m).replaceAll("0+$", "");
  }

  static Command start(KiwiVm kiwi, ProgressReporter progress) {
    return ServerCommand.full(
        CommandSpec.builder("migrate start")
            .server()
            .parameter(
                Parameter.required(
                    "location",
                    ParamKind.LOCATION,
                    "the location id to move to (see migrate locations)"))
            .summary(
                "move the server to another location (new IPv4s, IPv6s released); progress follows")
            .confirm()
            .examples("migrate start web1 USCA_FMT")
            .build(),
        1,
        (server, rest) -> {
          Arguments.count(
              rest, 1, 1, "location id (see `migrate locations " + server.name() + "`)");
          String location = Arguments.location(rest.get(0));
          Foresight look = Looks.of(ctx -> preview(ctx, server, location));
          Execution run =
              ctx -> {
                ApiResult<MigrateStarted> result = ctx.kiwi().startMigration(server, location);
                if (!(result instanceof ApiResult.Ok<MigrateStarted> started)) {
                  return Outcomes.failure(server, "migrate", result);
                }
                progress.follow(
                    ctx.conversation(),
                    "Migrating " + server.name() + " to " + location,
                    new LockProgress(kiwi, server, MigrateCommands::arrived));
                return Reply.builder()
                    .tone(Tone.SUCCESS)
                    .title("Migration of " + server.name() + " to " + location + " started")
                    .text(
                        "New IPs: "
                            + Preconditions.joinOrNone(started.value().newIps())
                            + ". Update DNS. KiwiVM e-mails "
                            + started.value().notificationEmail()
                            + " when done. Progress follows.")
                    .build();
              };
          return new ServerCommand.Bound(Foreseen.of(look, run), "", List.of(location));
        });
  }

  /**
   * Before a migration: from where to where, the new transfer multiplier, the addresses that change
   * or go, and how long it takes; refused for the current or an unknown location. The server must
   * still be where it was when it runs.
   */
  private static Preview preview(ExecutionContext ctx, FleetServer server, String location)
      throws Looks.Refusal {
    MigrateLocations where =
        Looks.read(ctx.kiwi().migrateLocations(server), server, "check the locations of");
    String current = where.currentLocation();
    Looks.require(!location.equals(current), server.name() + " is already in " + location + ".");
    Optional<MigrateLocations.Location> to =
        where.locations().stream().filter(l -> l.id().equals(location)).findFirst();
    Looks.require(
        to.isPresent(),
        "No location "
            + location
            + " for "
            + server.name()
            + "; see `migrate locations "
            + server.name()
            + "`.");
    ServiceInfo info = Looks.read(ctx.kiwi().getLiveServiceInfo(server), server, "read").info();
    Optional<MigrateLocations.Location> from =
        where.locations().stream().filter(l -> l.id().equals(current)).findFirst();
    double before =
        from.map(MigrateLocations.Location::dataTransferMultiplier)
            .orElse(info.monthlyDataMultiplier());
    double after = to.get().dataTransferMultiplier();
    List<String> ipv4 = info.ipAddresses().stream().filter(ip -> !Arguments.isIpv6(ip)).toList();
    List<String> ipv6 = info.ipAddresses().stream().filter(Arguments::isIpv6).toList();
    return Preview.facts()
        .line(
            "From "
                + current
                + from.map(l -> " (" + l.description() + ")").orElse("")
                + " to "
                + location
                + " ("
                + to.get().description()
                + ").")
        .line(
            "Transfer multiplier: "
                + multiplier(before)
                + " now, "
                + multiplier(after)
                + " after"
                + (after > before
                    ? ": each byte counts more against the monthly quota."
                    : after < before ? ": each byte counts less." : ", unchanged."))
        .line("Every IPv4 changes: " + Preconditions.joinOrNone(ipv4) + " (update DNS).")
        .line("IPv6 released: " + Preconditions.joinOrNone(ipv6) + ".")
        .line(
            "Offline while it moves: from minutes to hours, with the data on its "
                + Units.bytes(info.planDiskBytes())
                + " disk; KiwiVM e-mails "
                + info.email()
                + " when it is done.")
        .watch("the location of " + server.name(), current)
        .build();
  }

  private static String arrived(ServiceInfo info) {
    return info.hostname()
        + " now runs in "
        + info.nodeLocation()
        + "; IPs: "
        + Preconditions.joinOrNone(info.ipAddresses())
        + ".";
  }

  static Command clone(KiwiVm kiwi, SecretPrompts prompts) {
    return new ServerCommand(
        CommandSpec.builder("clone")
            .server()
            .parameter(Parameter.required("ip", ParamKind.IPV4, "the remote server's IPv4 address"))
            .parameter(
                Parameter.required("ssh_port", ParamKind.PORT, "the remote server's SSH port"))
            .summary(
                "(OpenVZ) copy a remote server onto this one; the remote root password is asked privately")
            .confirm()
            .secretReply()
            .examples("clone web1 198.51.100.20 22")
            .build(),
        2,
        "",
        (server, rest) -> {
          Arguments.count(rest, 2, 2, "remote IPv4 and SSH port");
          String ip = Arguments.ipv4(rest.get(0));
          int port = Arguments.port(rest.get(1));
          Foresight look =
              Looks.of(
                  ctx -> {
                    ServiceInfo info =
                        Looks.read(ctx.kiwi().getServiceInfo(server), server, "read");
                    Looks.require(
                        info.vmType() == VmType.OVZ,
                        "clone works on OpenVZ servers only; "
                            + server.name()
                            + " is "
                            + info.vmType().name().toLowerCase(Locale.ROOT)
                            + ".");
                    return Preview.facts()
                        .line(
                            "From root@"
                                + ip
                                + ":"
                                + port
                                + " onto "
                                + server.name()
                                + " ("
                                + info.hostname()
                                + ", OpenVZ, "
                                + info.os()
                                + ", "
                                + Units.bytes(info.planDiskBytes())
                                + " disk).")
                        .line(
                            "Everything on "
                                + server.name()
                                + " is replaced by the remote server's files.")
                        .line(
                            "The remote root password is asked privately after you confirm;"
                                + " it is never shown or logged.")
                        .build();
                  });
          return Foreseen.of(
              look,
              ctx -> {
                String code =
                    prompts.ask(
                        ctx.caller().user(),
                        server,
                        "clone",
                        password ->
                            later -> {
                              ApiResult<?> result =
                                  later.kiwi().cloneFromExternalServer(server, ip, port, password);
                              if (!result.isOk()) {
                                return Outcomes.failure(server, "clone onto", result);
                              }
                              return Outcomes.success(
                                  "Cloning "
                                      + ip
                                      + ":"
                                      + port
                                      + " onto "
                                      + server.name()
                                      + " started; KiwiVM e-mails you when it is done.");
                            });
                return Reply.builder()
                    .privately()
                    .tone(Tone.WARNING)
                    .title("Root password of " + ip + " needed")
                    .secretRequest(
                        new SecretRequest(
                            code, "Root password of " + ip + ":" + port, "Root password"))
                    .text(
                        "Send it in this direct chat as `secret "
                            + code
                            + " <password>` within "
                            + Units.span(prompts.ttl())
                            + " (quote it if it has spaces). It is passed to KiwiVM only, never shown or"
                            + " logged. Nothing is sent until then.")
                    .build();
              });
        });
  }
}

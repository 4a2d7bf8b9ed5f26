package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code iso list|mount|unmount}: booting from an ISO image (KVM). */
final class IsoCommands {
  private IsoCommands() {}

  static List<Command> all(KiwiVm kiwi) {
    return List.of(list(kiwi), mount(kiwi), unmount(kiwi));
  }

  static Command list(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("iso list")
            .server()
            .summary("the mounted ISO and the ones you can mount")
            .examples("iso list web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<ServiceInfo> result = ctx.kiwi().getServiceInfo(server);
                  if (!(result instanceof ApiResult.Ok<ServiceInfo> ok)) {
                    return Outcomes.failure(server, "list the ISOs of", result);
                  }
                  ServiceInfo info = ok.value();
                  List<List<String>> rows = new ArrayList<>();
                  for (String iso : info.availableIsos()) {
                    rows.add(List.of(iso, iso.equals(info.iso1()) ? "mounted" : ""));
                  }
                  Reply.Builder reply =
                      Reply.builder()
                          .title(server.name() + " — ISO images")
                          .text(
                              "Mounted: "
                                  + (info.iso1().isEmpty() ? "none" : info.iso1())
                                  + (info.iso2() == null || info.iso2().isEmpty()
                                      ? ""
                                      : ", " + info.iso2()));
                  if (rows.isEmpty()) {
                    reply.text("No ISO images are offered for this server.");
                  } else {
                    reply.table(List.of("iso", ""), rows);
                  }
                  return reply.build();
                }));
  }

  static Command mount(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("iso mount")
            .server()
            .parameter(
                Parameter.required(
                    "iso", ParamKind.ISO, "the ISO image to boot from (see iso list)"))
            .summary("boot from an ISO image after the next full stop and start")
            .examples("iso mount web1 systemrescue-11.01-amd64.iso")
            .build(),
        1,
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "ISO name (see `iso list " + server.name() + "`)");
          String iso = Arguments.iso(rest.get(0));
          return ctx -> {
            Optional<Reply> refusal = Preconditions.isoAvailable(ctx, server, iso);
            if (refusal.isPresent()) {
              return refusal.get();
            }
            ApiResult<?> result = ctx.kiwi().mountIso(server, iso);
            if (!result.isOk()) {
              return Outcomes.failure(server, "mount " + iso + " on", result);
            }
            return reminder(iso + " mounted on " + server.name() + ".", server.name());
          };
        });
  }

  static Command unmount(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("iso unmount")
            .server()
            .summary("boot from the disk again after the next full stop and start")
            .examples("iso unmount web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<?> result = ctx.kiwi().unmountIso(server);
                  if (!result.isOk()) {
                    return Outcomes.failure(server, "unmount the ISO of", result);
                  }
                  return reminder("ISO unmounted from " + server.name() + ".", server.name());
                }));
  }

  private static Reply reminder(String done, String server) {
    return Reply.builder()
        .tone(Tone.SUCCESS)
        .text(done)
        .text(
            "It takes effect after a full stop and start (a restart is not enough): `power stop "
                + server
                + "`, then `power start "
                + server
                + "`.")
        .build();
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Execution;
import dev.kiwiops.core.command.Foreseen;
import dev.kiwiops.core.command.Foresight;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.Preview;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.AvailableOs;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.PasswordReset;
import dev.kiwiops.core.kiwivm.ReinstallResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.SshKeys;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.ProgressReporter;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code os list|reinstall}, {@code sshkeys show|set}, {@code password reset}. The root password of
 * a reinstall or reset is only ever put in a private reply.
 */
final class OsCommands {
  private OsCommands() {}

  static List<Command> all(KiwiVm kiwi, ProgressReporter progress) {
    return List.of(
        list(kiwi), reinstall(kiwi, progress), sshKeysShow(kiwi), sshKeysSet(kiwi), reset(kiwi));
  }

  static Command list(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("os list")
            .server()
            .summary("the installed OS and the templates you can reinstall")
            .examples("os list web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<AvailableOs> result = ctx.kiwi().getAvailableOs(server);
                  if (!(result instanceof ApiResult.Ok<AvailableOs> ok)) {
                    return Outcomes.failure(server, "list the OS templates of", result);
                  }
                  AvailableOs os = ok.value();
                  List<List<String>> rows = new ArrayList<>();
                  for (String t : os.templates()) {
                    rows.add(List.of(t, t.equals(os.installed()) ? "installed" : ""));
                  }
                  return Reply.builder()
                      .title(server.name() + " — OS")
                      .text("Installed: " + os.installed())
                      .table(List.of("template", ""), rows)
                      .text("Reinstall with `os reinstall " + server.name() + " <template>`.")
                      .build();
                }));
  }

  static Command reinstall(KiwiVm kiwi, ProgressReporter progress) {
    return ServerCommand.full(
        CommandSpec.builder("os reinstall")
            .server()
            .parameter(
                Parameter.required(
                    "os", ParamKind.OS_TEMPLATE, "the OS template to install (see os list)"))
            .summary("erase the server and install an OS template; root password sent privately")
            .confirm()
            .secretReply()
            .examples("os reinstall web1 debian-12-x86_64")
            .build(),
        1,
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "OS template (see `os list " + server.name() + "`)");
          String os = Arguments.osTemplate(rest.get(0));
          Foresight look =
              Looks.of(
                  ctx -> {
                    AvailableOs available =
                        Looks.read(
                            ctx.kiwi().getAvailableOs(server), server, "check the OS templates of");
                    Looks.require(
                        available.templates().contains(os),
                        "No template '"
                            + os
                            + "' for "
                            + server.name()
                            + "; available: "
                            + String.join(", ", available.templates())
                            + ".");
                    LiveServiceInfo live =
                        Looks.read(ctx.kiwi().getLiveServiceInfo(server), server, "read");
                    ServiceInfo info = live.info();
                    return Preview.facts()
                        .line("OS: " + available.installed() + " → " + os + ".")
                        .line(
                            "Erased: everything on the "
                                + Units.bytes(info.planDiskBytes())
                                + " disk of "
                                + server.name()
                                + " ("
                                + info.hostname()
                                + Looks.diskUse(live).map(u -> ", " + u).orElse("")
                                + "); its snapshots are kept.")
                        .line(
                            "The root password changes: the new one is sent privately to "
                                + ctx.caller().user()
                                + ", who asked.")
                        .watch("the installed OS of " + server.name(), available.installed())
                        .build();
                  });
          Execution run =
              ctx -> {
                ApiResult<ReinstallResult> result = ctx.kiwi().reinstallOs(server, os);
                if (!(result instanceof ApiResult.Ok<ReinstallResult> done)) {
                  return Outcomes.failure(server, "reinstall", result);
                }
                ReinstallResult r = done.value();
                progress.follow(
                    ctx.conversation(),
                    "Reinstalling " + server.name() + " with " + os,
                    new LockProgress(
                        kiwi, server, info -> server.name() + " now runs " + info.os() + "."));
                List<Block.Field> fields = new ArrayList<>();
                fields.add(new Block.Field("Root password", r.rootPassword().reveal()));
                if (r.sshPort() != null) {
                  fields.add(new Block.Field("SSH port", String.valueOf(r.sshPort())));
                }
                if (!r.sshKeysBrief().isEmpty()) {
                  fields.add(new Block.Field("SSH keys", String.join(", ", r.sshKeysBrief())));
                }
                if (r.notificationEmail() != null && !r.notificationEmail().isEmpty()) {
                  fields.add(new Block.Field("Notification to", r.notificationEmail()));
                }
                return Reply.builder()
                    .privately()
                    .tone(Tone.SUCCESS)
                    .title("Reinstall of " + server.name() + " with " + os + " started")
                    .fields(fields)
                    .text(
                        "Keep this password safe; this message is only for you. Progress follows.")
                    .build();
              };
          return new ServerCommand.Bound(Foreseen.of(look, run), "", rest);
        });
  }

  static Command sshKeysShow(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("sshkeys show")
            .server()
            .summary("SSH keys in the VM vault and the billing portal")
            .examples("sshkeys show web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<SshKeys> result = ctx.kiwi().getSshKeys(server);
                  if (!(result instanceof ApiResult.Ok<SshKeys> ok)) {
                    return Outcomes.failure(server, "read the SSH keys of", result);
                  }
                  SshKeys k = ok.value();
                  return Reply.builder()
                      .title(server.name() + " — SSH keys")
                      .fields(
                          List.of(
                              new Block.Field("VM (vault)", lines(k.vmKeysShort())),
                              new Block.Field("Account (portal)", lines(k.accountKeysShort())),
                              new Block.Field("Used on reinstall", lines(k.preferredKeysShort()))))
                      .build();
                }));
  }

  static Command sshKeysSet(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("sshkeys set")
            .server()
            .parameter(
                Parameter.required(
                        "keys",
                        ParamKind.SSH_KEYS,
                        "public keys: ssh-ed25519 AAAA… comment, one after another")
                    .toEnd())
            .summary(
                "replace the VM's SSH keys (written to root's authorized_keys at the next reinstall)")
            .confirm()
            .examples("sshkeys set web1 \"ssh-ed25519 AAAAC3Nza… ada@laptop\"")
            .build(),
        Integer.MAX_VALUE,
        "These keys replace the VM's stored keys and override the billing portal's.",
        (server, rest) -> {
          List<String> keys = Arguments.sshKeys(rest);
          Foresight look =
              Looks.of(
                  ctx -> {
                    SshKeys now =
                        Looks.read(ctx.kiwi().getSshKeys(server), server, "read the SSH keys of");
                    String stored = Preconditions.joinOrNone(now.vmKeysShort());
                    return Preview.facts()
                        .line("Stored on " + server.name() + " now: " + stored + ".")
                        .line(
                            "New ("
                                + keys.size()
                                + "): "
                                + String.join(", ", keys.stream().map(Looks::key).toList())
                                + ".")
                        .watch("the stored SSH keys of " + server.name(), stored)
                        .build();
                  });
          return Foreseen.of(
              look,
              ctx -> {
                ApiResult<?> result = ctx.kiwi().updateSshKeys(server, keys);
                if (!result.isOk()) {
                  return Outcomes.failure(server, "set the SSH keys of", result);
                }
                return Outcomes.success(
                    keys.size()
                        + (keys.size() == 1 ? " key" : " keys")
                        + " stored for "
                        + server.name()
                        + "; they are written to /root/.ssh/authorized_keys at the next reinstall.");
              });
        });
  }

  static Command reset(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("password reset")
            .server()
            .summary("set a new random root password, sent to you privately")
            .confirm()
            .secretReply()
            .examples("password reset web1")
            .build(),
        0,
        "The current root password stops working at once.",
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<PasswordReset> result = ctx.kiwi().resetRootPassword(server);
                  if (!(result instanceof ApiResult.Ok<PasswordReset> ok)) {
                    return Outcomes.failure(server, "reset the root password of", result);
                  }
                  return Reply.builder()
                      .privately()
                      .tone(Tone.SUCCESS)
                      .title("New root password for " + server.name())
                      .code(ok.value().password().reveal())
                      .text("This message is only for you.")
                      .build();
                }));
  }

  private static String lines(List<String> items) {
    return items.isEmpty() ? "none" : String.join("\n", items);
  }
}

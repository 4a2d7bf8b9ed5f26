package dev.kiwiops.core.commands;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Execution;
import dev.kiwiops.core.command.ExecutionContext;
import dev.kiwiops.core.command.Foreseen;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.Preview;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Backup;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.kiwivm.SnapshotExport;
import dev.kiwiops.core.reply.ProgressReporter;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code snapshot list|create|delete|restore|sticky|export|import} and {@code backup list|copy}.
 */
final class SnapshotCommands {
  static final int MAX_DESCRIPTION = 200;

  private SnapshotCommands() {}

  static List<Command> all(KiwiVm kiwi, ProgressReporter progress, Clock clock) {
    return List.of(
        list(kiwi),
        create(kiwi, progress),
        delete(kiwi, clock),
        restore(kiwi, progress),
        sticky(kiwi),
        export(kiwi),
        importSnapshot(kiwi),
        backups(kiwi, clock),
        copyBackup(kiwi, progress));
  }

  static Command list(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("snapshot list")
            .server()
            .summary("snapshots with descriptions, sizes and purge dates")
            .examples("snapshot list web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<List<Snapshot>> result = ctx.kiwi().listSnapshots(server);
                  if (!(result instanceof ApiResult.Ok<List<Snapshot>> ok)) {
                    return Outcomes.failure(server, "list the snapshots of", result);
                  }
                  if (ok.value().isEmpty()) {
                    return Reply.text(
                        server.name()
                            + " has no snapshots. Take one with `snapshot create "
                            + server.name()
                            + " [description]`.");
                  }
                  List<List<String>> rows = new ArrayList<>();
                  for (Snapshot s : ok.value()) {
                    rows.add(
                        List.of(
                            s.fileName(),
                            s.description().isBlank() ? "—" : s.description(),
                            s.os(),
                            Units.bytes(s.sizeBytes())
                                + (s.uncompressedBytes() > 0
                                    ? " (" + Units.bytes(s.uncompressedBytes()) + " raw)"
                                    : ""),
                            purge(s)));
                  }
                  return Reply.builder()
                      .title(
                          server.name()
                              + " — "
                              + rows.size()
                              + " snapshot"
                              + (rows.size() == 1 ? "" : "s"))
                      .table(List.of("file", "description", "os", "size", "purged"), rows)
                      .build();
                }));
  }

  /** {@code never (sticky)}, {@code in 29 days}. */
  static String purge(Snapshot s) {
    if (s.sticky()) {
      return "never (sticky)";
    }
    if (s.purgesIn() == null) {
      return "unknown";
    }
    String span = Units.span(s.purgesIn());
    return span.isEmpty() ? "now" : "in " + span;
  }

  static Command create(KiwiVm kiwi, ProgressReporter progress) {
    return new ServerCommand(
        CommandSpec.builder("snapshot create")
            .server()
            .parameter(
                Parameter.optional("description", ParamKind.TEXT, "a description for the snapshot")
                    .toEnd())
            .summary("take a snapshot; progress follows")
            .examples("snapshot create web1", "snapshot create web1 before nginx upgrade")
            .build(),
        Integer.MAX_VALUE,
        (server, rest) -> {
          String description = String.join(" ", rest).strip();
          if (description.length() > MAX_DESCRIPTION) {
            throw new dev.kiwiops.core.command.UsageException(
                "The description is too long (" + MAX_DESCRIPTION + " characters at most).");
          }
          if (description.chars().anyMatch(c -> c < 0x20)) {
            throw new dev.kiwiops.core.command.UsageException(
                "The description may not hold control characters.");
          }
          return ctx -> {
            ApiResult<String> result =
                ctx.kiwi()
                    .createSnapshot(
                        server,
                        description.isEmpty() ? Optional.empty() : Optional.of(description));
            if (!(result instanceof ApiResult.Ok<String> ok)) {
              return Outcomes.failure(server, "snapshot", result, "snapshot list " + server.name());
            }
            progress.follow(
                ctx.conversation(),
                "Snapshot of " + server.name(),
                new LockProgress(
                    kiwi,
                    server,
                    info ->
                        "Snapshot of "
                            + server.name()
                            + " taken; see `snapshot list "
                            + server.name()
                            + "`."));
            return Outcomes.success(
                "Snapshot of "
                    + server.name()
                    + " started"
                    + (description.isEmpty() ? "" : " (\"" + description + "\")")
                    + "; KiwiVM e-mails "
                    + ok.value()
                    + " when it is done. Progress follows.");
          };
        });
  }

  static Command delete(KiwiVm kiwi, Clock clock) {
    return fileCommand(
        kiwi,
        CommandSpec.builder("snapshot delete")
            .server()
            .parameter(
                Parameter.required(
                    "file", ParamKind.SNAPSHOT_FILE, "the snapshot file (see snapshot list)"))
            .summary("delete a snapshot for good")
            .confirm()
            .examples("snapshot delete web1 snapshot-1234567-1757400000-2025-09-09-<hex>.tar.gz")
            .build(),
        "The snapshot is deleted for good.",
        (server, file) ->
            Foreseen.of(
                Looks.of(
                    ctx -> {
                      Snapshot s = existing(ctx, server, file);
                      return Preview.facts()
                          .line("Snapshot: " + Looks.snapshot(s) + ".")
                          .line(stickiness(s, clock))
                          .watch("whether " + file + " is sticky", s.sticky() ? "yes" : "no")
                          .build();
                    }),
                ctx -> {
                  ApiResult<?> result = ctx.kiwi().deleteSnapshot(server, file);
                  if (!result.isOk()) {
                    return Outcomes.failure(
                        server, "delete the snapshot of", result, "snapshot list " + server.name());
                  }
                  return Outcomes.success("Deleted " + file + " of " + server.name() + ".");
                }));
  }

  static Command restore(KiwiVm kiwi, ProgressReporter progress) {
    return fileCommand(
        kiwi,
        CommandSpec.builder("snapshot restore")
            .server()
            .parameter(
                Parameter.required(
                    "file", ParamKind.SNAPSHOT_FILE, "the snapshot file (see snapshot list)"))
            .summary("overwrite the server with a snapshot; progress follows")
            .confirm()
            .examples("snapshot restore web1 snapshot-1234567-1757400000-2025-09-09-<hex>.tar.gz")
            .build(),
        "Restoring OVERWRITES ALL DATA on the server with the snapshot's; anything newer is lost.",
        (server, file) ->
            Foreseen.of(
                Looks.of(
                    ctx -> {
                      Snapshot s = existing(ctx, server, file);
                      LiveServiceInfo live =
                          Looks.read(
                              ctx.kiwi().getLiveServiceInfo(server),
                              server,
                              "read the disk use of");
                      return Preview.facts()
                          .line("Snapshot: " + Looks.snapshot(s) + ".")
                          .line(
                              "Now on "
                                  + server.name()
                                  + ": "
                                  + Looks.diskUse(live).orElse("disk use unknown")
                                  + ", "
                                  + Looks.lower(live.powerState())
                                  + "; all of it is replaced by the snapshot.")
                          .build();
                    }),
                ctx -> {
                  ApiResult<?> result = ctx.kiwi().restoreSnapshot(server, file);
                  if (!result.isOk()) {
                    return Outcomes.failure(
                        server,
                        "restore the snapshot on",
                        result,
                        "snapshot list " + server.name());
                  }
                  progress.follow(
                      ctx.conversation(),
                      "Restoring " + server.name(),
                      new LockProgress(
                          kiwi, server, info -> server.name() + " restored from " + file + "."));
                  return Outcomes.success(
                      "Restore of " + server.name() + " started. Progress follows.");
                }));
  }

  static Command sticky(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("snapshot sticky")
            .server()
            .parameter(
                Parameter.required(
                    "file", ParamKind.SNAPSHOT_FILE, "the snapshot file (see snapshot list)"))
            .parameter(
                Parameter.required(
                        "sticky",
                        ParamKind.ON_OFF,
                        "on keeps it from being purged, off lets it expire")
                    .choices("on", "off"))
            .summary("keep a snapshot from being purged (on), or let it expire (off)")
            .examples("snapshot sticky web1 snapshot-1234567-1757400000-2025-09-09-<hex>.tar.gz on")
            .build(),
        2,
        (server, rest) -> {
          Arguments.count(rest, 2, 2, "snapshot file and on|off");
          String file = Arguments.snapshotFile(rest.get(0));
          boolean on = Arguments.onOff(rest.get(1));
          return ctx -> {
            Optional<Reply> refusal = Preconditions.snapshotExists(ctx, server, file);
            if (refusal.isPresent()) {
              return refusal.get();
            }
            ApiResult<?> result = ctx.kiwi().toggleSnapshotSticky(server, file, on);
            if (!result.isOk()) {
              return Outcomes.failure(
                  server, "change the snapshot of", result, "snapshot list " + server.name());
            }
            return Outcomes.success(
                file
                    + (on
                        ? " is now sticky: it will not be purged."
                        : " is no longer sticky: it expires as usual."));
          };
        });
  }

  static Command export(KiwiVm kiwi) {
    return fileCommand(
        kiwi,
        CommandSpec.builder("snapshot export")
            .server()
            .parameter(
                Parameter.required(
                    "file", ParamKind.SNAPSHOT_FILE, "the snapshot file (see snapshot list)"))
            .summary("a token to import the snapshot on another server; sent privately")
            .secretReply()
            .examples("snapshot export web1 snapshot-1234567-1757400000-2025-09-09-<hex>.tar.gz")
            .build(),
        "",
        (server, file) ->
            ctx -> {
              Optional<Reply> refusal = Preconditions.snapshotExists(ctx, server, file);
              if (refusal.isPresent()) {
                return refusal.get();
              }
              ApiResult<SnapshotExport> result = ctx.kiwi().exportSnapshot(server, file);
              if (!(result instanceof ApiResult.Ok<SnapshotExport> ok)) {
                return Outcomes.failure(server, "export the snapshot of", result);
              }
              return Reply.builder()
                  .privately()
                  .tone(Tone.SUCCESS)
                  .title("Export token for " + file)
                  .code(ok.value().token().reveal())
                  .text(
                      "On the other server: `snapshot import <server> "
                          + server.veid()
                          + " <token>`. Anyone with this token can copy the snapshot; it is only for you.")
                  .build();
            });
  }

  static Command importSnapshot(KiwiVm kiwi) {
    return ServerCommand.full(
        CommandSpec.builder("snapshot import")
            .server()
            .parameter(
                Parameter.required(
                    "source_veid",
                    ParamKind.NUMBER,
                    "the VE id of the server the snapshot was exported from"))
            .parameter(
                Parameter.required("token", ParamKind.TOKEN, "the token from snapshot export")
                    .asSecret())
            .summary("import a snapshot exported from another server")
            .confirm()
            .examples("snapshot import db1 1234567 Zm9yIHRoZSBpbXBvcnQ")
            .build(),
        2,
        (server, rest) -> {
          Arguments.count(rest, 2, 2, "source VE id and token");
          long veid = Arguments.positive(rest.get(0), "source VE id");
          Secret token;
          try {
            token = Secret.of(Arguments.token(rest.get(1)));
          } catch (dev.kiwiops.core.command.UsageException e) {
            throw new dev.kiwiops.core.command.UsageException(
                e.getMessage(), List.of(server.name(), rest.get(0), Secret.of("").toString()));
          }
          Execution run =
              ctx -> {
                ApiResult<?> result = ctx.kiwi().importSnapshot(server, veid, token);
                if (!result.isOk()) {
                  return Outcomes.failure(
                      server, "import the snapshot into", result, "snapshot list " + server.name());
                }
                return Outcomes.success(
                    "Snapshot import from VE "
                        + veid
                        + " into "
                        + server.name()
                        + " started; it appears in `snapshot list "
                        + server.name()
                        + "` when done.");
              };
          return new ServerCommand.Bound(run, "", List.of(rest.get(0), token.toString()));
        });
  }

  static Command backups(KiwiVm kiwi, Clock clock) {
    return new ServerCommand(
        CommandSpec.builder("backup list")
            .server()
            .summary("KiwiVM's automatic backups")
            .examples("backup list web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<List<Backup>> result = ctx.kiwi().listBackups(server);
                  if (!(result instanceof ApiResult.Ok<List<Backup>> ok)) {
                    return Outcomes.failure(server, "list the backups of", result);
                  }
                  if (ok.value().isEmpty()) {
                    return Reply.text(server.name() + " has no automatic backups yet.");
                  }
                  List<List<String>> rows = new ArrayList<>();
                  for (Backup b : ok.value()) {
                    rows.add(
                        List.of(
                            b.token(),
                            b.at() == null
                                ? "?"
                                : Units.utc(b.at())
                                    + " ("
                                    + Units.relative(b.at(), clock.instant())
                                    + ")",
                            Units.bytes(b.sizeBytes()),
                            b.os()));
                  }
                  return Reply.builder()
                      .title(server.name() + " — automatic backups")
                      .table(List.of("token", "taken", "size", "os"), rows)
                      .text(
                          "Turn one into a snapshot with `backup copy "
                              + server.name()
                              + " <token>`.")
                      .build();
                }));
  }

  static Command copyBackup(KiwiVm kiwi, ProgressReporter progress) {
    return new ServerCommand(
        CommandSpec.builder("backup copy")
            .server()
            .parameter(
                Parameter.required(
                    "token", ParamKind.BACKUP_TOKEN, "the backup's 40-hex token (see backup list)"))
            .summary("copy an automatic backup into a restorable snapshot; progress follows")
            .examples("backup copy web1 4b2d9c61f0a8e3b7d5c2a1f9e8d7c6b5a4f3e2d1")
            .build(),
        1,
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "backup token (see `backup list " + server.name() + "`)");
          String token = Arguments.backupToken(rest.get(0));
          return ctx -> {
            ApiResult<List<Backup>> list = ctx.kiwi().listBackups(server);
            if (!(list instanceof ApiResult.Ok<List<Backup>> ok)) {
              return Outcomes.failure(server, "check the backups of", list);
            }
            if (ok.value().stream().noneMatch(b -> b.token().equalsIgnoreCase(token))) {
              return Outcomes.refused(
                  "No backup "
                      + token
                      + " on "
                      + server.name()
                      + "; see `backup list "
                      + server.name()
                      + "`.");
            }
            ApiResult<?> result = ctx.kiwi().copyBackupToSnapshot(server, token);
            if (!result.isOk()) {
              return Outcomes.failure(
                  server, "copy the backup of", result, "snapshot list " + server.name());
            }
            progress.follow(
                ctx.conversation(),
                "Copying backup of " + server.name(),
                new LockProgress(
                    kiwi,
                    server,
                    info -> "Backup copied; see `snapshot list " + server.name() + "`."));
            return Outcomes.success(
                "Copying backup "
                    + token
                    + " of "
                    + server.name()
                    + " into a snapshot. Progress follows.");
          };
        });
  }

  /** Whether deleting loses a snapshot kept for good, or one KiwiVM would purge anyway. */
  private static String stickiness(Snapshot s, Clock clock) {
    if (s.sticky()) {
      return "Sticky: yes, it would never be purged.";
    }
    if (s.purgesIn() == null) {
      return "Sticky: no; when KiwiVM would purge it is unknown.";
    }
    return "Sticky: no; KiwiVM purges it "
        + purge(s)
        + " ("
        + Units.utc(clock.instant().plus(s.purgesIn()))
        + ") anyway.";
  }

  /** The snapshot {@code file} of the server, read now; refused when it has none such. */
  private static Snapshot existing(ExecutionContext ctx, FleetServer server, String file)
      throws Looks.Refusal {
    List<Snapshot> snapshots =
        Looks.read(ctx.kiwi().listSnapshots(server), server, "check the snapshots of");
    return snapshots.stream()
        .filter(s -> s.fileName().equals(file))
        .findFirst()
        .orElseThrow(
            () ->
                new Looks.Refusal(
                    "No snapshot "
                        + file
                        + " on "
                        + server.name()
                        + "; see `snapshot list "
                        + server.name()
                        + "`."));
  }

  /** A {@code <server> <file>} command with a fixed warning. */
  private static Command fileCommand(
      KiwiVm kiwi, dev.kiwiops.core.command.CommandSpec spec, String warning, FileBody body) {
    return new ServerCommand(
        spec,
        1,
        warning,
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "snapshot file (see `snapshot list " + server.name() + "`)");
          return body.bind(server, Arguments.snapshotFile(rest.get(0)));
        });
  }

  @FunctionalInterface
  private interface FileBody {
    Execution bind(FleetServer server, String file);
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Foreseen;
import dev.kiwiops.core.command.Foresight;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.Preview;
import dev.kiwiops.core.complete.Suggestions;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.PanelAuditLog;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Block;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code abuse suspensions|unsuspend|violations|resolve}, {@code ratelimit} and {@code panel_log}:
 * what KiwiVM says about the account's standing.
 */
final class AbuseCommands {
  /** Panel-log entries shown inline; the whole log is attached when there are more. */
  static final int LOG_ROWS = 20;

  private AbuseCommands() {}

  static List<Command> all(KiwiVm kiwi, Clock clock) {
    return List.of(
        suspensions(kiwi),
        unsuspend(kiwi),
        violations(kiwi, clock),
        resolve(kiwi, clock),
        rateLimit(kiwi),
        panelLog(kiwi, clock));
  }

  static Command suspensions(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("abuse suspensions")
            .server()
            .summary("outstanding suspensions with their evidence")
            .examples("abuse suspensions web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<SuspensionDetails> result = ctx.kiwi().getSuspensionDetails(server);
                  if (!(result instanceof ApiResult.Ok<SuspensionDetails> ok)) {
                    return Outcomes.failure(server, "read the suspensions of", result);
                  }
                  SuspensionDetails d = ok.value();
                  Reply.Builder reply =
                      Reply.builder()
                          .title(server.name() + " — suspensions")
                          .text(
                              "Abuse points: "
                                  + d.totalAbusePoints()
                                  + " of "
                                  + d.maxAbusePoints()
                                  + "; suspended "
                                  + d.suspensionCount()
                                  + " time"
                                  + (d.suspensionCount() == 1 ? "" : "s")
                                  + " so far.");
                  if (d.suspensions().isEmpty()) {
                    return reply.text("No outstanding suspension.").build();
                  }
                  reply.tone(Tone.WARNING);
                  for (SuspensionDetails.Suspension s : d.suspensions()) {
                    reply.fields(
                        List.of(
                            new Block.Field("Record", String.valueOf(s.recordId())),
                            new Block.Field("Flag", s.flag()),
                            new Block.Field("Points", String.valueOf(s.abusePoints())),
                            new Block.Field(
                                "Lift",
                                s.soft()
                                    ? "`abuse unsuspend " + server.name() + " " + s.recordId() + "`"
                                    : "only support can lift it")));
                    evidence(reply, server.name() + "-suspension-" + s.recordId(), s.evidence());
                  }
                  return reply.build();
                }));
  }

  static Command unsuspend(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("abuse unsuspend")
            .server()
            .parameter(
                Parameter.required(
                        "record",
                        ParamKind.RECORD_ID,
                        "the suspension record id (see abuse suspensions)")
                    .suggest(Suggestions.SUSPENSION_RECORDS))
            .summary("clear a soft suspension once the abuse is dealt with")
            .confirm()
            .examples("abuse unsuspend web1 11851")
            .build(),
        1,
        "Only unsuspend once the cause is fixed: repeated abuse adds points.",
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "record id (see `abuse suspensions " + server.name() + "`)");
          long record = Arguments.recordId(rest.get(0));
          Foresight look =
              Looks.of(
                  ctx -> {
                    SuspensionDetails details =
                        Looks.read(
                            ctx.kiwi().getSuspensionDetails(server),
                            server,
                            "check the suspensions of");
                    SuspensionDetails.Suspension found =
                        details.suspensions().stream()
                            .filter(s -> s.recordId() == record)
                            .findFirst()
                            .orElseThrow(
                                () ->
                                    new Looks.Refusal(
                                        "No suspension record "
                                            + record
                                            + " on "
                                            + server.name()
                                            + "."));
                    Looks.require(
                        found.soft(),
                        "Record "
                            + record
                            + " is a hard suspension: only KiwiVM support can lift it.");
                    return Preview.facts()
                        .line(
                            "Suspension record "
                                + record
                                + ": "
                                + found.flag()
                                + ", "
                                + found.abusePoints()
                                + " abuse points (the account has "
                                + details.totalAbusePoints()
                                + " of "
                                + details.maxAbusePoints()
                                + ").")
                        .line(
                            "Suspended "
                                + details.suspensionCount()
                                + " time"
                                + (details.suspensionCount() == 1 ? "" : "s")
                                + " so far; the evidence is in `abuse suspensions "
                                + server.name()
                                + "`.")
                        .build();
                  });
          return Foreseen.of(
              look,
              ctx -> {
                ApiResult<?> result = ctx.kiwi().unsuspend(server, record);
                if (!result.isOk()) {
                  return Outcomes.failure(
                      server, "unsuspend", result, "abuse suspensions " + server.name());
                }
                return Outcomes.success(server.name() + " unsuspended (record " + record + ").");
              });
        });
  }

  static Command violations(KiwiVm kiwi, Clock clock) {
    return new ServerCommand(
        CommandSpec.builder("abuse violations")
            .server()
            .summary("active policy violations and when the server gets suspended")
            .examples("abuse violations web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<PolicyViolations> result = ctx.kiwi().getPolicyViolations(server);
                  if (!(result instanceof ApiResult.Ok<PolicyViolations> ok)) {
                    return Outcomes.failure(server, "read the policy violations of", result);
                  }
                  PolicyViolations v = ok.value();
                  Reply.Builder reply =
                      Reply.builder()
                          .title(server.name() + " — policy violations")
                          .text(
                              "Abuse points: "
                                  + v.totalAbusePoints()
                                  + " of "
                                  + v.maxAbusePoints()
                                  + ".");
                  if (v.violations().isEmpty()) {
                    return reply.text("No active policy violation.").build();
                  }
                  reply.tone(Tone.WARNING);
                  Instant now = clock.instant();
                  for (PolicyViolations.Violation x : v.violations()) {
                    reply.fields(
                        List.of(
                            new Block.Field("Record", String.valueOf(x.recordId())),
                            new Block.Field("Flag", x.flag()),
                            new Block.Field("Opened", Units.utc(x.createdAt())),
                            new Block.Field("Suspends", deadline(x.suspendAt(), now)),
                            new Block.Field("Points", String.valueOf(x.abusePoints())),
                            new Block.Field(
                                "Resolve",
                                x.soft()
                                    ? "`abuse resolve " + server.name() + " " + x.recordId() + "`"
                                    : "contact KiwiVM support")));
                    evidence(reply, server.name() + "-violation-" + x.recordId(), x.evidence());
                  }
                  return reply.build();
                }));
  }

  /** {@code in 35 hours (2026-01-02 12:00 UTC)}, or {@code OVERDUE since …}. */
  static String deadline(Instant at, Instant now) {
    if (at == null) {
      return "unknown";
    }
    if (!at.isAfter(now)) {
      return "OVERDUE since " + Units.utc(at);
    }
    return Units.relative(at, now) + " (" + Units.utc(at) + ")";
  }

  static Command resolve(KiwiVm kiwi, Clock clock) {
    return new ServerCommand(
        CommandSpec.builder("abuse resolve")
            .server()
            .parameter(
                Parameter.required(
                        "record",
                        ParamKind.RECORD_ID,
                        "the policy violation record id (see abuse violations)")
                    .suggest(Suggestions.VIOLATION_RECORDS))
            .summary("mark a policy violation as resolved, to avoid the suspension")
            .confirm()
            .examples("abuse resolve web1 14")
            .build(),
        1,
        "Resolve only once the cause is fixed.",
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "record id (see `abuse violations " + server.name() + "`)");
          long record = Arguments.recordId(rest.get(0));
          Foresight look =
              Looks.of(
                  ctx -> {
                    PolicyViolations list =
                        Looks.read(
                            ctx.kiwi().getPolicyViolations(server),
                            server,
                            "check the policy violations of");
                    PolicyViolations.Violation found =
                        list.violations().stream()
                            .filter(x -> x.recordId() == record)
                            .findFirst()
                            .orElseThrow(
                                () ->
                                    new Looks.Refusal(
                                        "No policy violation record "
                                            + record
                                            + " on "
                                            + server.name()
                                            + "."));
                    Looks.require(
                        found.soft(),
                        "Record "
                            + record
                            + " cannot be resolved through the API: contact KiwiVM support.");
                    return Preview.facts()
                        .line(
                            "Policy violation record "
                                + record
                                + ": "
                                + found.flag()
                                + ", opened "
                                + (found.createdAt() == null
                                    ? "at an unknown time"
                                    : Units.utc(found.createdAt()))
                                + ", "
                                + found.abusePoints()
                                + " abuse points.")
                        .line(
                            "Suspends "
                                + deadline(found.suspendAt(), clock.instant())
                                + " unless resolved; the evidence is in `abuse violations "
                                + server.name()
                                + "`.")
                        .build();
                  });
          return Foreseen.of(
              look,
              ctx -> {
                ApiResult<?> result = ctx.kiwi().resolvePolicyViolation(server, record);
                if (!result.isOk()) {
                  return Outcomes.failure(
                      server,
                      "resolve the violation of",
                      result,
                      "abuse violations " + server.name());
                }
                return Outcomes.success(
                    "Policy violation " + record + " of " + server.name() + " marked resolved.");
              });
        });
  }

  static Command rateLimit(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("ratelimit")
            .server()
            .summary("API points left in the 15-minute and 24-hour windows")
            .examples("ratelimit web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<RateLimitStatus> result = ctx.kiwi().getRateLimitStatus(server);
                  if (!(result instanceof ApiResult.Ok<RateLimitStatus> ok)) {
                    return Outcomes.failure(server, "read the rate limit of", result);
                  }
                  return Reply.builder()
                      .title(server.name() + " — API rate limit")
                      .fields(
                          List.of(
                              new Block.Field(
                                  "15 minutes", ok.value().remainingPoints15Min() + " points left"),
                              new Block.Field(
                                  "24 hours", ok.value().remainingPoints24H() + " points left")))
                      .build();
                }));
  }

  static Command panelLog(KiwiVm kiwi, Clock clock) {
    return new ServerCommand(
        CommandSpec.builder("panel_log")
            .server()
            .summary("the KiwiVM panel's own log: who did what, from which IP")
            .examples("panel_log web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<PanelAuditLog> result = ctx.kiwi().getAuditLog(server);
                  if (!(result instanceof ApiResult.Ok<PanelAuditLog> ok)) {
                    return Outcomes.failure(server, "read the panel log of", result);
                  }
                  List<PanelAuditLog.Entry> entries = new ArrayList<>(ok.value().entries());
                  if (entries.isEmpty()) {
                    return Reply.text("The panel log of " + server.name() + " is empty.");
                  }
                  entries.sort(
                      Comparator.comparing(
                              PanelAuditLog.Entry::at,
                              Comparator.nullsFirst(Comparator.naturalOrder()))
                          .reversed());
                  List<List<String>> rows = new ArrayList<>();
                  StringBuilder all = new StringBuilder();
                  for (PanelAuditLog.Entry e : entries) {
                    List<String> row =
                        List.of(
                            e.at() == null ? "?" : Units.utc(e.at()),
                            e.requestorIpv4() == null ? "" : e.requestorIpv4(),
                            e.summary());
                    if (rows.size() < LOG_ROWS) {
                      rows.add(row);
                    }
                    all.append(String.join("\t", row)).append('\n');
                  }
                  Reply.Builder reply =
                      Reply.builder()
                          .title(server.name() + " — panel log, newest first")
                          .table(List.of("when", "from IP", "what"), rows);
                  if (entries.size() > LOG_ROWS) {
                    reply
                        .text(
                            "Newest "
                                + LOG_ROWS
                                + " of "
                                + entries.size()
                                + " entries; the whole log is attached.")
                        .attach(Attachment.text(server.name() + "-panel-log.txt", all.toString()));
                  }
                  Instant newest = entries.get(0).at();
                  if (newest != null) {
                    reply.text("Last entry " + Units.relative(newest, clock.instant()) + ".");
                  }
                  return reply.build();
                }));
  }

  /** Short evidence inline; long evidence (an attack log) as a file. */
  private static void evidence(Reply.Builder reply, String name, String evidence) {
    if (evidence == null || evidence.isBlank()) {
      return;
    }
    if (evidence.length() > ShellCommands.INLINE_CHARS
        || evidence.lines().count() > ShellCommands.INLINE_LINES) {
      reply
          .text("Evidence attached (" + evidence.length() + " characters).")
          .attach(Attachment.text(name + "-evidence.txt", evidence));
    } else {
      reply.code(evidence.strip());
    }
  }
}

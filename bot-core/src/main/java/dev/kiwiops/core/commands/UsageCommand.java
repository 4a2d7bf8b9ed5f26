package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.format.UsageChartRenderer;
import dev.kiwiops.core.format.UsageSummary;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.UsageStats;
import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code usage <server> [period]}: a PNG chart of CPU, network and disk I/O from {@code
 * getRawUsageStats} (its 5-minute samples; {@code getUsageGraphs} is obsolete upstream) and a short
 * text summary. The period defaults to 24 hours and may be up to 30 days.
 */
final class UsageCommand {
  static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
  static final Duration MAX_PERIOD = Duration.ofDays(30);
  static final Duration SAMPLE_INTERVAL = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(UsageCommand.class);

  private UsageCommand() {}

  static Command create(KiwiVm kiwi, UsageChartRenderer charts, Clock clock) {
    return new ServerCommand(
        CommandSpec.builder("usage")
            .server()
            .parameter(
                Parameter.optional(
                    "period", ParamKind.DURATION, "how far back: 6h, 24h, 7d (default 24h)"))
            .summary("chart of CPU, network and disk I/O (period like 6h, 24h, 7d; default 24h)")
            .examples("usage web1", "usage web1 7d")
            .build(),
        1,
        (server, rest) -> {
          Arguments.count(rest, 0, 1, "period");
          Duration period =
              rest.isEmpty() ? DEFAULT_PERIOD : Arguments.duration(rest.get(0), MAX_PERIOD);
          return ctx -> {
            ApiResult<UsageStats> result = ctx.kiwi().getRawUsageStats(server);
            if (!(result instanceof ApiResult.Ok<UsageStats> ok)) {
              return Outcomes.failure(server, "read the usage of", result);
            }
            Instant since = clock.instant().minus(period);
            List<UsageStats.Sample> window =
                ok.value().samples().stream()
                    .filter(s -> s.at() != null && !s.at().isBefore(since))
                    .sorted(Comparator.comparing(UsageStats.Sample::at))
                    .toList();
            String label = Units.period(period);
            if (window.isEmpty()) {
              return Reply.text(
                  "KiwiVM has no usage samples of "
                      + server.name()
                      + " in the last "
                      + label
                      + ".");
            }
            UsageSummary summary = UsageSummary.of(window);
            Reply.Builder reply = Reply.builder().title(server.name() + " — usage, last " + label);
            summary.lines(SAMPLE_INTERVAL).forEach(reply::text);
            try {
              byte[] png =
                  charts.renderPng(
                      server.name(), new UsageStats(ok.value().vmType(), window), period);
              reply.attach(Attachment.png(server.name() + "-usage-" + label + ".png", png));
            } catch (RuntimeException e) {
              LOG.warn("usage chart of {} could not be drawn", server.name(), e);
              reply.text("(The chart could not be drawn; the numbers above are complete.)");
            }
            return reply.build();
          };
        });
  }
}

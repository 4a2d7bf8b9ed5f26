package dev.kiwiops.core.report;

import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.reply.Reply;
import java.util.List;
import java.util.Optional;

/**
 * {@code report [server]}: the fleet digest of the scheduled reports, on demand, for the servers in
 * the caller's scope (or the one named, which must be in it).
 */
public final class ReportCommand implements Command {
  private static final CommandSpec SPEC =
      CommandSpec.builder("report")
          .parameter(Parameter.optional("server", ParamKind.SERVER, "only this server"))
          .summary("fleet digest: state, transfer and forecast, abuse points, incidents, snapshots")
          .examples("report", "report web1")
          .build();

  private final FleetReports reports;

  public ReportCommand(FleetReports reports) {
    this.reports = reports;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Action parse(CommandInput input) throws UsageException {
    if (input.args().size() > 1) {
      throw new UsageException("Unexpected '" + input.args().get(1) + "'.");
    }
    if (input.args().isEmpty()) {
      List<FleetServer> scope = input.scope();
      if (scope.isEmpty()) {
        throw new UsageException("You have no servers to report on.");
      }
      return Action.of(
          Optional.empty(),
          List.of(),
          ctx -> reports.report(ctx.kiwi(), scope, "Fleet report (" + count(scope) + ")"));
    }
    FleetServer server = input.server(0).server();
    return Action.on(
        server,
        List.of(server.name()),
        ctx -> {
          Reply reply = reports.report(ctx.kiwi(), List.of(server), server.name() + " report");
          return reply;
        });
  }

  private static String count(List<FleetServer> servers) {
    return servers.size() == 1 ? "1 server" : servers.size() + " servers";
  }
}

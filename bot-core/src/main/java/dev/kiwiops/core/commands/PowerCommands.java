package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Execution;
import dev.kiwiops.core.command.Foreseen;
import dev.kiwiops.core.command.Foresight;
import dev.kiwiops.core.command.Preview;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** {@code power start|stop|restart|kill <server>}. */
public final class PowerCommands {
  private PowerCommands() {}

  public static List<Command> all(KiwiVm kiwi, PowerStopLedger ledger) {
    return List.of(
        power(
            "start",
            "start the server",
            false,
            "",
            (k, s) -> k.start(s),
            "Start requested for %s.",
            kiwi,
            ledger),
        power(
            "stop",
            "shut the server down",
            true,
            "",
            (k, s) -> k.stop(s),
            "Stop requested for %s.",
            kiwi,
            ledger),
        power(
            "restart",
            "reboot the server",
            false,
            "",
            (k, s) -> k.restart(s),
            "Restart requested for %s.",
            kiwi,
            ledger),
        power(
            "kill",
            "force the server off (unsaved data is lost)",
            true,
            "",
            (k, s) -> k.kill(s),
            "Killed %s.",
            kiwi,
            ledger));
  }

  private static Command power(
      String verb,
      String summary,
      boolean confirm,
      String warning,
      BiFunction<KiwiVm, FleetServer, ApiResult<?>> call,
      String done,
      KiwiVm kiwi,
      PowerStopLedger ledger) {
    CommandSpec.Builder builder =
        CommandSpec.builder("power " + verb)
            .server()
            .summary(summary)
            .examples("power " + verb + " web1");
    if (confirm) {
      builder.confirm();
    }
    CommandSpec spec = builder.build();
    return new ServerCommand(
        spec,
        0,
        warning,
        ServerCommand.noArgs(
            server -> {
              Execution run =
                  ctx -> {
                    boolean stopping = verb.equals("stop") || verb.equals("kill");
                    Optional<PowerStopLedger.Stop> before = ledger.stopOf(server.name());
                    if (stopping) {
                      // Recorded before the call: the watcher may poll while it is in flight.
                      ledger.stoppedThroughBot(server.name(), ctx.caller().user());
                    }
                    ApiResult<?> result = call.apply(ctx.kiwi(), server);
                    if (stopping && !result.isOk() && !result.isUnknown()) {
                      // KiwiVM said no: nothing was stopped by this request. An unknown outcome
                      // keeps the stop, since the server may be off because of it.
                      ledger.undo(server.name(), before);
                    }
                    if (!result.isOk()) {
                      return Outcomes.failure(server, verb, result, "status " + server.name());
                    }
                    return Reply.builder()
                        .tone(Tone.SUCCESS)
                        .text(String.format(done, server.name()))
                        .build();
                  };
              return confirm ? Foreseen.of(look(verb, server), run) : run;
            }));
  }

  /**
   * Before a stop or kill: the state and load it stops from, refused when it is already stopped;
   * the power state must be the same when it runs.
   */
  private static Foresight look(String verb, FleetServer server) {
    return Looks.of(
        ctx -> {
          LiveServiceInfo live =
              Looks.read(ctx.kiwi().getLiveServiceInfo(server), server, "read the state of");
          Looks.require(
              live.powerState() != PowerState.STOPPED, server.name() + " is already stopped.");
          String state = Looks.lower(live.powerState());
          String load =
              live.loadAverage() == null || live.loadAverage().isBlank()
                  ? ""
                  : ", load " + live.loadAverage();
          Preview.Builder facts = Preview.facts().line("Now: " + state + load + ".");
          if (verb.equals("kill")) {
            facts.line("Kill forces it off at once, without a shutdown: any unsaved data is lost.");
          } else {
            facts.line("It shuts down and stays off until someone starts it again.");
          }
          return facts.watch("the power state of " + server.name(), state).build();
        });
  }
}

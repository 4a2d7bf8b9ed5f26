package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.complete.Suggestions;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.reply.Reply;
import java.util.List;
import java.util.Optional;

/** {@code hostname <server> <name>} and {@code rdns <server> <ip> <ptr>}. */
final class NamingCommands {
  private NamingCommands() {}

  static List<Command> all(KiwiVm kiwi) {
    return List.of(hostname(kiwi), rdns(kiwi));
  }

  static Command hostname(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("hostname")
            .server()
            .parameter(Parameter.required("name", ParamKind.HOSTNAME, "the new host name"))
            .summary("set the server's host name")
            .examples("hostname web1 web1.example.com")
            .build(),
        1,
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "new host name");
          String name = Arguments.hostname(rest.get(0));
          return ctx -> {
            ApiResult<?> result = ctx.kiwi().setHostname(server, name);
            if (!result.isOk()) {
              return Outcomes.failure(server, "set the host name of", result);
            }
            return Outcomes.success("Host name of " + server.name() + " set to " + name + ".");
          };
        });
  }

  static Command rdns(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("rdns")
            .server()
            .parameter(
                Parameter.required("ip", ParamKind.IP, "one of the server's IP addresses")
                    .suggest(Suggestions.SERVER_IPS))
            .parameter(Parameter.required("ptr", ParamKind.HOSTNAME, "the reverse DNS name"))
            .summary("set the reverse DNS (PTR) name of one of the server's IPs")
            .examples("rdns web1 203.0.113.7 web1.example.com")
            .build(),
        2,
        (server, rest) -> {
          Arguments.count(rest, 2, 2, "IP and PTR name");
          String ip = Arguments.ip(rest.get(0));
          String ptr = Arguments.hostname(rest.get(1));
          return ctx -> {
            Optional<Reply> refusal =
                Preconditions.withInfo(
                    ctx,
                    server,
                    info ->
                        Preconditions.ipOf(info, server, ip)
                            .or(() -> rdnsUnavailable(server.name(), info)));
            if (refusal.isPresent()) {
              return refusal.get();
            }
            ApiResult<?> result = ctx.kiwi().setPtr(server, ip, ptr);
            if (!result.isOk()) {
              return Outcomes.failure(server, "set the PTR of " + ip + " on", result);
            }
            return Outcomes.success(
                "PTR of " + ip + " (" + server.name() + ") set to " + ptr + ".");
          };
        });
  }

  private static Optional<Reply> rdnsUnavailable(String name, ServiceInfo info) {
    return Preconditions.refusedUnless(
        info.rdnsApiAvailable(), "Reverse DNS cannot be set through the API for " + name + ".");
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Foreseen;
import dev.kiwiops.core.command.Foresight;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.Preview;
import dev.kiwiops.core.complete.Suggestions;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.reply.Reply;
import java.util.List;
import java.util.Optional;

/** {@code ipv6 add|delete} and {@code privateip available|assign|delete}. */
final class NetworkCommands {
  private NetworkCommands() {}

  static List<Command> all(KiwiVm kiwi) {
    return List.of(
        ipv6Add(kiwi),
        ipv6Delete(kiwi),
        privateAvailable(kiwi),
        privateAssign(kiwi),
        privateDelete(kiwi));
  }

  static Command ipv6Add(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("ipv6 add")
            .server()
            .parameter(
                Parameter.optional(
                    "ip",
                    ParamKind.IPV6,
                    "an address in the server's /64; a new one from the pool if left out"))
            .summary("assign an IPv6 address (a new one from the pool, or one in the server's /64)")
            .examples("ipv6 add web1", "ipv6 add web1 2001:db8:1:2::10")
            .build(),
        1,
        (server, rest) -> {
          Arguments.count(rest, 0, 1, "IPv6 address");
          Optional<String> ip =
              rest.isEmpty() ? Optional.empty() : Optional.of(Arguments.ipv6(rest.get(0)));
          if (ip.isPresent() && ip.get().contains("/")) {
            throw new dev.kiwiops.core.command.UsageException("Give one address, not a subnet.");
          }
          return ctx -> {
            if (ip.isPresent()) {
              Optional<Reply> refusal =
                  Preconditions.withInfo(
                      ctx,
                      server,
                      info -> {
                        Optional<String> first =
                            info.ipAddresses().stream().filter(Arguments::isIpv6).findFirst();
                        if (first.isPresent() && !Ipv6.sameSlash64(first.get(), ip.get())) {
                          return Optional.of(
                              Outcomes.refused(
                                  ip.get()
                                      + " is outside the /64 of "
                                      + server.name()
                                      + "'s first IPv6 address "
                                      + first.get()
                                      + "."));
                        }
                        if (first.isEmpty()) {
                          return Optional.of(
                              Outcomes.refused(
                                  server.name()
                                      + " has no IPv6 yet: the first one comes from the pool (`ipv6 add "
                                      + server.name()
                                      + "`)."));
                        }
                        return Optional.empty();
                      });
              if (refusal.isPresent()) {
                return refusal.get();
              }
            }
            ApiResult<String> result = ctx.kiwi().addIpv6(server, ip);
            if (!(result instanceof ApiResult.Ok<String> ok)) {
              return Outcomes.failure(server, "add an IPv6 address to", result);
            }
            return Outcomes.success("Assigned " + ok.value() + " to " + server.name() + ".");
          };
        });
  }

  static Command ipv6Delete(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("ipv6 delete")
            .server()
            .parameter(
                Parameter.required("ip", ParamKind.IPV6, "the IPv6 address to release")
                    .suggest(Suggestions.SERVER_IPV6))
            .summary("release one of the server's IPv6 addresses")
            .confirm()
            .examples("ipv6 delete web1 2001:db8:1:2::10")
            .build(),
        1,
        "Traffic to that address stops at once.",
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "IPv6 address");
          String ip = Arguments.ipv6(rest.get(0));
          Foresight look =
              Looks.of(
                  ctx -> {
                    ServiceInfo info =
                        Looks.read(ctx.kiwi().getServiceInfo(server), server, "check");
                    List<String> ipv6 =
                        info.ipAddresses().stream().filter(Arguments::isIpv6).toList();
                    Looks.require(
                        ipv6.stream().anyMatch(a -> Preconditions.sameIp(a, ip)),
                        ip
                            + " is not an IP of "
                            + server.name()
                            + " (its IPs: "
                            + Preconditions.joinOrNone(info.ipAddresses())
                            + ").");
                    String ptr =
                        info.ptr().entrySet().stream()
                            .filter(e -> Preconditions.sameIp(e.getKey(), ip))
                            .map(java.util.Map.Entry::getValue)
                            .filter(p -> p != null && !p.isBlank())
                            .findFirst()
                            .map(p -> ", rDNS " + p)
                            .orElse("");
                    List<String> kept =
                        ipv6.stream().filter(a -> !Preconditions.sameIp(a, ip)).toList();
                    return Preview.facts()
                        .line("Released: " + ip + ptr + ".")
                        .line(
                            server.name() + " keeps IPv6: " + Preconditions.joinOrNone(kept) + ".")
                        .build();
                  });
          return Foreseen.of(
              look,
              ctx -> {
                ApiResult<?> result = ctx.kiwi().deleteIpv6(server, ip);
                if (!result.isOk()) {
                  return Outcomes.failure(server, "release " + ip + " of", result);
                }
                return Outcomes.success("Released " + ip + " of " + server.name() + ".");
              });
        });
  }

  static Command privateAvailable(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("privateip available")
            .server()
            .summary("private IPs you can assign in the server's location")
            .examples("privateip available web1")
            .build(),
        0,
        ServerCommand.noArgs(
            server ->
                ctx -> {
                  ApiResult<List<String>> result = ctx.kiwi().availablePrivateIps(server);
                  if (!(result instanceof ApiResult.Ok<List<String>> ok)) {
                    return Outcomes.failure(server, "list the private IPs for", result);
                  }
                  if (ok.value().isEmpty()) {
                    return Reply.text("No private IPs are available for " + server.name() + ".");
                  }
                  return Reply.builder()
                      .title(server.name() + " — " + ok.value().size() + " private IPs available")
                      .text(String.join(", ", ok.value()))
                      .build();
                }));
  }

  static Command privateAssign(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("privateip assign")
            .server()
            .parameter(
                Parameter.optional(
                        "ip", ParamKind.IPV4, "a free private IP; a random one if left out")
                    .suggest(Suggestions.PRIVATE_IPS_AVAILABLE))
            .summary("assign a private IP (a random free one if none is given)")
            .examples("privateip assign web1", "privateip assign web1 10.0.0.12")
            .build(),
        1,
        (server, rest) -> {
          Arguments.count(rest, 0, 1, "private IPv4 address");
          Optional<String> ip =
              rest.isEmpty() ? Optional.empty() : Optional.of(Arguments.ipv4(rest.get(0)));
          return ctx -> {
            if (ip.isPresent()) {
              ApiResult<List<String>> available = ctx.kiwi().availablePrivateIps(server);
              if (!(available instanceof ApiResult.Ok<List<String>> ok)) {
                return Outcomes.failure(server, "check the private IPs for", available);
              }
              if (!ok.value().contains(ip.get())) {
                return Outcomes.refused(
                    ip.get()
                        + " is not available; see `privateip available "
                        + server.name()
                        + "`.");
              }
            }
            ApiResult<List<String>> result = ctx.kiwi().assignPrivateIp(server, ip);
            if (!(result instanceof ApiResult.Ok<List<String>> ok)) {
              return Outcomes.failure(server, "assign a private IP to", result);
            }
            return Outcomes.success(
                "Assigned " + Preconditions.joinOrNone(ok.value()) + " to " + server.name() + ".");
          };
        });
  }

  static Command privateDelete(KiwiVm kiwi) {
    return new ServerCommand(
        CommandSpec.builder("privateip delete")
            .server()
            .parameter(
                Parameter.required("ip", ParamKind.IPV4, "the private IP to release")
                    .suggest(Suggestions.PRIVATE_IPS_ASSIGNED))
            .summary("release one of the server's private IPs")
            .confirm()
            .examples("privateip delete web1 10.0.0.12")
            .build(),
        1,
        "Private traffic to that address stops at once.",
        (server, rest) -> {
          Arguments.count(rest, 1, 1, "private IPv4 address");
          String ip = Arguments.ipv4(rest.get(0));
          Foresight look =
              Looks.of(
                  ctx -> {
                    ServiceInfo info =
                        Looks.read(ctx.kiwi().getServiceInfo(server), server, "check");
                    List<String> held = info.privateIpAddresses();
                    Looks.require(
                        held.contains(ip),
                        ip
                            + " is not a private IP of "
                            + server.name()
                            + " (its private IPs: "
                            + Preconditions.joinOrNone(held)
                            + ").");
                    List<String> kept = held.stream().filter(a -> !a.equals(ip)).toList();
                    return Preview.facts()
                        .line("Released: private IP " + ip + " of " + server.name() + ".")
                        .line(
                            server.name()
                                + " keeps private IPs: "
                                + Preconditions.joinOrNone(kept)
                                + ".")
                        .build();
                  });
          return Foreseen.of(
              look,
              ctx -> {
                ApiResult<?> result = ctx.kiwi().deletePrivateIp(server, ip);
                if (!result.isOk()) {
                  return Outcomes.failure(server, "release " + ip + " of", result);
                }
                return Outcomes.success("Released " + ip + " of " + server.name() + ".");
              });
        });
  }
}

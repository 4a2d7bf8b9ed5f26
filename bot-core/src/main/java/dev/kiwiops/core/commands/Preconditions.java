package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.ExecutionContext;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.reply.Reply;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that need KiwiVM data, made with a (cacheable) read just before a write: the IP belongs to
 * the server, the template or ISO is offered, the snapshot exists. Each answers empty when the
 * write may go ahead, or the reply to send instead; a failed read refuses too, since the write
 * cannot be checked.
 */
final class Preconditions {
  private Preconditions() {}

  static Optional<Reply> ipOfServer(
      KiwiVm kiwi, ExecutionContext ctx, FleetServer server, String ip) {
    return withInfo(
        kiwi,
        ctx,
        server,
        info ->
            info.ipAddresses().stream().anyMatch(a -> sameIp(a, ip))
                ? Optional.empty()
                : Optional.of(
                    Outcomes.refused(
                        ip
                            + " is not an IP of "
                            + server.name()
                            + " (its IPs: "
                            + joinOrNone(info.ipAddresses())
                            + ").")));
  }

  static Optional<Reply> privateIpOfServer(
      KiwiVm kiwi, ExecutionContext ctx, FleetServer server, String ip) {
    return withInfo(
        kiwi,
        ctx,
        server,
        info ->
            info.privateIpAddresses().contains(ip)
                ? Optional.empty()
                : Optional.of(
                    Outcomes.refused(
                        ip
                            + " is not a private IP of "
                            + server.name()
                            + " (its private IPs: "
                            + joinOrNone(info.privateIpAddresses())
                            + ").")));
  }

  static Optional<Reply> isoAvailable(
      KiwiVm kiwi, ExecutionContext ctx, FleetServer server, String iso) {
    return withInfo(
        kiwi,
        ctx,
        server,
        info ->
            info.availableIsos().contains(iso)
                ? Optional.empty()
                : Optional.of(
                    Outcomes.refused(
                        "No ISO '"
                            + iso
                            + "' is offered for "
                            + server.name()
                            + "; see `iso list "
                            + server.name()
                            + "`.")));
  }

  static Optional<Reply> snapshotExists(
      KiwiVm kiwi, ExecutionContext ctx, FleetServer server, String fileName) {
    ApiResult<List<Snapshot>> list = kiwi.listSnapshots(server);
    if (!(list instanceof ApiResult.Ok<List<Snapshot>> ok)) {
      ctx.note(list);
      return Optional.of(Outcomes.failure(server, "check the snapshots of", list));
    }
    return ok.value().stream().anyMatch(s -> s.fileName().equals(fileName))
        ? Optional.empty()
        : Optional.of(
            Outcomes.refused(
                "No snapshot "
                    + fileName
                    + " on "
                    + server.name()
                    + "; see `snapshot list "
                    + server.name()
                    + "`."));
  }

  static Optional<Reply> withInfo(
      KiwiVm kiwi,
      ExecutionContext ctx,
      FleetServer server,
      Function<ServiceInfo, Optional<Reply>> check) {
    ApiResult<ServiceInfo> info = kiwi.getServiceInfo(server);
    if (!(info instanceof ApiResult.Ok<ServiceInfo> ok)) {
      ctx.note(info);
      return Optional.of(Outcomes.failure(server, "check", info));
    }
    return check.apply(ok.value());
  }

  /** IPv6 text forms vary ({@code ::1} vs {@code 0:0::1}); compare them parsed. */
  static boolean sameIp(String a, String b) {
    if (a.equalsIgnoreCase(b)) {
      return true;
    }
    if (Arguments.isIpv6(a) && Arguments.isIpv6(b)) {
      return java.util.Arrays.equals(Ipv6.bytes(a), Ipv6.bytes(b));
    }
    return false;
  }

  static String joinOrNone(List<String> items) {
    return items.isEmpty() ? "none" : String.join(", ", items);
  }
}

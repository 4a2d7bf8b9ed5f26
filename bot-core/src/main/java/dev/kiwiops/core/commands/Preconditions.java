package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.ExecutionContext;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
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

  static Optional<Reply> ipOfServer(ExecutionContext ctx, FleetServer server, String ip) {
    return withInfo(ctx, server, info -> ipOf(info, server, ip));
  }

  /** The check of {@link #ipOfServer} on service info already read. */
  static Optional<Reply> ipOf(ServiceInfo info, FleetServer server, String ip) {
    return refusedUnless(
        info.ipAddresses().stream().anyMatch(a -> sameIp(a, ip)),
        ip
            + " is not an IP of "
            + server.name()
            + " (its IPs: "
            + joinOrNone(info.ipAddresses())
            + ").");
  }

  static Optional<Reply> privateIpOfServer(ExecutionContext ctx, FleetServer server, String ip) {
    return withInfo(
        ctx,
        server,
        info ->
            refusedUnless(
                info.privateIpAddresses().contains(ip),
                ip
                    + " is not a private IP of "
                    + server.name()
                    + " (its private IPs: "
                    + joinOrNone(info.privateIpAddresses())
                    + ")."));
  }

  static Optional<Reply> isoAvailable(ExecutionContext ctx, FleetServer server, String iso) {
    return withInfo(
        ctx,
        server,
        info ->
            refusedUnless(
                info.availableIsos().contains(iso),
                "No ISO '"
                    + iso
                    + "' is offered for "
                    + server.name()
                    + "; see `iso list "
                    + server.name()
                    + "`."));
  }

  static Optional<Reply> snapshotExists(ExecutionContext ctx, FleetServer server, String fileName) {
    return checked(
        ctx.kiwi().listSnapshots(server),
        ctx,
        server,
        "check the snapshots of",
        snapshots ->
            refusedUnless(
                snapshots.stream().anyMatch(s -> s.fileName().equals(fileName)),
                "No snapshot "
                    + fileName
                    + " on "
                    + server.name()
                    + "; see `snapshot list "
                    + server.name()
                    + "`."));
  }

  static Optional<Reply> withInfo(
      ExecutionContext ctx, FleetServer server, Function<ServiceInfo, Optional<Reply>> check) {
    return checked(ctx.kiwi().getServiceInfo(server), ctx, server, "check", check);
  }

  /** Applies {@code check} to what was read; a failed read refuses, saying what it could not do. */
  private static <T> Optional<Reply> checked(
      ApiResult<T> read,
      ExecutionContext ctx,
      FleetServer server,
      String what,
      Function<T, Optional<Reply>> check) {
    if (!(read instanceof ApiResult.Ok<T> ok)) {
      return Optional.of(Outcomes.failure(server, what, read));
    }
    return check.apply(ok.value());
  }

  /** Nothing when {@code holds}, else a refusal that says {@code why}. */
  static Optional<Reply> refusedUnless(boolean holds, String why) {
    return holds ? Optional.empty() : Optional.of(Outcomes.refused(why));
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

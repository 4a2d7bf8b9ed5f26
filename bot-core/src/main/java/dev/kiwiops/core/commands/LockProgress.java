package dev.kiwiops.core.commands;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.reply.Progress;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Follows a long KiwiVM operation through its lock: while it runs, every call on the VE answers
 * {@code 788888} with {@code completed_percent} and a progress text. The poll is {@code
 * getServiceInfo}, the cheapest call: a locked answer is a failure, and failures are never cached
 * by the client, so each poll reaches KiwiVM; the write that started the operation dropped the
 * server's cached reads, so the first {@code Ok} is fresh and means the lock is gone.
 */
final class LockProgress implements Supplier<Progress> {
  private final KiwiVm kiwi;
  private final FleetServer server;
  private final Function<ServiceInfo, String> finished;

  LockProgress(KiwiVm kiwi, FleetServer server, Function<ServiceInfo, String> finished) {
    this.kiwi = kiwi;
    this.server = server;
    this.finished = finished;
  }

  @Override
  public Progress get() {
    ApiResult<ServiceInfo> result = kiwi.getServiceInfo(server);
    if (result instanceof ApiResult.Locked<ServiceInfo> locked) {
      String text = locked.progress().isBlank() ? locked.operation() : locked.progress();
      return new Progress.Running(locked.percent(), text);
    } else if (result instanceof ApiResult.Ok<ServiceInfo> ok) {
      return new Progress.Finished(finished.apply(ok.value()));
    } else if (result instanceof ApiResult.AuthFailure<ServiceInfo>) {
      return new Progress.Failed(result.describeFailure());
    }
    return new Progress.Unknown(result.describeFailure());
  }
}

package dev.kiwiops.core.watch;

import dev.kiwiops.core.commands.PowerStopLedger;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.PowerState;
import dev.kiwiops.core.kiwivm.RateLimitStatus;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the KiwiVM calls of one server's poll and gathers their answers into an {@link
 * Observation}. {@code getServiceInfo} every time; the expensive calls when due ({@code
 * getLiveServiceInfo} and {@code getRateLimitStatus} on expensive cycles), {@code
 * getPolicyViolations} when the flag is set and no violation is open yet (or on expensive cycles),
 * {@code getSuspensionDetails} when the flag is set and no suspension is open. Blocks on the API;
 * runs on the watcher's poll threads.
 */
final class ServerObserver {
  private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

  private final KiwiVm kiwi;
  private final PowerStopLedger stops;
  private final IncidentBook book;
  private final Clock clock;
  private final AtomicLong failures;

  ServerObserver(
      KiwiVm kiwi, PowerStopLedger stops, IncidentBook book, Clock clock, AtomicLong failures) {
    this.kiwi = kiwi;
    this.stops = stops;
    this.book = book;
    this.clock = clock;
    this.failures = failures;
  }

  Observation observe(FleetServer server, boolean expensive) {
    ApiResult<ServiceInfo> infoResult = kiwi.getServiceInfo(server);
    Instant now = clock.instant();
    boolean rejected = infoResult instanceof ApiResult.AuthFailure<ServiceInfo>;
    Optional<ServiceInfo> info = ok(server, "getServiceInfo", infoResult, !rejected);
    Optional<LiveServiceInfo> live = Optional.empty();
    Optional<PolicyViolations> violations = Optional.empty();
    Optional<SuspensionDetails> suspension = Optional.empty();
    Optional<RateLimitStatus> rateLimit = Optional.empty();
    boolean suspensionAsked = false;
    if (info.isPresent()) {
      if (expensive) {
        live = ok(server, "getLiveServiceInfo", kiwi.getLiveServiceInfo(server), true);
      }
      if (info.get().policyViolation()
          && (expensive || !book.hasOpen(server.name(), AlertKind.POLICY_VIOLATION))) {
        violations = ok(server, "getPolicyViolations", kiwi.getPolicyViolations(server), true);
      }
      if (info.get().suspended() && !book.hasOpen(server.name(), AlertKind.SUSPENDED)) {
        suspensionAsked = true;
        suspension = ok(server, "getSuspensionDetails", kiwi.getSuspensionDetails(server), true);
      }
      if (expensive) {
        rateLimit = ok(server, "getRateLimitStatus", kiwi.getRateLimitStatus(server), true);
      }
    }
    boolean stoppedThroughBot = stops.stopOf(server.name()).isPresent();
    if (live.isPresent() && live.get().powerState() == PowerState.RUNNING && stoppedThroughBot) {
      stops.clear(server.name());
      stoppedThroughBot = false;
    }
    return new Observation(
        server,
        now,
        info,
        rejected,
        live,
        violations,
        suspension,
        rateLimit,
        stoppedThroughBot,
        suspensionAsked);
  }

  private <T> Optional<T> ok(
      FleetServer server, String call, ApiResult<T> result, boolean countFailure) {
    if (result instanceof ApiResult.Ok<T> ok) {
      return Optional.of(ok.value());
    }
    if (countFailure) {
      failures.incrementAndGet();
      LOG.info("watcher: {} {}: {}", server.name(), call, result.describeFailure());
    }
    return Optional.empty();
  }
}

package dev.kiwiops.simulator;

import dev.kiwiops.simulator.Faults.Kind;
import dev.kiwiops.simulator.Faults.Rule;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which requests the next fault applies to: a server, a call, a number of requests. Immutable;
 * narrowing returns a new scope and the fault methods install the fault.
 */
public final class FaultScope {
  private final Faults faults;
  private final Long veid;
  private final String call;
  private final int count;
  private final boolean afterAction;

  FaultScope(Faults faults, Long veid, String call, int count, boolean afterAction) {
    this.faults = faults;
    this.veid = veid;
    this.call = call;
    this.count = count;
    this.afterAction = afterAction;
  }

  public FaultScope forServer(long serverVeid) {
    return new FaultScope(faults, serverVeid, call, count, afterAction);
  }

  public FaultScope forCall(String callName) {
    return new FaultScope(faults, veid, Objects.requireNonNull(callName), count, afterAction);
  }

  /**
   * The fault strikes after the call is carried out: its answer is delayed, lost or replaced, but
   * the server changed (a write whose outcome the client cannot know).
   */
  public FaultScope afterAction() {
    return new FaultScope(faults, veid, call, count, true);
  }

  /** Applies only to the next {@code n} matching requests. */
  public FaultScope times(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("times must be positive");
    }
    return new FaultScope(faults, veid, call, n, afterAction);
  }

  public void latency(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative latency");
    }
    install(Kind.LATENCY, 0, delay, null);
  }

  public void httpStatus(int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
    install(Kind.HTTP_STATUS, status, null, null);
  }

  public void htmlBody() {
    install(Kind.HTML_BODY, 200, null, null);
  }

  public void malformedJson() {
    install(Kind.MALFORMED_JSON, 200, null, null);
  }

  public void connectionReset() {
    install(Kind.CONNECTION_RESET, 0, null, null);
  }

  public void authFailure() {
    install(Kind.AUTH_FAILURE, 200, null, null);
  }

  public void rateLimited(RateLimitShape shape) {
    install(Kind.RATE_LIMITED, 0, null, Objects.requireNonNull(shape));
  }

  private void install(Kind kind, int status, Duration delay, RateLimitShape shape) {
    faults.add(
        new Rule(veid, call, kind, status, delay, shape, new AtomicInteger(count), afterAction));
  }
}

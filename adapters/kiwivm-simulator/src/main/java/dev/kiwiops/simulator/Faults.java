package dev.kiwiops.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transport and server failures injected into {@code /v1/} answers. Each fault applies to every
 * server and call until {@link #clear()}d, or narrower through {@link #forServer}, {@link #forCall}
 * and {@link #times}:
 *
 * <pre>{@code
 * sim.faults().httpStatus(502);                                   // every request
 * sim.faults().forServer(1001).forCall("kill").times(1).connectionReset();
 * sim.faults().times(3).latency(Duration.ofSeconds(2));
 * }</pre>
 *
 * <p>Latency delays a request, which then proceeds (or meets another fault); the other kinds
 * replace the answer, the first matching one winning. Faulted requests are still recorded.
 *
 * <p>By default a fault strikes before the call is carried out, so nothing changes. {@link
 * #afterAction()} makes it strike after: the call is carried out (a kill kills), and then its
 * answer is delayed, lost or garbled, as when a connection breaks or times out while KiwiVM works:
 *
 * <pre>{@code
 * sim.faults().forCall("kill").afterAction().connectionReset();   // killed, but no answer
 * sim.faults().forCall("kill").afterAction().latency(Duration.ofSeconds(30));
 * }</pre>
 */
public final class Faults {

  enum Kind {
    LATENCY,
    HTTP_STATUS,
    HTML_BODY,
    MALFORMED_JSON,
    CONNECTION_RESET,
    AUTH_FAILURE,
    RATE_LIMITED
  }

  /** One injected fault; {@code remaining} is -1 when unlimited. */
  record Rule(
      Long veid,
      String call,
      Kind kind,
      int httpStatus,
      Duration latency,
      RateLimitShape shape,
      AtomicInteger remaining,
      boolean afterAction) {

    boolean matches(long requestVeid, String requestCall) {
      return (veid == null || veid == requestVeid) && (call == null || call.equals(requestCall));
    }

    /** Uses one application; false when a counted rule is spent. */
    boolean consume() {
      return remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) != 0;
    }

    String describe() {
      String what =
          switch (kind) {
            case LATENCY -> "latency " + latency.toMillis() + "ms";
            case HTTP_STATUS -> "http " + httpStatus;
            case RATE_LIMITED -> "rate-limited " + shape;
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
          };
      return what
          + " for "
          + (veid == null ? "any server" : "veid " + veid)
          + ", "
          + (call == null ? "any call" : call)
          + (remaining.get() < 0 ? ", until cleared" : ", " + remaining.get() + " more")
          + (afterAction ? ", after the call is carried out" : "");
    }
  }

  /**
   * The faults one request meets: a delay before the call is carried out, one after it (before the
   * answer), and maybe an answer-replacing fault (applied after the call if its rule says so).
   */
  record Plan(Duration delay, Duration delayAfter, Rule answer) {}

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final FaultScope everything = new FaultScope(this, null, null, -1, false);

  Faults() {}

  /** Narrows the next fault to one server. */
  public FaultScope forServer(long veid) {
    return everything.forServer(veid);
  }

  /** Narrows the next fault to one call, such as {@code "snapshot/create"}. */
  public FaultScope forCall(String call) {
    return everything.forCall(call);
  }

  /** Makes the next fault strike after the call is carried out (see the class comment). */
  public FaultScope afterAction() {
    return everything.afterAction();
  }

  /** Limits the next fault to the next {@code count} matching requests. */
  public FaultScope times(int count) {
    return everything.times(count);
  }

  public void latency(Duration delay) {
    everything.latency(delay);
  }

  /** Answers with this HTTP status and an HTML error page, as a proxy in front of the API does. */
  public void httpStatus(int status) {
    everything.httpStatus(status);
  }

  /** Answers HTTP 200 with an HTML page instead of JSON. */
  public void htmlBody() {
    everything.htmlBody();
  }

  /** Answers HTTP 200 with truncated JSON. */
  public void malformedJson() {
    everything.malformedJson();
  }

  /** Closes the connection without an answer; the client sees an IOException. */
  public void connectionReset() {
    everything.connectionReset();
  }

  /** Answers 700005 even for a right key. */
  public void authFailure() {
    everything.authFailure();
  }

  public void rateLimited(RateLimitShape shape) {
    everything.rateLimited(shape);
  }

  /** Removes every fault. */
  public void clear() {
    rules.clear();
  }

  /** A one-line description of each active fault. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Rule rule : rules) {
      out.add(rule.describe());
    }
    return out;
  }

  void add(Rule rule) {
    Objects.requireNonNull(rule.kind());
    rules.add(rule);
  }

  Plan planFor(long veid, String call) {
    Duration delay = Duration.ZERO;
    Duration delayAfter = Duration.ZERO;
    Rule answer = null;
    for (Rule rule : rules) {
      if (!rule.matches(veid, call)) {
        continue;
      }
      if (rule.kind() == Kind.LATENCY) {
        if (rule.consume()) {
          if (rule.afterAction()) {
            delayAfter = delayAfter.plus(rule.latency());
          } else {
            delay = delay.plus(rule.latency());
          }
        }
      } else if (answer == null && rule.consume()) {
        answer = rule;
      }
    }
    rules.removeIf(rule -> rule.remaining().get() == 0);
    return new Plan(delay, delayAfter, answer);
  }
}

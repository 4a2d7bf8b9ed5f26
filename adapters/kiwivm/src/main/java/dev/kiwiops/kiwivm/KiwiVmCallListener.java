package dev.kiwiops.kiwivm;

import dev.kiwiops.core.kiwivm.ApiResult;
import java.time.Duration;

/**
 * Hears of every call made through a {@link KiwiVmClient}, for metrics. Called on the thread that
 * made the call, after the result is known; it must be quick and must not throw.
 */
@FunctionalInterface
public interface KiwiVmCallListener {

  void onCall(CallEvent event);

  /** A listener that ignores everything. */
  static KiwiVmCallListener none() {
    return event -> {};
  }

  /**
   * One answered call.
   *
   * @param call the upstream call name as on the wire ({@code snapshot/list})
   * @param server the fleet name of the server
   * @param outcome the kind of the result
   * @param latency time from the call to its result, cache waits included
   * @param cache how the read cache took part
   */
  record CallEvent(String call, String server, Outcome outcome, Duration latency, CacheUse cache) {}

  /** The kind of an {@link ApiResult}, for counting. */
  enum Outcome {
    OK,
    API_ERROR,
    LOCKED,
    AUTH_FAILURE,
    RATE_LIMITED,
    NETWORK_FAILURE,
    BAD_RESPONSE,
    /** HTTP 5xx: KiwiVM failed. */
    SERVER_ERROR,
    /** A write was sent but its answer was lost or unreadable: it may have been done. */
    UNKNOWN;

    public static Outcome of(ApiResult<?> result) {
      if (result instanceof ApiResult.Ok<?>) {
        return OK;
      } else if (result instanceof ApiResult.ApiError<?>) {
        return API_ERROR;
      } else if (result instanceof ApiResult.Locked<?>) {
        return LOCKED;
      } else if (result instanceof ApiResult.AuthFailure<?>) {
        return AUTH_FAILURE;
      } else if (result instanceof ApiResult.RateLimited<?>) {
        return RATE_LIMITED;
      } else if (result instanceof ApiResult.NetworkFailure<?>) {
        return NETWORK_FAILURE;
      } else if (result instanceof ApiResult.ServerError<?>) {
        return SERVER_ERROR;
      } else if (result instanceof ApiResult.Unknown<?>) {
        return UNKNOWN;
      }
      return BAD_RESPONSE;
    }
  }

  /** How the read cache took part in a call. */
  enum CacheUse {
    /** Answered from a cached result: no upstream request. */
    HIT,
    /** This call sent the upstream request (and others may have joined it). */
    MISS,
    /** Joined an identical read already in flight: no request of its own. */
    COALESCED,
    /** A write: never cached, never coalesced. */
    BYPASS
  }
}

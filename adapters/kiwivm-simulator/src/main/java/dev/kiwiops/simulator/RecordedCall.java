package dev.kiwiops.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One request the simulator received on {@code /v1/}.
 *
 * @param method HTTP method
 * @param call the call name, with slash calls as written in the path ({@code snapshot/create})
 * @param params query and form parameters (urlencoded or multipart) merged; the body wins
 * @param query the raw URL query string, {@code ""} when there was none
 * @param at when it arrived, by the simulator's clock
 */
public record RecordedCall(
    String method, String call, Map<String, String> params, String query, Instant at) {

  public RecordedCall {
    params = Map.copyOf(params);
    query = query == null ? "" : query;
  }

  /** The {@code veid} parameter, or -1 when absent or not a number. */
  public long veid() {
    try {
      return Long.parseLong(params.getOrDefault("veid", "-1").trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

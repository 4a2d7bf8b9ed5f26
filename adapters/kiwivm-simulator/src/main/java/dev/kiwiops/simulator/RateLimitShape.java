package dev.kiwiops.simulator;

/**
 * How an exhausted rate limit is answered. The live API's answer is undocumented, so the simulator
 * can produce each plausible variant.
 */
public enum RateLimitShape {
  /** HTTP 429 with a short text body. */
  HTTP_429,
  /** HTTP 200 with {@code {"error":700006,"message":"Too many requests, rate limit exceeded"}}. */
  ERROR_ENVELOPE,
  /** The connection is closed without an answer. */
  DROP_CONNECTION
}

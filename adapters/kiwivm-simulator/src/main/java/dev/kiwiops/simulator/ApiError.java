package dev.kiwiops.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API-level failure: answered with HTTP 200 and a non-zero {@code error}. The codes that the
 * live API is known to use are documented in docs/KIWIVM-API.md; the rest are the simulator's own.
 */
final class ApiError extends RuntimeException {
  static final int MISSING_PARAMETER = 700001;
  static final int UNKNOWN_CALL = 700002;
  static final int INVALID_PARAMETER = 700003;
  static final int NOT_SUPPORTED = 700004;
  static final int AUTHENTICATION_FAILURE = 700005;
  static final int RATE_LIMITED = 700006;
  static final int NOT_PERMITTED = 700007;
  static final int BAD_BACKUP_PARAMETER = 756130;
  static final int LOCKED = 788888;

  private final int code;
  private final transient Map<String, Object> extras;

  ApiError(int code, String message) {
    this(code, message, Map.of());
  }

  ApiError(int code, String message, Map<String, Object> extras) {
    super(message, null, false, false);
    this.code = code;
    this.extras = new LinkedHashMap<>(extras);
  }

  static ApiError missing(String parameter) {
    return new ApiError(MISSING_PARAMETER, "Missing required parameter: " + parameter);
  }

  static ApiError invalid(String message) {
    return new ApiError(INVALID_PARAMETER, message);
  }

  static ApiError notPermitted(String message) {
    return new ApiError(NOT_PERMITTED, message);
  }

  static ApiError authenticationFailure() {
    return new ApiError(AUTHENTICATION_FAILURE, "Authentication failure");
  }

  int code() {
    return code;
  }

  /** The envelope: {@code error}, {@code message}, then any additional fields. */
  Map<String, Object> envelope() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", getMessage());
    body.putAll(extras);
    return body;
  }
}

package dev.kiwiops.kiwivm;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.kiwivm.ApiResult;
import java.util.Locale;

/**
 * The KiwiVM answer envelope: {@code error} 0 is success; {@code 788888} is a lock with progress;
 * {@code 700005} an authentication failure; a message about rate limits is rate limiting; any other
 * code an API error. For {@code basicShell/exec} the envelope carries the command's exit status and
 * output, so every code but the lock and authentication ones is a result.
 */
final class Envelope {
  static final long AUTH_FAILURE = 700005;
  static final long LOCKED = 788888;

  private Envelope() {}

  /** Ok with the answer itself, or the failure the envelope reports. */
  static ApiResult<WireObject> classify(WireObject answer, Upstream call, Secret... secrets) {
    Long code = answer.optLong("error");
    if (code == null) {
      throw new WireShapeException("the answer has no error code");
    }
    if (code == 0) {
      return new ApiResult.Ok<>(answer);
    }
    if (code == AUTH_FAILURE) {
      return new ApiResult.AuthFailure<>();
    }
    if (code == LOCKED) {
      return locked(answer, secrets);
    }
    if (call == Upstream.SHELL_EXEC) {
      return new ApiResult.Ok<>(answer);
    }
    String message = Redaction.redact(answer.string("message"), secrets);
    if (speaksOfRateLimit(message)) {
      return new ApiResult.RateLimited<>(message);
    }
    return new ApiResult.ApiError<>(code, message);
  }

  private static ApiResult<WireObject> locked(WireObject answer, Secret... secrets) {
    WireObject progress = answer.object("additionalLockingInfo");
    return new ApiResult.Locked<>(
        Redaction.redact(answer.string("additionalErrorInfo"), secrets),
        progress.intValue("completed_percent", -1),
        Redaction.redact(progress.string("friendly_progress_message"), secrets),
        progress.longValue("last_status_update_s_ago", -1));
  }

  static boolean speaksOfRateLimit(String message) {
    String text = message.toLowerCase(Locale.ROOT);
    return text.contains("rate limit")
        || text.contains("rate-limit")
        || text.contains("ratelimit")
        || text.contains("too many requests")
        || text.contains("too many api");
  }
}

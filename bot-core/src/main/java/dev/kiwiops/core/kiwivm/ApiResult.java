package dev.kiwiops.core.kiwivm;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of one KiwiVM API call. The core must decide what each kind means for the user;
 * nothing here is thrown. No variant ever carries a secret.
 *
 * @param <T> the typed answer of a successful call
 */
public sealed interface ApiResult<T> {

  /** The call succeeded ({@code error: 0}). */
  record Ok<T>(T value) implements ApiResult<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The API answered with a non-zero error code that is none of the special kinds below. */
  record ApiError<T>(long code, String message) implements ApiResult<T> {}

  /**
   * The VE is locked by a running operation ({@code 788888}); the progress fields come from {@code
   * additionalLockingInfo} and may be absent (then {@code percent} is -1).
   */
  record Locked<T>(String operation, int percent, String progress, long lastUpdateSecondsAgo)
      implements ApiResult<T> {}

  /** The API rejected the VE id or key ({@code 700005}). */
  record AuthFailure<T>() implements ApiResult<T> {}

  /** The API refused for rate limiting (HTTP 429, a rate-limit error message, or our own cap). */
  record RateLimited<T>(String detail) implements ApiResult<T> {}

  /** The request did not get an answer: timeout, reset, refused, unknown host. */
  record NetworkFailure<T>(Kind kind, String detail) implements ApiResult<T> {
    /** What went wrong on the wire. */
    public enum Kind {
      TIMEOUT,
      RESET,
      REFUSED,
      OTHER
    }
  }

  /** An answer arrived but could not be understood: HTML, malformed JSON, wrong shape. */
  record BadResponse<T>(String detail) implements ApiResult<T> {}

  /** KiwiVM (or the proxy in front of it) answered with an HTTP 5xx status: it failed. */
  record ServerError<T>(int status, String detail) implements ApiResult<T> {}

  /**
   * A write was sent but its outcome is unknown: the answer did not come in time, the connection
   * was lost after the request went out, or the answer could not be read. KiwiVM may have done it.
   * Never retried; only a read of the server tells what happened.
   */
  record Unknown<T>(Kind kind, String detail) implements ApiResult<T> {
    /** Why the outcome is unknown. */
    public enum Kind {
      /** No answer within the timeout. */
      TIMEOUT,
      /** The connection broke after the request was sent. */
      CONNECTION_LOST,
      /** An answer came but could not be read. */
      UNREADABLE_ANSWER
    }
  }

  /** Whether the outcome is unknown: a write that KiwiVM may or may not have done. */
  default boolean isUnknown() {
    return this instanceof Unknown;
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** Maps a successful value; every other outcome passes through unchanged. */
  @SuppressWarnings("unchecked")
  default <R> ApiResult<R> map(Function<? super T, ? extends R> mapper) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(mapper.apply(ok.value()));
    }
    return (ApiResult<R>) this;
  }

  /** One short sentence for a chat user, for every outcome but {@link Ok}. */
  default String describeFailure() {
    if (this instanceof ApiError<T> e) {
      return "KiwiVM error " + e.code() + ": " + clip(e.message());
    } else if (this instanceof Locked<T> l) {
      String pct =
          l.percent() >= 0
              ? " ("
                  + l.percent()
                  + "%"
                  + (l.progress().isBlank() ? "" : ", " + clip(l.progress()))
                  + ")"
              : "";
      return "The server is busy with "
          + (l.operation().isBlank() ? "another operation" : clip(l.operation()))
          + pct
          + "; try again in a few minutes.";
    } else if (this instanceof AuthFailure<T>) {
      return "KiwiVM rejected the API key for this server (700005): check its veid and key.";
    } else if (this instanceof RateLimited<T> r) {
      return "KiwiVM rate limit reached; try again in a few minutes.";
    } else if (this instanceof NetworkFailure<T> n) {
      return switch (n.kind()) {
        case TIMEOUT -> "KiwiVM did not answer in time.";
        case RESET -> "The connection to KiwiVM was reset.";
        case REFUSED -> "KiwiVM could not be reached (connection refused).";
        case OTHER -> "KiwiVM could not be reached.";
      };
    } else if (this instanceof BadResponse<T>) {
      return "KiwiVM sent an answer that could not be understood.";
    } else if (this instanceof ServerError<T> e) {
      return "KiwiVM failed (HTTP " + e.status() + ").";
    } else if (this instanceof Unknown<T> u) {
      return switch (u.kind()) {
        case TIMEOUT -> "KiwiVM did not answer in time.";
        case CONNECTION_LOST -> "The connection to KiwiVM was lost before its answer came.";
        case UNREADABLE_ANSWER -> "KiwiVM's answer could not be read.";
      };
    }
    return "ok";
  }

  /** The longest text from KiwiVM that {@link #describeFailure()} quotes whole. */
  int MAX_QUOTED = 200;

  /**
   * KiwiVM's own text, cut to {@link #MAX_QUOTED} characters (never inside a surrogate pair): an
   * answer may carry any length, a chat message may not.
   */
  private static String clip(String text) {
    if (text.length() <= MAX_QUOTED) {
      return text;
    }
    int end = MAX_QUOTED - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}

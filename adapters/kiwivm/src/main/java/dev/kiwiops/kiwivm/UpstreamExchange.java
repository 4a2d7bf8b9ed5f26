package dev.kiwiops.kiwivm;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ApiResult.NetworkFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import retrofit2.Response;

/**
 * Sends one request to KiwiVM and classifies what came back, holding one of the API key's in-flight
 * permits while it does. Never retries (OkHttp's own retry is off too): the caller decides from
 * {@link Attempt#retryable()}.
 */
final class UpstreamExchange {
  /** Parameters whose values are secrets, masked out of every result text like the key. */
  static final List<String> SECRET_PARAMETERS =
      List.of("externalServerRootPassword", "sourceToken");

  private final KiwiVmService service;
  private final KiwiVmService liveService;
  private final Duration timeout;
  private final Duration liveTimeout;
  private final int maxInFlightPerKey;
  private final Map<Secret, Semaphore> inFlight = new ConcurrentHashMap<>();

  UpstreamExchange(
      KiwiVmService service,
      KiwiVmService liveService,
      Duration timeout,
      Duration liveTimeout,
      int maxInFlightPerKey) {
    this.service = service;
    this.liveService = liveService;
    this.timeout = timeout;
    this.liveTimeout = liveTimeout;
    this.maxInFlightPerKey = maxInFlightPerKey;
  }

  /**
   * The outcome of one attempt, and whether a read may try again (network failure, HTTP 5xx). For a
   * write whose request went out, a lost or unreadable answer is {@link ApiResult.Unknown}.
   */
  record Attempt(ApiResult<WireObject> result, boolean retryable) {}

  Attempt send(FleetServer server, Upstream call, Map<String, String> params) {
    Secret key = server.apiKey();
    boolean live = call == Upstream.GET_LIVE_SERVICE_INFO;
    Semaphore permits =
        inFlight.computeIfAbsent(key, k -> new Semaphore(maxInFlightPerKey, /* fair= */ true));
    Duration wait = live ? liveTimeout : timeout;
    try {
      if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return new Attempt(
            new ApiResult.RateLimited<>(
                "more than "
                    + maxInFlightPerKey
                    + " requests in flight for "
                    + server.name()
                    + " for "
                    + wait.toSeconds()
                    + " s"),
            false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(
          new NetworkFailure<>(NetworkFailure.Kind.OTHER, "interrupted while waiting"), false);
    }
    try {
      return exchange(live ? liveService : service, server, call, params);
    } finally {
      permits.release();
    }
  }

  private static Attempt exchange(
      KiwiVmService service, FleetServer server, Upstream call, Map<String, String> params) {
    Secret key = server.apiKey();
    Secret[] secrets = secretsOf(key, params);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("veid", Long.toString(server.veid()));
    fields.put("api_key", key.reveal());
    fields.putAll(params);
    SendProbe probe = new SendProbe();
    Response<WireObject> response;
    try {
      response = service.post(call.path(), fields, probe).execute();
    } catch (JsonEncodingException e) {
      return unreadable(call, "the answer is not JSON (" + firstLine(e, secrets) + ")");
    } catch (JsonDataException e) {
      return unreadable(call, "the answer is not a JSON object (" + firstLine(e, secrets) + ")");
    } catch (EOFException e) {
      // Moshi's "End of input": an empty or cut-off body that the transport delivered whole.
      return unreadable(call, "the answer is empty or cut off");
    } catch (IOException e) {
      NetworkFailure.Kind kind = kindOf(e);
      String detail = call.path() + ": " + firstLine(e, secrets);
      if (isWrite(call) && probe.sent()) {
        // The request went out: KiwiVM may have done it, whatever happened to its answer.
        return new Attempt(
            new ApiResult.Unknown<>(
                kind == NetworkFailure.Kind.TIMEOUT
                    ? ApiResult.Unknown.Kind.TIMEOUT
                    : ApiResult.Unknown.Kind.CONNECTION_LOST,
                detail),
            false);
      }
      return new Attempt(new NetworkFailure<>(kind, detail), true);
    } catch (RuntimeException e) {
      return isWrite(call) && probe.sent()
          ? unreadable(call, e.getClass().getSimpleName())
          : bad(call, e.getClass().getSimpleName());
    }
    int status = response.code();
    if (status == 429) {
      return new Attempt(new ApiResult.RateLimited<>("HTTP 429 from " + call.path()), false);
    }
    if (status >= 500) {
      return new Attempt(
          new ApiResult.ServerError<>(status, "HTTP " + status + " from " + call.path()), true);
    }
    if (!response.isSuccessful()) {
      return bad(call, "HTTP " + status);
    }
    WireObject answer = response.body();
    if (answer == null) {
      return unreadable(call, "the answer is empty");
    }
    try {
      return new Attempt(Envelope.classify(answer, call, secrets), false);
    } catch (WireShapeException e) {
      return unreadable(call, Redaction.redact(e.getMessage(), secrets));
    }
  }

  static boolean isWrite(Upstream call) {
    return call.family() == null;
  }

  private static Attempt bad(Upstream call, String detail) {
    return new Attempt(new ApiResult.BadResponse<>(call.path() + ": " + detail), false);
  }

  /**
   * An answer came but says nothing readable: for a read, a bad response; for a write, an unknown
   * outcome, since the answer that would tell whether it was done cannot be read.
   */
  private static Attempt unreadable(Upstream call, String detail) {
    if (isWrite(call)) {
      return new Attempt(
          new ApiResult.Unknown<>(
              ApiResult.Unknown.Kind.UNREADABLE_ANSWER, call.path() + ": " + detail),
          false);
    }
    return bad(call, detail);
  }

  static NetworkFailure.Kind kindOf(IOException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof SocketTimeoutException
          || (t instanceof InterruptedIOException && message.contains("timeout"))
          || message.contains("timed out")) {
        return NetworkFailure.Kind.TIMEOUT;
      }
      if (t instanceof ConnectException || message.contains("connection refused")) {
        return NetworkFailure.Kind.REFUSED;
      }
      if (t instanceof UnknownHostException) {
        return NetworkFailure.Kind.OTHER;
      }
      if (t instanceof EOFException
          || message.contains("reset")
          || message.contains("broken pipe")
          || message.contains("unexpected end of stream")
          || (t instanceof SocketException && message.contains("closed"))) {
        return NetworkFailure.Kind.RESET;
      }
    }
    return NetworkFailure.Kind.OTHER;
  }

  private static String firstLine(Throwable t, Secret... secrets) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return Redaction.redact(message.lines().findFirst().orElse(""), secrets);
  }

  /**
   * The API key and every secret parameter of a call (clone's remote root password, an import
   * token): none of them may come back out in a result's text, should KiwiVM ever echo one.
   */
  static Secret[] secretsOf(Secret key, Map<String, String> params) {
    List<Secret> secrets = new ArrayList<>();
    secrets.add(key);
    for (String name : SECRET_PARAMETERS) {
      String value = params.get(name);
      if (value != null && !value.isEmpty()) {
        secrets.add(Secret.of(value));
      }
    }
    return secrets.toArray(Secret[]::new);
  }
}

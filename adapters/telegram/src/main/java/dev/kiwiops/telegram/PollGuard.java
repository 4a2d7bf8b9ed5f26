package dev.kiwiops.telegram;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sits under the library's poller on {@code getUpdates}: a failed poll (network error, 409, 401,
 * 429, 5xx) is recorded in the {@link Health}, waited out with backoff here, and handed to the
 * library as an empty batch. So the library neither logs each failure (with its stack) nor spins,
 * and polling always goes on. While {@code mayPoll} says no, no poll is sent at all: an empty batch
 * comes back after a short pause.
 */
final class PollGuard implements Interceptor {
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  static final Duration CONFLICT_WAIT = Duration.ofSeconds(10);
  static final Duration UNAUTHORIZED_WAIT = Duration.ofSeconds(60);
  private static final MediaType JSON = MediaType.get("application/json");

  private final Health health;
  private final Sleeper sleeper;
  private final Redactor redactor;
  private final BooleanSupplier mayPoll;
  private Duration backoff = FIRST_BACKOFF;

  PollGuard(Health health, Sleeper sleeper, Redactor redactor, BooleanSupplier mayPoll) {
    this.health = health;
    this.sleeper = sleeper;
    this.redactor = redactor;
    this.mayPoll = mayPoll;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!request.url().encodedPath().toLowerCase(java.util.Locale.ROOT).endsWith("/getupdates")) {
      return chain.proceed(request);
    }
    if (!mayPoll.getAsBoolean()) {
      pause(FIRST_BACKOFF);
      return empty(request);
    }
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        return empty(request);
      }
      health.enter(Health.State.UNREACHABLE, redactor.describe(e));
      pause(nextBackoff());
      return empty(request);
    }
    if (response.isSuccessful()) {
      backoff = FIRST_BACKOFF;
      health.enter(Health.State.UP, "");
      return response;
    }
    int code = response.code();
    String body = "";
    try (response) {
      ResponseBody content = response.body();
      body = content == null ? "" : redactor.clean(content.string());
    } catch (IOException e) {
      body = redactor.describe(e);
    }
    switch (code) {
      case 409 -> {
        health.enter(Health.State.CONFLICT, "");
        pause(CONFLICT_WAIT);
      }
      case 401, 404 -> {
        health.enter(Health.State.UNAUTHORIZED, "");
        pause(UNAUTHORIZED_WAIT);
      }
      case 429 -> pause(retryAfter(body));
      default -> {
        health.enter(Health.State.UNREACHABLE, "HTTP " + code);
        pause(nextBackoff());
      }
    }
    return empty(request);
  }

  private Duration nextBackoff() {
    Duration wait = backoff;
    backoff =
        backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    return wait;
  }

  private static Duration retryAfter(String body) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"retry_after\"\\s*:\\s*(\\d+)").matcher(body);
    return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : FIRST_BACKOFF;
  }

  private void pause(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Response empty(Request request) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .body(ResponseBody.create("{\"ok\":true,\"result\":[]}", JSON))
        .build();
  }
}

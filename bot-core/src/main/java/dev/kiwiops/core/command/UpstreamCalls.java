package dev.kiwiops.core.command;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.KnownReads;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The KiwiVM port of one execution: a decorator that passes every call through and keeps what it
 * answered, so that the audit outcome is what upstream said, whatever the command remembered to
 * report. Every method of {@link KiwiVm} is covered, present and future.
 *
 * <p>The outcome: {@code none} when nothing was called, {@code ok} when every call succeeded, and
 * otherwise the last failure ({@code api-error 700001}, {@code network timeout}, …), followed by
 * how many calls failed when there was more than one call ({@code network timeout (3 of 3 calls
 * failed)}). Calls may come from any thread.
 */
final class UpstreamCalls {
  /** A background read the execution answered without. */
  private static final ApiResult<Object> NO_ANSWER_YET =
      new ApiResult.NetworkFailure<>(ApiResult.NetworkFailure.Kind.TIMEOUT, "no answer yet");

  private final KiwiVm port;
  private final List<CompletableFuture<? extends ApiResult<?>>> fetches = new ArrayList<>();
  private int calls;
  private int failures;
  private String lastFailure = "";

  UpstreamCalls(KiwiVm upstream) {
    this.port =
        (KiwiVm)
            Proxy.newProxyInstance(
                KiwiVm.class.getClassLoader(),
                new Class<?>[] {KiwiVm.class},
                (proxy, method, args) -> invoke(upstream, proxy, method, args));
  }

  /** The decorated port this execution's commands call. */
  KiwiVm port() {
    return port;
  }

  private Object invoke(KiwiVm upstream, Object proxy, Method method, Object[] args)
      throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "toString" -> "UpstreamCalls[" + upstream + "]";
        case "hashCode" -> System.identityHashCode(proxy);
        default -> proxy == args[0];
      };
    }
    Object answer;
    try {
      answer = method.invoke(upstream, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (answer instanceof ApiResult<?> result) {
      seen(result);
    }
    return answer;
  }

  /**
   * {@code shared} as this execution sees it: what the bot already knows passes through uncounted
   * (no upstream call), and every {@link KnownReads#fetch} counts as a call of this execution, its
   * answer as soon as it completes, or as unanswered if it has not when the outcome is taken.
   */
  KnownReads reads(KnownReads shared) {
    return new KnownReads() {
      @Override
      public <T> Optional<Known<T>> lastKnown(FleetServer server, Read<T> read) {
        return shared.lastKnown(server, read);
      }

      @Override
      public <T> CompletableFuture<ApiResult<T>> fetch(FleetServer server, Read<T> read) {
        CompletableFuture<ApiResult<T>> answer = shared.fetch(server, read);
        synchronized (UpstreamCalls.this) {
          fetches.add(answer);
        }
        return answer;
      }
    };
  }

  private synchronized void seen(ApiResult<?> result) {
    calls++;
    if (!result.isOk()) {
      failures++;
      lastFailure = outcomeName(result);
    }
  }

  /** The audit outcome of every call so far. */
  synchronized String outcome() {
    for (CompletableFuture<? extends ApiResult<?>> fetch : fetches) {
      ApiResult<?> answer = fetch.getNow(null);
      seen(answer != null ? answer : NO_ANSWER_YET);
    }
    fetches.clear();
    if (calls == 0) {
      return AuditRecorder.NO_OUTCOME;
    } else if (failures == 0) {
      return "ok";
    }
    return calls == 1
        ? lastFailure
        : lastFailure + " (" + failures + " of " + calls + " calls failed)";
  }

  /**
   * A short, secret-free name of an outcome: {@code ok}, {@code api-error 700001}, {@code unknown}
   * (a write KiwiVM may have done), …
   */
  static String outcomeName(ApiResult<?> result) {
    if (result instanceof ApiResult.Ok<?>) {
      return "ok";
    } else if (result instanceof ApiResult.ApiError<?> e) {
      return "api-error " + e.code();
    } else if (result instanceof ApiResult.Locked<?>) {
      return "locked";
    } else if (result instanceof ApiResult.AuthFailure<?>) {
      return "auth-failure";
    } else if (result instanceof ApiResult.RateLimited<?>) {
      return "rate-limited";
    } else if (result instanceof ApiResult.NetworkFailure<?> n) {
      return "network " + n.kind().name().toLowerCase(Locale.ROOT);
    } else if (result instanceof ApiResult.Unknown<?>) {
      return "unknown";
    } else if (result instanceof ApiResult.ServerError<?> e) {
      return "server-error " + e.status();
    }
    return "bad-response";
  }
}

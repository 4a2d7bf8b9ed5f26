package dev.kiwiops.core.testkit;

import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A hand-made {@link KiwiVm} for core unit tests: records every call and answers what the test
 * stubbed for that method name (unstubbed calls answer an API error, so a test notices them).
 * Integration tests use the real client against the simulator instead.
 */
public final class RecordingKiwiVm {
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Supplier<ApiResult<?>>> answers = new ConcurrentHashMap<>();
  private final KiwiVm port;

  public RecordingKiwiVm() {
    this.port =
        (KiwiVm)
            Proxy.newProxyInstance(
                KiwiVm.class.getClassLoader(),
                new Class<?>[] {KiwiVm.class},
                (proxy, method, args) -> {
                  if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                      case "toString" -> "RecordingKiwiVm";
                      case "hashCode" -> System.identityHashCode(proxy);
                      default -> proxy == args[0];
                    };
                  }
                  synchronized (calls) {
                    calls.add(
                        new Call(method.getName(), args == null ? List.of() : Arrays.asList(args)));
                  }
                  Supplier<ApiResult<?>> answer = answers.get(method.getName());
                  return answer != null
                      ? answer.get()
                      : new ApiResult.ApiError<>(1, "not stubbed: " + method.getName());
                });
  }

  public KiwiVm port() {
    return port;
  }

  public RecordingKiwiVm answer(String method, ApiResult<?> result) {
    answers.put(method, () -> result);
    return this;
  }

  /**
   * Answers {@code method} with each result in turn, then repeats the last one: a lock that
   * progresses and ends, for instance.
   */
  public RecordingKiwiVm answerInTurn(String method, ApiResult<?>... results) {
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<ApiResult<?>> list = List.of(results);
    answers.put(method, () -> list.get(Math.min(next.getAndIncrement(), list.size() - 1)));
    return this;
  }

  /** The recorded calls of one method, in order. */
  public List<Call> calls(String method) {
    return calls().stream().filter(c -> c.method().equals(method)).toList();
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public long count(String method) {
    return calls().stream().filter(c -> c.method().equals(method)).count();
  }

  /** One recorded call: the port method's name and its arguments. */
  public record Call(String method, List<Object> args) {}
}

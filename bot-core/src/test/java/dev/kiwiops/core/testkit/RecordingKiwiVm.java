package dev.kiwiops.core.testkit;

import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A hand-made {@link KiwiVm} for core unit tests: records every call and answers what the test
 * stubbed for that method name (unstubbed calls answer an API error, so a test notices them).
 * Integration tests use the real client against the simulator instead.
 */
public final class RecordingKiwiVm {
  /** The port's method names: a test that names anything else is wrong, not "zero calls". */
  public static final Set<String> PORT_METHODS =
      Arrays.stream(KiwiVm.class.getMethods())
          .map(Method::getName)
          .collect(Collectors.toUnmodifiableSet());

  /** The port's methods that change something upstream; every other method only reads. */
  public static final Set<String> WRITES =
      Set.of(
          "start",
          "stop",
          "restart",
          "kill",
          "reinstallOs",
          "updateSshKeys",
          "resetRootPassword",
          "setHostname",
          "setPtr",
          "mountIso",
          "unmountIso",
          "shellCd",
          "shellExec",
          "shellScript",
          "createSnapshot",
          "deleteSnapshot",
          "restoreSnapshot",
          "toggleSnapshotSticky",
          "exportSnapshot",
          "importSnapshot",
          "copyBackupToSnapshot",
          "addIpv6",
          "deleteIpv6",
          "assignPrivateIp",
          "deletePrivateIp",
          "startMigration",
          "cloneFromExternalServer",
          "unsuspend",
          "resolvePolicyViolation");

  static {
    // A renamed write must break the kit, not make writes() empty.
    WRITES.forEach(RecordingKiwiVm::onPort);
  }

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
    answers.put(onPort(method), () -> result);
    return this;
  }

  /**
   * Answers the live state of a running server ({@link FakeServiceInfo#live()}): what a stop or
   * kill reads before its prompt.
   */
  public RecordingKiwiVm running() {
    return answer("getLiveServiceInfo", new ApiResult.Ok<>(new FakeServiceInfo().live()));
  }

  /**
   * Answers {@code method} with each result in turn, then repeats the last one: a lock that
   * progresses and ends, for instance.
   */
  public RecordingKiwiVm answerInTurn(String method, ApiResult<?>... results) {
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<ApiResult<?>> list = List.of(results);
    answers.put(onPort(method), () -> list.get(Math.min(next.getAndIncrement(), list.size() - 1)));
    return this;
  }

  /** The recorded calls of one method, in order. */
  public List<Call> calls(String method) {
    onPort(method);
    return calls().stream().filter(c -> c.method().equals(method)).toList();
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The recorded writes ({@link #WRITES}), in order: what a test means by "nothing was sent". */
  public List<Call> writes() {
    return calls().stream().filter(c -> WRITES.contains(c.method())).toList();
  }

  public long count(String method) {
    onPort(method);
    return calls().stream().filter(c -> c.method().equals(method)).count();
  }

  /**
   * {@code method} if the port has it.
   *
   * @throws IllegalArgumentException for a name not on {@link KiwiVm} (misspelled or renamed)
   */
  public static String onPort(String method) {
    if (!PORT_METHODS.contains(method)) {
      throw new IllegalArgumentException("KiwiVm has no method " + method);
    }
    return method;
  }

  /** One recorded call: the port method's name and its arguments. */
  public record Call(String method, List<Object> args) {}
}

package dev.kiwiops.core.testkit;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fleet of fake servers for watcher tests: one {@link RecordingKiwiVm} per server (which records
 * that server's calls), answering service and live info from a mutable {@link FakeServiceInfo}. A
 * server can be made to fail every call, by result or by exception.
 */
public final class FleetKiwi {
  private final Map<String, RecordingKiwiVm> recorders = new LinkedHashMap<>();
  private final Map<String, FakeServiceInfo> states = new LinkedHashMap<>();
  private final Map<String, ApiResult<?>> failures = new LinkedHashMap<>();
  private final Map<String, RuntimeException> throwing = new LinkedHashMap<>();
  private final List<FleetServer> servers = new ArrayList<>();
  private final KiwiVm port;

  public FleetKiwi(String... names) {
    long veid = 1000;
    for (String name : names) {
      servers.add(
          new FleetServer(
              name, ++veid, Secret.of("private_" + name + "xxxxxxxxxxxxxxxxxx"), Set.of()));
      recorders.put(name, new RecordingKiwiVm());
      states.put(name, new FakeServiceInfo());
    }
    this.port =
        (KiwiVm)
            Proxy.newProxyInstance(
                KiwiVm.class.getClassLoader(),
                new Class<?>[] {KiwiVm.class},
                (proxy, method, args) -> {
                  if (method.getDeclaringClass() == Object.class) {
                    return method.getName().equals("toString") ? "FleetKiwi" : null;
                  }
                  String name = ((FleetServer) args[0]).name();
                  RecordingKiwiVm recorder = recorders.get(name);
                  synchronized (this) {
                    if (failures.containsKey(name)) {
                      recorder.answer(method.getName(), failures.get(name));
                    } else if (method.getName().equals("getServiceInfo")) {
                      recorder.answer(
                          "getServiceInfo", new ApiResult.Ok<>(states.get(name).info()));
                    } else if (method.getName().equals("getLiveServiceInfo")) {
                      recorder.answer(
                          "getLiveServiceInfo", new ApiResult.Ok<>(states.get(name).live()));
                    }
                  }
                  try {
                    Object answer = method.invoke(recorder.port(), args);
                    RuntimeException thrown = throwing.get(name);
                    if (thrown != null) {
                      throw thrown;
                    }
                    return answer;
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  /** Gives a server tags (call before {@link #fleet()}). */
  public FleetKiwi tag(String name, String... tags) {
    FleetServer old = server(name);
    servers.set(
        servers.indexOf(old), new FleetServer(name, old.veid(), old.apiKey(), Set.of(tags)));
    return this;
  }

  public KiwiVm port() {
    return port;
  }

  public Fleet fleet() {
    return new Fleet(servers);
  }

  public FleetServer server(String name) {
    return servers.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** The mutable state of one server's answers. */
  public FakeServiceInfo state(String name) {
    return states.get(name);
  }

  /** Stubs a call other than service/live info (violations, suspension, rate limit). */
  public FleetKiwi answer(String name, String method, ApiResult<?> result) {
    recorders.get(name).answer(method, result);
    return this;
  }

  /** Every call for this server answers {@code result} (until {@link #heal}). */
  public synchronized void fail(String name, ApiResult<?> result) {
    failures.put(name, result);
  }

  /** Every call for this server throws (a bug in a lower layer). */
  public synchronized void throwOn(String name, RuntimeException e) {
    throwing.put(name, e);
  }

  public synchronized void heal(String name) {
    failures.remove(name);
    throwing.remove(name);
  }

  public long count(String name, String method) {
    return recorders.get(name).count(method);
  }

  public long total(String method) {
    return recorders.values().stream().mapToLong(r -> r.count(method)).sum();
  }
}

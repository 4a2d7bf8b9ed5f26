package dev.kiwiops.benchmarks;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.simulator.KiwiVmSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The real {@code KiwiVmClient} (Retrofit, OkHttp, Moshi, Caffeine) against the simulator's demo
 * fleet over loopback HTTP: {@code getServiceInfo} served from the read cache, and the same call
 * with the cache off (TTL 0), which is one full HTTP round trip, the simulator's work and the
 * parsing of its answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KiwiVmClientBenchmark {
  private KiwiVmSimulator simulator;
  private KiwiVmClient cached;
  private KiwiVmClient uncached;
  private FleetServer web1;

  @Setup(Level.Trial)
  public void setUp() {
    simulator = KiwiVmSimulator.startDemoFleet(0, Clock.systemUTC());
    web1 =
        new FleetServer(
            "web1",
            KiwiVmSimulator.DEMO_WEB1,
            Secret.of(KiwiVmSimulator.DEMO_KEYS.get(KiwiVmSimulator.DEMO_WEB1)),
            Set.of("prod", "web"));
    // An hour, so that no entry expires during a run: every call of cacheHit is a hit.
    cached = KiwiVmClient.builder(simulator.apiBase()).infoTtl(Duration.ofHours(1)).build();
    uncached = KiwiVmClient.builder(simulator.apiBase()).infoTtl(Duration.ZERO).build();
    expectOk(cacheHit());
    expectOk(cacheMiss());
  }

  @Setup(Level.Iteration)
  public void forgetSimulatorCalls() {
    // The simulator records every request; keep its list from growing across a run.
    simulator.clearCalls();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cached.close();
    uncached.close();
    simulator.close();
  }

  /** {@code getServiceInfo} answered from the client's read cache: no upstream request. */
  @Benchmark
  public ApiResult<ServiceInfo> cacheHit() {
    return cached.getServiceInfo(web1);
  }

  /** {@code getServiceInfo} with the cache off: one POST to the simulator over loopback. */
  @Benchmark
  public ApiResult<ServiceInfo> cacheMiss() {
    return uncached.getServiceInfo(web1);
  }

  private static void expectOk(ApiResult<?> result) {
    if (!result.isOk()) {
      throw new IllegalStateException("the simulator did not answer: " + result);
    }
  }
}

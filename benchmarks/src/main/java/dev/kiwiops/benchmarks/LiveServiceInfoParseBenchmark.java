package dev.kiwiops.benchmarks;

import dev.kiwiops.core.Secret;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.Done;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.simulator.samples.CapturedAnswers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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
 * The client's parsing of a real {@code getLiveServiceInfo} answer (the captured KVM sample of the
 * simulator's test resources, read through {@link CapturedAnswers}, 1.7 KB), measured through the
 * public client: the parser and its JSON model are package-private in {@code adapters/kiwivm}, and
 * stay so.
 *
 * <p>A loopback server answers the sample, and {@code {"error":0}} to {@code getUsageGraphs}, a
 * read whose parser does nothing. Both go through the same uncached read path, so the difference
 * between the two scores is the cost of carrying and parsing the sample.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LiveServiceInfoParseBenchmark {
  private CannedHttpApi api;
  private KiwiVmClient client;
  private FleetServer server;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    byte[] sample =
        CapturedAnswers.read("getLiveServiceInfo-kvm.json").getBytes(StandardCharsets.UTF_8);
    api = new CannedHttpApi(Map.of("getLiveServiceInfo", sample));
    client =
        KiwiVmClient.builder(api.apiBase())
            .liveTtl(Duration.ZERO)
            .listTtl(Duration.ZERO)
            .readAttempts(1)
            .build();
    server =
        new FleetServer("web1", 999_999, Secret.of("private_AbCdEfGhIjKlMnOpQrStUvWx"), Set.of());
    ApiResult<LiveServiceInfo> live = liveServiceInfoKvmSample();
    if (!(live instanceof ApiResult.Ok<LiveServiceInfo> ok)
        || !ok.value().info().hostname().equals("test-hostname")
        || !emptyAnswerBaseline().isOk()) {
      throw new IllegalStateException("the canned answers were not parsed: " + live);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    api.close();
  }

  /** {@code getLiveServiceInfo}: POST, the 1.7 KB sample back, parsed into a LiveServiceInfo. */
  @Benchmark
  public ApiResult<LiveServiceInfo> liveServiceInfoKvmSample() {
    return client.getLiveServiceInfo(server);
  }

  /** The same read path with an answer that needs no parsing: the HTTP and client floor. */
  @Benchmark
  public ApiResult<Done> emptyAnswerBaseline() {
    return client.getUsageGraphs(server);
  }
}

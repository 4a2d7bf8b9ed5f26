package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.kiwivm.KiwiVmCallListener.CacheUse;
import dev.kiwiops.kiwivm.KiwiVmCallListener.CallEvent;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads are cached per server and call, coalesced while in flight, and dropped by writes. */
class ReadCacheTest {
  static final FleetServer WEB = TestServers.WEB;
  static final FleetServer OTHER = TestServers.OTHER;

  private final FakeTicker ticker = new FakeTicker();
  private final List<CallEvent> events = new CopyOnWriteArrayList<>();
  private KiwiVmSimulator sim;
  private KiwiVmClient client;

  @BeforeEach
  void start() {
    sim = KiwiVmSimulator.start(0);
    sim.addServer(ServerSpec.kvm(WEB.veid(), WEB.apiKey().reveal(), "web.example.net"));
    sim.addServer(ServerSpec.kvm(OTHER.veid(), OTHER.apiKey().reveal(), "other.example.net"));
    client =
        KiwiVmClient.builder(sim.apiBase())
            .timeout(Duration.ofSeconds(10))
            .ticker(ticker)
            .readAttempts(1)
            .listener(events::add)
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void aReadThatCompletesAfterTheClientClosedIsCachedWithoutAComplaint() throws Exception {
    // Caffeine reports a refused maintenance task through System.Logger (JUL here), with a stack.
    java.util.logging.Logger caffeine = java.util.logging.Logger.getLogger("com.github.benmanes");
    List<java.util.logging.LogRecord> complaints = new CopyOnWriteArrayList<>();
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            complaints.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    caffeine.addHandler(handler);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      sim.faults().forCall("getServiceInfo").times(1).latency(Duration.ofMillis(500));
      Future<ApiResult<?>> read = caller.submit(() -> client.getServiceInfo(WEB));
      while (sim.calls(WEB.veid(), "getServiceInfo").isEmpty()) {
        Thread.sleep(5);
      }

      client.close(); // as at shutdown, while a slow poll is still on the wire

      assertThat(read.get().isOk()).isTrue();
      assertThat(complaints).extracting(java.util.logging.LogRecord::getMessage).isEmpty();
    } finally {
      caller.shutdownNow();
      caffeine.removeHandler(handler);
    }
  }

  @Test
  void secondReadWithinTtlIsNotSent() {
    client.getServiceInfo(WEB);
    ticker.advance(Duration.ofSeconds(14));

    client.getServiceInfo(WEB);

    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(1);
  }

  @Test
  void readAfterTtlIsSentAgain() {
    client.getServiceInfo(WEB);
    ticker.advance(Duration.ofSeconds(16));

    client.getServiceInfo(WEB);

    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(2);
  }

  @Test
  void eachFamilyHasItsOwnTtl() {
    client.getLiveServiceInfo(WEB);
    client.listSnapshots(WEB);
    ticker.advance(Duration.ofSeconds(11));

    client.getLiveServiceInfo(WEB);
    client.listSnapshots(WEB);

    assertThat(sim.calls(WEB.veid(), "getLiveServiceInfo")).hasSize(2);
    assertThat(sim.calls(WEB.veid(), "snapshot/list")).hasSize(1);
  }

  @Test
  void zeroTtlTurnsCachingOff() {
    try (KiwiVmClient uncached =
        KiwiVmClient.builder(sim.apiBase()).ticker(ticker).infoTtl(Duration.ZERO).build()) {
      uncached.getServiceInfo(WEB);
      uncached.getServiceInfo(WEB);
    }

    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(2);
  }

  @Test
  void readAfterWriteIsSentAgain() {
    client.getServiceInfo(WEB);
    client.setHostname(WEB, "renamed.example.net");

    ApiResult<?> info = client.getServiceInfo(WEB);

    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(2);
    assertThat(((ApiResult.Ok<?>) info).value())
        .hasFieldOrPropertyWithValue("hostname", "renamed.example.net");
  }

  @Test
  void failedWriteInvalidatesToo() {
    client.getServiceInfo(WEB);
    sim.faults().forCall("setHostname").connectionReset();
    client.setHostname(WEB, "renamed.example.net");

    client.getServiceInfo(WEB);

    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(2);
  }

  @Test
  void writeLeavesOtherServersCached() {
    client.getServiceInfo(OTHER);
    client.setHostname(WEB, "renamed.example.net");

    client.getServiceInfo(OTHER);

    assertThat(sim.calls(OTHER.veid(), "getServiceInfo")).hasSize(1);
  }

  @Test
  void failureIsNotCached() {
    sim.faults().times(1).httpStatus(502);
    assertThat(client.getServiceInfo(WEB)).isInstanceOf(ApiResult.ServerError.class);

    ApiResult<?> second = client.getServiceInfo(WEB);

    assertThat(second).isInstanceOf(ApiResult.Ok.class);
    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(2);
  }

  @Test
  void fiftyConcurrentIdenticalReadsSendOneRequest() throws Exception {
    sim.faults().forCall("getServiceInfo").times(1).latency(Duration.ofMillis(500));
    ExecutorService callers = Executors.newFixedThreadPool(50);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ApiResult<?>>> results = new CopyOnWriteArrayList<>();
      for (int i = 0; i < 50; i++) {
        results.add(
            callers.submit(
                () -> {
                  go.await();
                  return client.getServiceInfo(WEB);
                }));
      }
      go.countDown();
      for (Future<ApiResult<?>> result : results) {
        assertThat(result.get()).isInstanceOf(ApiResult.Ok.class);
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(sim.calls(WEB.veid(), "getServiceInfo")).hasSize(1);
  }

  @Test
  void readsWithDifferentArgumentsOrServersAreNotShared() {
    client.getServiceInfo(WEB);

    client.getServiceInfo(OTHER);

    assertThat(sim.calls(OTHER.veid(), "getServiceInfo")).hasSize(1);
  }

  @Test
  void cachedServiceInfoNeedsNoUpstreamCall() {
    client.getServiceInfo(WEB);

    assertThat(client.cachedServiceInfo(WEB))
        .hasValueSatisfying(info -> assertThat(info.hostname()).isEqualTo("web.example.net"));
    assertThat(client.cachedServiceInfo(OTHER)).isEmpty();
    assertThat(sim.calls()).hasSize(1);
  }

  @Test
  void listenerHearsMissThenHit() {
    client.getServiceInfo(WEB);
    client.getServiceInfo(WEB);
    client.stop(WEB);

    assertThat(events)
        .extracting(CallEvent::call, CallEvent::cache)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("getServiceInfo", CacheUse.MISS),
            org.assertj.core.groups.Tuple.tuple("getServiceInfo", CacheUse.HIT),
            org.assertj.core.groups.Tuple.tuple("stop", CacheUse.BYPASS));
  }
}

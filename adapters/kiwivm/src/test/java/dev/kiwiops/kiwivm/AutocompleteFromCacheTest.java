package dev.kiwiops.kiwivm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.complete.CachedCompleter;
import dev.kiwiops.core.complete.Completer.Choice;
import dev.kiwiops.core.complete.Suggestions;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KnownReads.Read;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Autocomplete against the real client and the simulator over HTTP: the simulator counts every
 * request, and background reads run only when the test runs them, so "no KiwiVM call while
 * completing" is observed, not assumed.
 */
class AutocompleteFromCacheTest {
  private static final Caller ADA = Caller.of(Identity.console("ada"));
  private static final Caller VIC = Caller.of(Identity.console("vic"));

  private final FakeTicker ticker = new FakeTicker();
  private final Deque<Runnable> background = new ArrayDeque<>();
  private KiwiVmSimulator sim;
  private KiwiVmClient client;
  private CachedCompleter completer;

  @BeforeEach
  void start() {
    sim = KiwiVmSimulator.start(0);
    sim.addServer(ServerSpec.kvm(TestServers.WEB.veid(), TestServers.WEB.apiKey().reveal(), "w"));
    sim.addServer(
        ServerSpec.kvm(TestServers.OTHER.veid(), TestServers.OTHER.apiKey().reveal(), "o"));
    Executor queued = background::add;
    client =
        KiwiVmClient.builder(sim.apiBase())
            .timeout(Duration.ofSeconds(10))
            .ticker(ticker)
            .clock(java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .readAttempts(1)
            .backgroundExecutor(queued)
            .build();
    Fleet fleet = new Fleet(List.of(TestServers.WEB, TestServers.OTHER));
    AccessPolicy policy =
        new AccessPolicy(
            List.of(),
            List.of(
                new Binding(Identity.console("ada"), Set.of("admin"), Set.of(), Set.of()),
                new Binding(Identity.console("vic"), Set.of("admin"), Set.of("web"), Set.of())),
            fleet);
    completer =
        new CachedCompleter(() -> policy, client, List::of, () -> new CommandCatalog(List.of()));
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private List<Choice> templates(Caller caller, String server, String prefix, int limit) {
    return completer.complete(
        caller, "os.reinstall", Suggestions.OS_TEMPLATES, Optional.of(server), prefix, limit);
  }

  private int runBackground() {
    int ran = 0;
    for (Runnable next; (next = background.poll()) != null; ran++) {
      next.run();
    }
    return ran;
  }

  @Test
  void completingNeverCallsKiwiVmAndTheBackgroundReadFillsTheCache() {
    assertThat(templates(ADA, "web", "", 25)).as("nothing known yet").isEmpty();
    assertThat(templates(ADA, "web", "deb", 25)).isEmpty();
    assertThat(sim.calls()).as("completing sent nothing").isEmpty();
    assertThat(background).as("two misses, one background read").hasSize(1);

    assertThat(runBackground()).isEqualTo(1);
    assertThat(sim.calls(TestServers.WEB.veid(), "getAvailableOS")).hasSize(1);

    sim.clearCalls();
    assertThat(templates(ADA, "web", "DEB", 25))
        .extracting(Choice::value)
        .containsExactly("debian-11-x86_64", "debian-12-x86_64", "debian-13-x86_64");
    assertThat(templates(ADA, "web", "", 4)).hasSize(4);
    assertThat(sim.calls()).isEmpty();
    assertThat(background).as("a fresh answer asks for nothing").isEmpty();
  }

  @Test
  void aWriteMakesTheKnownAnswerStaleButStillAnswered() {
    templates(ADA, "web", "", 25);
    runBackground();
    assertThat(client.lastKnown(TestServers.WEB, Read.AVAILABLE_OS).orElseThrow().fresh()).isTrue();

    client.setHostname(TestServers.WEB, "renamed.example.net");
    sim.clearCalls();

    assertThat(templates(ADA, "web", "ubuntu", 25)).hasSize(3);
    assertThat(sim.calls()).isEmpty();
    assertThat(client.lastKnown(TestServers.WEB, Read.AVAILABLE_OS).orElseThrow().fresh())
        .isFalse();
    assertThat(background).as("a stale answer is refreshed in the background").hasSize(1);
    runBackground();
    assertThat(client.lastKnown(TestServers.WEB, Read.AVAILABLE_OS).orElseThrow().fresh()).isTrue();
  }

  @Test
  void aServerOutsideTheScopeIsNeverOfferedNorRead() {
    assertThat(completer.complete(VIC, "info", Suggestions.SERVERS, Optional.empty(), "", 25))
        .containsExactly(Choice.of("web"));
    assertThat(templates(VIC, "other", "", 25)).isEmpty();
    assertThat(completer.complete(VIC, "iso.mount", Suggestions.ISOS, Optional.of("other"), "", 25))
        .isEmpty();

    assertThat(background).isEmpty();
    assertThat(sim.calls()).isEmpty();
  }

  @Test
  void everyKnownReadIsAClientRead() {
    for (Read<?> read : Read.ALL) {
      CompletableFuture<? extends ApiResult<?>> fetched = client.fetch(TestServers.WEB, read);
      runBackground();
      assertThat(fetched.join().isOk()).as(read.call()).isTrue();
      assertThat(sim.calls(TestServers.WEB.veid(), read.call())).as(read.call()).hasSize(1);
      assertThat(client.lastKnown(TestServers.WEB, read)).as(read.call()).isPresent();
    }
  }

  @Test
  void identicalBackgroundReadsShareOne() {
    CompletableFuture<ApiResult<dev.kiwiops.core.kiwivm.ServiceInfo>> first =
        client.fetch(TestServers.WEB, Read.SERVICE_INFO);
    CompletableFuture<ApiResult<dev.kiwiops.core.kiwivm.ServiceInfo>> second =
        client.fetch(TestServers.WEB, Read.SERVICE_INFO);

    assertThat(runBackground()).isEqualTo(1);
    assertThat(first.join().isOk()).isTrue();
    assertThat(second.join().isOk()).isTrue();
    assertThat(sim.calls(TestServers.WEB.veid(), "getServiceInfo")).hasSize(1);
    assertThat(client.lastKnown(TestServers.WEB, Read.SERVICE_INFO).orElseThrow().at())
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }
}

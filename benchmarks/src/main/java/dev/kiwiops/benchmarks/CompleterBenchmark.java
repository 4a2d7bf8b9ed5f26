package dev.kiwiops.benchmarks;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.complete.CachedCompleter;
import dev.kiwiops.core.complete.Completer;
import dev.kiwiops.core.complete.Suggestions;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.KnownReads.Read;
import dev.kiwiops.kiwivm.KiwiVmClient;
import dev.kiwiops.simulator.KiwiVmSimulator;
import dev.kiwiops.simulator.ServerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * {@code Completer.complete} over a 500-server fleet (25 team tags), as Discord asks it on every
 * keystroke: the real {@link CachedCompleter} over the real {@link KiwiVmClient}'s cache, which the
 * setup fills from the simulator (service info and OS list of every server, TTL 1 h). The setup
 * checks that completing then sends nothing to the simulator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompleterBenchmark {
  private static final int SERVERS = 500;
  private static final int TEAMS = 25;

  private KiwiVmSimulator sim;
  private KiwiVmClient client;
  private Completer completer;
  private Caller admin;
  private Caller teamOperator;

  @Setup(Level.Trial)
  public void setUp() {
    sim = KiwiVmSimulator.start(0);
    List<FleetServer> servers = new ArrayList<>();
    for (int i = 0; i < SERVERS; i++) {
      String key = String.format("private_%024d", i);
      FleetServer server =
          new FleetServer(
              String.format("srv%03d", i),
              100_000 + i,
              Secret.of(key),
              Set.of("team" + (i % TEAMS)));
      servers.add(server);
      sim.addServer(ServerSpec.kvm(server.veid(), key, server.name() + ".example.net"));
    }
    client =
        KiwiVmClient.builder(sim.apiBase())
            .infoTtl(Duration.ofHours(1))
            .listTtl(Duration.ofHours(1))
            .build();
    for (FleetServer server : servers) {
      client.getServiceInfo(server);
      client.getAvailableOs(server);
    }
    Fleet fleet = new Fleet(servers);
    Identity root = new Identity("discord", "1");
    Identity team7 = new Identity("discord-role", "team7");
    AccessPolicy policy =
        new AccessPolicy(
            List.of(),
            List.of(
                new Binding(root, Set.of("admin"), Set.of(), Set.of()),
                new Binding(team7, Set.of("operator"), Set.of(), Set.of("team7"))),
            fleet);
    completer =
        new CachedCompleter(() -> policy, client, List::of, () -> new CommandCatalog(List.of()));
    admin = Caller.of(root);
    teamOperator = new Caller(new Identity("discord", "2"), Set.of(team7));
    sim.clearCalls();
    if (serversByPrefix().size() != 25
        || teamServers().size() != 20
        || serverIps().isEmpty()
        || osTemplates().isEmpty()
        || !client.lastKnown(servers.get(321), Read.SERVICE_INFO).orElseThrow().fresh()
        || !sim.calls().isEmpty()) {
      throw new IllegalStateException("the fixture does not complete from the cache as intended");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    sim.close();
  }

  /** An admin typing {@code srv}: 500 servers in scope, the first 25 that match. */
  @Benchmark
  public List<Completer.Choice> serversByPrefix() {
    return completer.complete(admin, "info", Suggestions.SERVERS, Optional.empty(), "srv", 25);
  }

  /** A team operator's servers for {@code power.kill}: 20 of the 500 through a role's tag. */
  @Benchmark
  public List<Completer.Choice> teamServers() {
    return completer.complete(
        teamOperator, "power.kill", Suggestions.SERVERS, Optional.empty(), "", 25);
  }

  /** The IPs of one server, from its cached service info. */
  @Benchmark
  public List<Completer.Choice> serverIps() {
    return completer.complete(admin, "rdns", Suggestions.SERVER_IPS, Optional.of("srv321"), "", 25);
  }

  /** The OS templates of one server, from its cached OS list, filtered by a prefix. */
  @Benchmark
  public List<Completer.Choice> osTemplates() {
    return completer.complete(
        admin, "os.reinstall", Suggestions.OS_TEMPLATES, Optional.of("srv321"), "deb", 25);
  }
}

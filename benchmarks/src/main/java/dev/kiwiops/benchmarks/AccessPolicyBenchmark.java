package dev.kiwiops.benchmarks;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.fleet.Fleet;
import dev.kiwiops.core.fleet.FleetServer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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

/**
 * {@code AccessPolicy} on a large fleet: 500 servers (25 teams, prod/staging, 4 data centres) and
 * 200 bindings of users and groups, scoped to tags, to named servers, or (a few) fleet-wide.
 *
 * <p>The caller is a user in two groups whose grants come last in the list, so every decision reads
 * all 200 bindings. {@code scopeOfInfo} is what the dispatcher computes for every server command:
 * one decision per server of the fleet.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AccessPolicyBenchmark {
  private static final int SERVERS = 500;
  private static final int BINDINGS = 200;
  private static final int TEAMS = 25;

  private AccessPolicy policy;
  private Caller caller;
  private Optional<FleetServer> teamServer;
  private Optional<FleetServer> otherTeamServer;

  @Setup(Level.Trial)
  public void setUp() {
    List<FleetServer> servers = new ArrayList<>();
    for (int i = 0; i < SERVERS; i++) {
      servers.add(
          new FleetServer(
              String.format("srv%03d", i),
              100_000 + i,
              Secret.of(String.format("private_%024d", i)),
              Set.of("team" + (i % TEAMS), i % 5 == 0 ? "staging" : "prod", "dc" + (i % 4 + 1))));
    }
    Fleet fleet = new Fleet(servers);
    List<Binding> bindings = new ArrayList<>();
    for (int k = 0; bindings.size() < BINDINGS - 2; k++) {
      Identity user = new Identity("telegram", Integer.toString(100_000 + k));
      Identity group = new Identity("discord-role", "team" + (k % TEAMS));
      switch (k % 5) {
        case 0 -> bindings.add(new Binding(user, Set.of("viewer"), Set.of(), Set.of()));
        case 1 ->
            bindings.add(
                new Binding(user, Set.of("operator"), Set.of(), Set.of("team" + (k % TEAMS))));
        case 2 ->
            bindings.add(
                new Binding(
                    user,
                    Set.of("operator"),
                    Set.of(name(k), name(k + 7), name(k + 31), name(k + 101), name(k + 211)),
                    Set.of()));
        case 3 ->
            bindings.add(
                new Binding(group, Set.of("viewer"), Set.of(), Set.of("team" + (k % TEAMS))));
        default ->
            bindings.add(
                new Binding(
                    group,
                    Set.of("operator"),
                    Set.of(name(k)),
                    Set.of("staging", "team" + ((k + 3) % TEAMS))));
      }
    }
    // The caller's own grants, last: operator on team 7 through a group, viewer on dc2 in person.
    Identity me = new Identity("telegram", "424242");
    Identity myGroup = new Identity("discord-role", "oncall-team7");
    bindings.add(new Binding(myGroup, Set.of("operator"), Set.of(), Set.of("team7")));
    bindings.add(new Binding(me, Set.of("viewer"), Set.of(), Set.of("dc2")));
    policy = new AccessPolicy(List.of(), bindings, fleet);
    Set<Identity> groups =
        new LinkedHashSet<>(List.of(myGroup, new Identity("discord-role", "eu")));
    caller = new Caller(me, groups);
    teamServer = fleet.find("srv007");
    otherTeamServer = fleet.find("srv008");
    if (!policy.allows(caller, "power.kill", teamServer)
        || policy.allows(caller, "power.kill", otherTeamServer)
        || policy.scope(caller, "info").isEmpty()) {
      throw new IllegalStateException("the fixture does not decide as intended");
    }
  }

  private static String name(int i) {
    return String.format("srv%03d", i % SERVERS);
  }

  /** {@code power.kill} on a server of the caller's team: allowed through its group's tag. */
  @Benchmark
  public boolean allowedByTag() {
    return policy.allows(caller, "power.kill", teamServer);
  }

  /** {@code power.kill} on another team's server: every binding is read, then refused. */
  @Benchmark
  public boolean refused() {
    return policy.allows(caller, "power.kill", otherTeamServer);
  }

  /** The servers on which the caller may use {@code info}: 500 decisions, as per command. */
  @Benchmark
  public List<FleetServer> scopeOfInfo() {
    return policy.scope(caller, "info");
  }
}

package dev.kiwiops.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fleet of generated KVM servers for load and scale runs, deterministic so that a harness in
 * another process can name them without asking: server {@code i} (from 1) is named {@code
 * gen0001}…, has veid {@link #FIRST_VEID} {@code + i - 1}, the API key {@code private_gen} followed
 * by {@code i} in 21 digits (fake and published here, like the demo keys), hostname {@code
 * gen0001.fleet.example.net} and the IPv4 address {@code 198.18.x.y} (the benchmarking range).
 *
 * <p>A fraction of the servers can be made slow (every call delayed) or failing (every call
 * answered HTTP 502), chosen evenly spread over the fleet and never both: see {@link #add}.
 */
public final class GeneratedFleet {
  /** The veid of server 1. */
  public static final long FIRST_VEID = 200_001;

  /** The most servers one simulator hosts through {@link #add}. */
  public static final int MAX_SERVERS = 100_000;

  private GeneratedFleet() {}

  /** {@code gen0001} for 1; at least four digits. */
  public static String name(int index) {
    return String.format(Locale.ROOT, "gen%04d", checked(index));
  }

  public static long veid(int index) {
    return FIRST_VEID + checked(index) - 1;
  }

  /** The fake, published key of server {@code index}. */
  public static String apiKey(int index) {
    return String.format(Locale.ROOT, "private_gen%021d", checked(index));
  }

  /** The spec of server {@code index}: a {@link ServerSpec#kvm} with its own name and address. */
  public static ServerSpec spec(int index) {
    int n = checked(index);
    return ServerSpec.kvm(veid(n), apiKey(n), name(n) + ".fleet.example.net").toBuilder()
        .ipv4Addresses(List.of("198.18." + (n / 250) % 256 + "." + (n % 250 + 1)))
        .build();
  }

  /**
   * What {@link #add} added: the indices of the new servers, and which of them are slow or failing.
   */
  public record Added(int first, int last, List<Integer> slow, List<Integer> failing) {
    public Added {
      slow = List.copyOf(slow);
      failing = List.copyOf(failing);
    }

    public int count() {
      return last - first + 1;
    }
  }

  /**
   * Adds {@code count} generated servers after the generated ones already there (indices go on from
   * the highest present), and makes {@code round(count * slowFraction)} of them slow by {@code
   * slowLatency} and {@code round(count * failingFraction)} of them failing (HTTP 502), evenly
   * spread, slow and failing alternating.
   *
   * @throws IllegalArgumentException for a count out of 1..{@link #MAX_SERVERS} in all, a fraction
   *     out of 0..1, fractions adding up to more than 1, or a negative latency; nothing is added
   */
  public static Added add(
      KiwiVmSimulator sim,
      int count,
      double slowFraction,
      Duration slowLatency,
      double failingFraction) {
    int first = nextIndex(sim);
    if (count < 1 || count > MAX_SERVERS - first + 1) {
      throw new IllegalArgumentException(
          "count must be between 1 and " + (MAX_SERVERS - first + 1));
    }
    fraction(slowFraction, "slow");
    fraction(failingFraction, "failing");
    if (slowFraction + failingFraction > 1) {
      throw new IllegalArgumentException("slow and failing together must be at most 1");
    }
    if (slowLatency.isNegative()) {
      throw new IllegalArgumentException("negative latency");
    }
    Added added = plan(first, count, slowFraction, failingFraction);
    for (int i = first; i < first + count; i++) {
      sim.addServer(spec(i));
    }
    for (int i : added.slow()) {
      sim.faults().forServer(veid(i)).latency(slowLatency);
    }
    for (int i : added.failing()) {
      sim.faults().forServer(veid(i)).httpStatus(502);
    }
    return added;
  }

  /**
   * Which of the servers {@code first .. first + count - 1} {@link #add} makes slow and which
   * failing, without adding anything: for a harness that must know them.
   */
  public static Added plan(int first, int count, double slowFraction, double failingFraction) {
    int slowCount = (int) Math.round(count * slowFraction);
    int failingCount = (int) Math.round(count * failingFraction);
    int faulty = slowCount + failingCount;
    List<Integer> slow = new ArrayList<>();
    List<Integer> failing = new ArrayList<>();
    for (int j = 0; j < faulty; j++) {
      // Evenly spread and distinct: consecutive picks are at least count / faulty >= 1 apart.
      int index = first + (int) ((j + 0.5) * count / faulty);
      boolean slowTurn = failing.size() >= failingCount || (j % 2 == 0 && slow.size() < slowCount);
      (slowTurn ? slow : failing).add(index);
    }
    return new Added(first, first + count - 1, slow, failing);
  }

  private static int nextIndex(KiwiVmSimulator sim) {
    int next = 1;
    for (SimulatedServer s : sim.servers()) {
      long index = s.veid() - FIRST_VEID + 1;
      if (index >= next && index <= MAX_SERVERS) {
        next = (int) index + 1;
      }
    }
    return next;
  }

  private static void fraction(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a fraction between 0 and 1");
    }
  }

  private static int checked(int index) {
    if (index < 1 || index > MAX_SERVERS) {
      throw new IllegalArgumentException("index must be between 1 and " + MAX_SERVERS);
    }
    return index;
  }
}

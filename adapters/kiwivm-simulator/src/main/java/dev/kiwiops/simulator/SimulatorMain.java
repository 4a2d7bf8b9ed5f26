package dev.kiwiops.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs the simulator until killed: {@code java dev.kiwiops.simulator.SimulatorMain [--port N]}
 * (default 18080) hosts the demo fleet; {@code --fleet N} hosts {@code N} generated servers instead
 * ({@link GeneratedFleet}: gen0001…, veids from 200001), of which {@code --slow F} (a fraction) are
 * delayed by {@code --slow-ms MS} (default 20000) on every call and {@code --failing F} answer HTTP
 * 502; {@code --latency-ms MS} delays every call of every server.
 */
public final class SimulatorMain {
  private static final String USAGE =
      "usage: SimulatorMain [--port N] [--fleet N [--slow FRACTION] [--slow-ms MS]"
          + " [--failing FRACTION]] [--latency-ms MS]";

  private SimulatorMain() {}

  /** The parsed command line. */
  record Options(int port, int fleet, double slow, long slowMs, double failing, long latencyMs) {}

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException with a one-line message for anything wrong
   */
  static Options parse(String[] args) {
    int port = 18080;
    int fleet = 0;
    double slow = 0;
    long slowMs = 20_000;
    double failing = 0;
    long latencyMs = 0;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String value;
      if (arg.contains("=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      switch (name) {
        case "--port" -> port = (int) whole(name, value, 0, 65535);
        case "--fleet" -> fleet = (int) whole(name, value, 1, GeneratedFleet.MAX_SERVERS);
        case "--slow" -> slow = fraction(name, value);
        case "--slow-ms" -> slowMs = whole(name, value, 0, 3_600_000);
        case "--failing" -> failing = fraction(name, value);
        case "--latency-ms" -> latencyMs = whole(name, value, 0, 3_600_000);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (fleet == 0 && (slow > 0 || failing > 0)) {
      throw new IllegalArgumentException("--slow and --failing need --fleet");
    }
    if (slow + failing > 1) {
      throw new IllegalArgumentException("--slow and --failing together must be at most 1");
    }
    return new Options(port, fleet, slow, slowMs, failing, latencyMs);
  }

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    KiwiVmSimulator sim =
        options.fleet() > 0
            ? KiwiVmSimulator.start(options.port(), Clock.systemUTC())
            : KiwiVmSimulator.startDemoFleet(options.port(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "kiwivm-simulator-shutdown"));
    if (options.latencyMs() > 0) {
      sim.faults().latency(Duration.ofMillis(options.latencyMs()));
    }
    System.out.println("KiwiVM simulator listening on " + sim.apiBase());
    if (options.fleet() > 0) {
      GeneratedFleet.Added added =
          GeneratedFleet.add(
              sim,
              options.fleet(),
              options.slow(),
              Duration.ofMillis(options.slowMs()),
              options.failing());
      System.out.printf(
          Locale.ROOT,
          "%d generated servers %s..%s, veids %d..%d, keys private_gen + the number in 21 digits"
              + " (%s for %s); %d slow by %d ms, %d failing with HTTP 502%n",
          added.count(),
          GeneratedFleet.name(added.first()),
          GeneratedFleet.name(added.last()),
          GeneratedFleet.veid(added.first()),
          GeneratedFleet.veid(added.last()),
          GeneratedFleet.apiKey(added.first()),
          GeneratedFleet.name(added.first()),
          added.slow().size(),
          options.slowMs(),
          added.failing().size());
    } else {
      for (SimulatedServer s : sim.servers()) {
        // The demo keys are fake and published in the source; printing them is the point.
        System.out.printf(
            "%-8s veid=%d key=%s  curl -s -d veid=%d -d api_key=%s %sgetServiceInfo%n",
            s.hostname().substring(0, s.hostname().indexOf('.')),
            s.veid(),
            s.spec().apiKey(),
            s.veid(),
            s.spec().apiKey(),
            sim.apiBase());
      }
    }
    System.out.println("Admin: curl -s http://127.0.0.1:" + sim.port() + "/admin/servers");
    System.out.flush();
    Thread.currentThread().join();
  }

  private static long whole(String name, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
    return n;
  }

  private static double fraction(String name, String value) {
    double f;
    try {
      f = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a fraction between 0 and 1");
    }
    if (!(f >= 0 && f <= 1)) {
      throw new IllegalArgumentException(name + " must be a fraction between 0 and 1");
    }
    return f;
  }
}

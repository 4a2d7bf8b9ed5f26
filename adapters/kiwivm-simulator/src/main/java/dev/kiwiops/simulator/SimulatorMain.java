package dev.kiwiops.simulator;

import java.time.Clock;

/**
 * Runs the demo fleet until killed: {@code java dev.kiwiops.simulator.SimulatorMain [--port N]}
 * (default 18080).
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 18080;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].startsWith("--port=")) {
        port = Integer.parseInt(args[i].substring("--port=".length()));
      } else {
        System.err.println("usage: SimulatorMain [--port N]");
        System.exit(2);
      }
    }
    KiwiVmSimulator sim = KiwiVmSimulator.startDemoFleet(port, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "kiwivm-simulator-shutdown"));
    System.out.println("KiwiVM simulator listening on " + sim.apiBase());
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
    System.out.println("Admin: curl -s http://127.0.0.1:" + sim.port() + "/admin/servers");
    Thread.currentThread().join();
  }
}

package dev.kiwiops.config;

import dev.kiwiops.simulator.KiwiVmSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Configuration files and HTTP helpers for the tests of {@code kiwiops run}. */
final class RunFixture {
  static final Map<String, String> ENV =
      Map.of(
          "WEB1_KEY", KiwiVmSimulator.DEMO_KEYS.get(KiwiVmSimulator.DEMO_WEB1),
          "DB1_KEY", KiwiVmSimulator.DEMO_KEYS.get(KiwiVmSimulator.DEMO_DB1));

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RunFixture() {}

  /**
   * A configuration of the simulator's web1 and db1, the store under {@code data/}, HTTP on {@code
   * port}; {@code access} is the YAML list of bindings, {@code extra} more top-level sections.
   */
  static String yaml(KiwiVmSimulator sim, int port, String access, String extra) {
    return "kiwivm: { api-url: \""
        + sim.apiBase()
        + "\", timeout: 10s }\n"
        + "servers:\n"
        + "  web1: { veid: "
        + KiwiVmSimulator.DEMO_WEB1
        + ", api-key: \"${WEB1_KEY}\", tags: [prod] }\n"
        + "  db1: { veid: "
        + KiwiVmSimulator.DEMO_DB1
        + ", api-key: \"${DB1_KEY}\", tags: [prod] }\n"
        + "access:\n"
        + access
        + "alerts: { interval: 5s }\n"
        + "store: { url: \"jdbc:sqlite:data/kiwiops.db\" }\n"
        + "http: { port: "
        + port
        + ", bind: 127.0.0.1 }\n"
        + "shutdown: { grace: 10s }\n"
        + extra;
  }

  static Path write(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("kiwiops.yml");
    Files.writeString(file, yaml);
    return file;
  }

  static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits (up to 30 s) for something the background work does; fails the test otherwise. */
  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    eventually(what, Duration.ofSeconds(30), condition);
  }

  /** Waits up to {@code limit} for {@code condition}; fails the test otherwise. */
  static void eventually(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  /** A free TCP port on the loopback interface, for a process that must be told its port. */
  static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** This JVM's class path without test classes and test-jars: what the product's jar holds. */
  static String productClassPath() {
    return java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }
}

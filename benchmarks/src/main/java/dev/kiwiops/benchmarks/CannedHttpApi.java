package dev.kiwiops.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that answers each {@code /v1/CALL} with a fixed body, as the live API does
 * (HTTP 200, {@code text/plain}); calls it has no body for get {@code {"error":0}}.
 */
final class CannedHttpApi implements AutoCloseable {
  private static final byte[] NO_ERROR = "{\"error\":0}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, byte[]> bodies;

  CannedHttpApi(Map<String, byte[]> bodiesByCall) throws IOException {
    this.bodies = Map.copyOf(bodiesByCall);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/v1/", this::answer);
    server.setExecutor(threads);
    server.start();
  }

  URI apiBase() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String call = exchange.getRequestURI().getPath().substring("/v1/".length());
      byte[] body = bodies.getOrDefault(call, NO_ERROR);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

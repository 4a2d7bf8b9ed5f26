package dev.kiwiops.config;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of {@code kiwiops run}: {@code /healthz} (200 or 503 with a small JSON body),
 * {@code /readyz} (200 once started, 503 while starting or shutting down) and {@code /metrics}
 * (Prometheus text). GET and HEAD only; nothing else is served.
 */
final class HttpEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final String JSON = "application/json";

  private final HttpServer server;
  private final ExecutorService threads;

  HttpEndpoints(
      KiwiopsConfig.Http http,
      Supplier<Health.Report> health,
      BooleanSupplier ready,
      Supplier<String> metrics)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(http.bind(), http.port()), 16);
    threads = Executors.newFixedThreadPool(2, Kiwiops.daemonThreads("kiwiops-http"));
    server.setExecutor(threads);
    server.createContext(
        "/healthz",
        exchange -> {
          Health.Report report = health.get();
          answer(exchange, report.up() ? 200 : 503, JSON, report.json());
        });
    server.createContext(
        "/readyz",
        exchange -> {
          boolean now = ready.getAsBoolean();
          answer(exchange, now ? 200 : 503, JSON, "{\"ready\":" + now + "}");
        });
    server.createContext("/metrics", exchange -> answer(exchange, 200, PROMETHEUS, metrics.get()));
    server.createContext("/", exchange -> answer(exchange, 404, JSON, "{\"error\":\"not found\"}"));
  }

  HttpEndpoints start() {
    server.start();
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = method.equals("HEAD");
      if (!head && !method.equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())
          && status != 404) {
        status = 404;
        type = JSON;
        body = "{\"error\":\"not found\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("HTTP {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
      throw e;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

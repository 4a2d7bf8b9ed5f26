package dev.kiwiops.kiwivm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server that answers every {@code /v1/} request with one canned body, as the live API
 * does ({@code text/plain}), and records what it received. For contract tests of the parsing
 * against the captured samples, and for shapes the simulator does not produce.
 */
final class CannedApi implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String contentType = "text/plain; charset=UTF-8";
  private volatile String body = "{\"error\":0}";

  /** One received request: the path below {@code /v1/}, its raw query and its form fields. */
  record Request(String method, String call, String query, Map<String, String> form) {}

  private CannedApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  static CannedApi start() throws IOException {
    return new CannedApi();
  }

  URI apiBase() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
  }

  CannedApi answer(String json) {
    return answer(200, "text/plain; charset=UTF-8", json);
  }

  CannedApi answer(int httpStatus, String type, String text) {
    this.status = httpStatus;
    this.contentType = type;
    this.body = text;
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      String form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              uri.getPath().substring("/v1/".length()),
              uri.getRawQuery() == null ? "" : uri.getRawQuery(),
              parseForm(form)));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private static Map<String, String> parseForm(String form) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (form.isEmpty()) {
      return fields;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      fields.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

package dev.kiwiops.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** A plain HTTP client for the simulator, as the real client would talk to the live API. */
final class ApiClient {

  /** One HTTP answer. */
  record Answer(int status, String contentType, String body) {
    Map<String, Object> json() {
      Object parsed = Json.parse(body);
      if (!(parsed instanceof Map<?, ?>)) {
        throw new AssertionError("Not a JSON object: " + body);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) parsed;
      return map;
    }

    long error() {
      return ((Number) json().get("error")).longValue();
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final long veid;
  private final String apiKey;

  ApiClient(KiwiVmSimulator sim, long veid) {
    this(sim.apiBase(), veid, sim.server(veid).spec().apiKey());
  }

  ApiClient(URI base, long veid, String apiKey) {
    this.base = base;
    this.veid = veid;
    this.apiKey = apiKey;
  }

  /** POSTs an urlencoded form with veid, api_key and {@code params} (name, value, ...). */
  Answer post(String call, String... params) {
    Map<String, String> form = form(params);
    return send(
        HttpRequest.newBuilder(base.resolve(call))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(urlEncode(form)))
            .build());
  }

  /** Parses {@link #post}'s answer as a JSON object. */
  Map<String, Object> call(String call, String... params) {
    return post(call, params).json();
  }

  Answer get(String call, String... params) {
    return send(
        HttpRequest.newBuilder(URI.create(base.resolve(call) + "?" + urlEncode(form(params))))
            .GET()
            .build());
  }

  Answer multipart(String call, String... params) {
    String boundary = "----kiwiopsBoundary7MA4YWxkTrZu0gW";
    StringBuilder body = new StringBuilder();
    form(params)
        .forEach(
            (name, value) ->
                body.append("--")
                    .append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"")
                    .append(name)
                    .append("\"\r\n\r\n")
                    .append(value)
                    .append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    return send(
        HttpRequest.newBuilder(base.resolve(call))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build());
  }

  /** Sends a request and lets transport failures through as IOException. */
  HttpResponse<String> raw(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder postRequest(String call, String... params) {
    return HttpRequest.newBuilder(base.resolve(call))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(urlEncode(form(params))));
  }

  private Map<String, String> form(String... params) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("veid", String.valueOf(veid));
    form.put("api_key", apiKey);
    for (int i = 0; i + 1 < params.length; i += 2) {
      form.put(params[i], params[i + 1]);
    }
    return form;
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String urlEncode(Map<String, String> form) {
    StringJoiner out = new StringJoiner("&");
    form.forEach(
        (k, v) ->
            out.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}

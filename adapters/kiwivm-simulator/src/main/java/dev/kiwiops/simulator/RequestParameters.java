package dev.kiwiops.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a request: URL query, then a urlencoded or multipart form body on top. The live
 * API takes every parameter either way.
 */
record RequestParameters(String rawQuery, Map<String, String> values) {

  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"?)([^\";]+)\\1");
  private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"");

  static RequestParameters read(HttpExchange exchange) throws IOException {
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null) {
      parseUrlEncoded(rawQuery, values);
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY);
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String lowerType = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (body.length > 0) {
      if (lowerType.startsWith("multipart/form-data")) {
        parseMultipart(type, body, values);
      } else if (lowerType.startsWith("application/json")) {
        parseJsonObject(new String(body, StandardCharsets.UTF_8), values);
      } else {
        parseUrlEncoded(new String(body, StandardCharsets.ISO_8859_1), values);
      }
    }
    return new RequestParameters(rawQuery == null ? "" : rawQuery, values);
  }

  private static void parseUrlEncoded(String text, Map<String, String> into) {
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      into.put(decode(name), decode(value));
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static void parseMultipart(String type, byte[] body, Map<String, String> into) {
    Matcher m = BOUNDARY.matcher(type);
    if (!m.find()) {
      return;
    }
    String delimiter = "--" + m.group(2);
    // ISO-8859-1 maps bytes 1:1, so the split keeps the bytes of each value intact.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    for (String part : text.split(Pattern.quote(delimiter))) {
      if (part.startsWith("--") || part.isBlank()) {
        continue;
      }
      String section = part.startsWith("\r\n") ? part.substring(2) : part;
      int headerEnd = section.indexOf("\r\n\r\n");
      if (headerEnd < 0) {
        continue;
      }
      String headers = section.substring(0, headerEnd);
      String value = section.substring(headerEnd + 4);
      if (value.endsWith("\r\n")) {
        value = value.substring(0, value.length() - 2);
      }
      Matcher name = PART_NAME.matcher(headers);
      if (name.find()) {
        byte[] raw = value.getBytes(StandardCharsets.ISO_8859_1);
        into.put(name.group(1), new String(raw, StandardCharsets.UTF_8));
      }
    }
  }

  private static void parseJsonObject(String text, Map<String, String> into) {
    try {
      if (Json.parse(text) instanceof Map<?, ?> map) {
        map.forEach((k, v) -> into.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
      }
    } catch (IllegalArgumentException e) {
      // Not JSON after all: no parameters from the body.
    }
  }
}

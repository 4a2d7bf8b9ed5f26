package dev.kiwiops.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A local stand-in for Telegram's Bot API, enough for the adapter's end-to-end tests: it answers
 * the methods the adapter uses over real HTTP ({@code /bot<token>/<method>}, JSON or multipart
 * bodies, as TelegramBots sends them), serves long-polled updates with offsets, records every
 * request, and fails on demand: 429 with {@code retry_after}, 409, 401 or 403, per method and chat.
 *
 * <p>Private chats of users who never pressed Start answer 403, as Telegram does.
 */
final class FakeBotApi implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long BOT_ID = 777000111L;
  static final String BOT_USERNAME = "kiwiops_bot";

  /** One request as the server saw it: the method, its parameters, and uploaded files. */
  record Call(String method, JsonNode params, Map<String, FilePart> files) {
    String chatId() {
      JsonNode chat = params.get("chat_id");
      return chat == null ? "" : chat.asText();
    }

    String text() {
      JsonNode text = params.get("text");
      return text == null ? "" : text.asText();
    }

    boolean has(String field) {
      return params.has(field) && !params.get(field).isNull();
    }
  }

  /** An uploaded file of a multipart request. */
  record FilePart(String fileName, byte[] data) {}

  private record Fault(
      String method, String chatId, int code, String description, Integer retryAfter, int[] left) {}

  private final String token;
  private final HttpServer server;
  private final List<Call> calls = new ArrayList<>();
  private final List<ObjectNode> updates = new ArrayList<>();
  private final List<Fault> faults = new ArrayList<>();
  private final Set<String> notStarted = new HashSet<>();
  private final Map<String, String> texts = new HashMap<>();
  private final Set<String> fileMessages = new HashSet<>();
  private final List<Integer> offsetsAsked = new ArrayList<>();
  private int nextUpdateId = 500;
  private int nextMessageId = 1;
  private int nextCallbackId = 1;
  private boolean repeatLastBatch;
  private List<ObjectNode> lastBatch = List.of();

  private FakeBotApi(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  static FakeBotApi start(String token) throws IOException {
    return new FakeBotApi(token);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  // ---- scripting ----

  /** A user types {@code text} in a chat; returns the update id. */
  synchronized int type(long chatId, long fromId, String text) {
    ObjectNode message = message(nextMessageId++, chatId);
    message.set("from", user(fromId));
    message.put("text", text);
    if (text.startsWith("/")) {
      int end = text.indexOf(' ');
      ArrayNode entities = message.putArray("entities");
      entities
          .addObject()
          .put("type", "bot_command")
          .put("offset", 0)
          .put("length", end < 0 ? text.length() : end);
    }
    texts.put(chatId + "/" + message.get("message_id").asInt(), text);
    return push("message", message);
  }

  /** A user clicks a button with {@code data} under message {@code messageId}. */
  synchronized int click(long chatId, long fromId, int messageId, String data) {
    ObjectNode query = JsonNodeFactory.instance.objectNode();
    query.put("id", "cq" + nextCallbackId++);
    query.set("from", user(fromId));
    query.put("chat_instance", "ci" + chatId);
    query.put("data", data);
    ObjectNode message = message(messageId, chatId);
    message.put("text", texts.getOrDefault(chatId + "/" + messageId, ""));
    query.set("message", message);
    return push("callback_query", query);
  }

  /** Private messages to this user fail with 403, until they "press Start". */
  synchronized void neverStarted(long userId) {
    notStarted.add(String.valueOf(userId));
  }

  /**
   * Fails the next {@code times} calls of {@code method} (to {@code chatId}, or any chat when
   * null); {@code times} 0 fails every call until {@link #clearFaults()}.
   */
  synchronized void fail(
      String method, String chatId, int code, String description, Integer retryAfter, int times) {
    faults.add(new Fault(method, chatId, code, description, retryAfter, new int[] {times}));
  }

  synchronized void clearFaults() {
    faults.clear();
  }

  /**
   * The next getUpdates answers the previous batch again (Telegram may repeat unconfirmed ones).
   */
  synchronized void repeatNextBatch() {
    repeatLastBatch = true;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  synchronized List<Integer> offsetsAsked() {
    return List.copyOf(offsetsAsked);
  }

  /** Whether an update with this id is still unconfirmed (no later offset asked for). */
  synchronized boolean pending(int updateId) {
    return updates.stream().anyMatch(u -> u.get("update_id").asInt() == updateId);
  }

  /** Waits (bounded) until a request matching {@code condition} has arrived; returns it. */
  Call await(String what, Predicate<Call> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (this) {
      while (true) {
        for (Call call : calls) {
          if (condition.test(call)) {
            return call;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no " + what + " arrived; calls: " + summary());
        }
        wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
      }
    }
  }

  Call awaitMethod(String method) throws InterruptedException {
    return await(method, c -> c.method().equals(method));
  }

  /** Waits until the bot asked for updates past {@code updateId}, i.e. has taken it. */
  void awaitTaken(int updateId) throws InterruptedException {
    await(
        "getUpdates past " + updateId,
        c -> c.method().equals("getUpdates") && c.params().path("offset").asInt() > updateId);
  }

  synchronized String summary() {
    StringBuilder out = new StringBuilder();
    for (Call c : calls) {
      if (!c.method().equals("getUpdates")) {
        out.append("\n  ").append(c.method()).append(' ').append(c.params());
      }
    }
    return out.toString();
  }

  // ---- serving ----

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String prefix = "/bot" + token + "/";
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!path.startsWith(prefix)) {
        respond(exchange, 401, error(401, "Unauthorized", null));
        return;
      }
      String method = canonical(path.substring(prefix.length()));
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      ObjectNode params;
      Map<String, FilePart> files = new LinkedHashMap<>();
      if (contentType != null && contentType.startsWith("multipart/form-data")) {
        params = multipart(body, contentType, files);
        // Files may be named by reference: "document": "attach://<part name>".
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          String value = field.getValue().asText();
          if (value.startsWith("attach://") && files.containsKey(value.substring(9))) {
            files.put(field.getKey(), files.get(value.substring(9)));
          }
        }
      } else if (body.length == 0) {
        params = JsonNodeFactory.instance.objectNode();
      } else {
        params = (ObjectNode) JSON.readTree(body);
      }
      Call call = new Call(method, params, files);
      if (method.equals("getUpdates")) {
        ObjectNode updates = getUpdates(call);
        respond(
            exchange,
            updates.path("ok").asBoolean() ? 200 : updates.get("error_code").asInt(),
            updates);
        return;
      }
      ObjectNode answer;
      synchronized (this) {
        calls.add(call);
        notifyAll();
        answer = answer(call);
      }
      respond(
          exchange, answer.path("ok").asBoolean() ? 200 : answer.get("error_code").asInt(), answer);
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private static final List<String> METHODS =
      List.of(
          "getMe",
          "getUpdates",
          "sendMessage",
          "editMessageText",
          "editMessageReplyMarkup",
          "editMessageCaption",
          "answerCallbackQuery",
          "sendDocument",
          "sendPhoto",
          "sendChatAction",
          "deleteMessage",
          "setMyCommands",
          "deleteMyCommands",
          "deleteWebhook");

  /** Telegram's method names are case-insensitive (the library sends {@code getme}). */
  private static String canonical(String method) {
    return METHODS.stream().filter(m -> m.equalsIgnoreCase(method)).findFirst().orElse(method);
  }

  private ObjectNode getUpdates(Call call) {
    int offset = call.params().path("offset").asInt(0);
    int timeout = call.params().path("timeout").asInt(0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(timeout, 2));
    synchronized (this) {
      calls.add(call);
      offsetsAsked.add(offset);
      notifyAll();
      ObjectNode fault = fault(call);
      if (fault != null) {
        return fault;
      }
      updates.removeIf(u -> u.get("update_id").asInt() < offset);
      if (repeatLastBatch && !lastBatch.isEmpty()) {
        repeatLastBatch = false;
        return ok(JSON.valueToTree(lastBatch));
      }
      while (updates.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      lastBatch = List.copyOf(updates);
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      updates.forEach(result::add);
      return ok(result);
    }
  }

  private ObjectNode answer(Call call) {
    ObjectNode fault = fault(call);
    if (fault != null) {
      return fault;
    }
    String chat = call.chatId();
    if (!chat.isEmpty() && notStarted.contains(chat)) {
      return error(403, "Forbidden: bot can't initiate conversation with a user", null);
    }
    return switch (call.method()) {
      case "getMe" ->
          ok(
              JsonNodeFactory.instance
                  .objectNode()
                  .put("id", BOT_ID)
                  .put("is_bot", true)
                  .put("first_name", "kiwiops")
                  .put("username", BOT_USERNAME));
      case "sendMessage", "sendDocument", "sendPhoto" -> {
        int id = nextMessageId++;
        ((ObjectNode) call.params()).put("__id", id);
        ObjectNode message = message(id, Long.parseLong(chat));
        if (call.method().equals("sendMessage")) {
          message.put("text", call.text());
          texts.put(chat + "/" + id, call.text());
        } else {
          fileMessages.add(chat + "/" + id);
        }
        yield ok(message);
      }
      case "editMessageText" -> {
        String key = chat + "/" + call.params().path("message_id").asInt();
        if (fileMessages.contains(key)) {
          yield error(400, "Bad Request: there is no text in the message to edit", null);
        }
        String old = texts.get(key);
        if (call.text().equals(old) && !call.has("reply_markup")) {
          yield error(
              400,
              "Bad Request: message is not modified: specified new message content and reply"
                  + " markup are exactly the same as a current content and reply markup of the"
                  + " message",
              null);
        }
        texts.put(key, call.text());
        yield ok(message(call.params().path("message_id").asInt(), Long.parseLong(chat)));
      }
      case "editMessageReplyMarkup", "editMessageCaption" ->
          ok(message(call.params().path("message_id").asInt(), Long.parseLong(chat)));
      case "deleteWebhook",
          "answerCallbackQuery",
          "sendChatAction",
          "deleteMessage",
          "setMyCommands",
          "deleteMyCommands" ->
          ok(JsonNodeFactory.instance.booleanNode(true));
      default -> error(404, "Not Found: method " + call.method(), null);
    };
  }

  private ObjectNode fault(Call call) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.method().equals(call.method())
          && (f.chatId() == null || f.chatId().equals(call.chatId()))) {
        if (f.left()[0] > 0 && --f.left()[0] == 0) {
          it.remove();
        }
        return error(f.code(), f.description(), f.retryAfter());
      }
    }
    return null;
  }

  private int push(String kind, ObjectNode payload) {
    ObjectNode update = JsonNodeFactory.instance.objectNode();
    int id = nextUpdateId++;
    update.put("update_id", id);
    update.set(kind, payload);
    updates.add(update);
    notifyAll();
    return id;
  }

  private static ObjectNode message(int id, long chatId) {
    ObjectNode message = JsonNodeFactory.instance.objectNode();
    message.put("message_id", id);
    message.put("date", 1767225600);
    ObjectNode chat = message.putObject("chat");
    chat.put("id", chatId);
    chat.put("type", chatId > 0 ? "private" : "supergroup");
    if (chatId < 0) {
      chat.put("title", "ops");
    }
    return message;
  }

  private static ObjectNode user(long id) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("id", id)
        .put("is_bot", false)
        .put("first_name", "User<" + id + ">")
        .put("username", "user" + id);
  }

  private static ObjectNode ok(JsonNode result) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("ok", true);
    answer.set("result", result);
    return answer;
  }

  private static ObjectNode error(int code, String description, Integer retryAfter) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("ok", false);
    answer.put("error_code", code);
    answer.put("description", description);
    if (retryAfter != null) {
      answer.putObject("parameters").put("retry_after", retryAfter);
    }
    return answer;
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Reads a multipart/form-data body: text fields into the result, files into {@code files}. */
  private static ObjectNode multipart(
      byte[] body, String contentType, Map<String, FilePart> files) {
    String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + 9);
    byte[] delimiter = boundary.getBytes(StandardCharsets.ISO_8859_1);
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
      byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next - 2);
      String name = attribute(headers, "name");
      String fileName = attribute(headers, "filename");
      if (fileName != null) {
        files.put(name, new FilePart(fileName, content));
      } else {
        String value = new String(content, StandardCharsets.UTF_8);
        if (value.startsWith("{") || value.startsWith("[")) {
          try {
            fields.set(name, JSON.readTree(value));
            at = next;
            continue;
          } catch (IOException e) {
            // a plain value that merely starts like JSON
          }
        }
        fields.put(name, value);
      }
      at = next;
    }
    return fields;
  }

  private static String attribute(String headers, String name) {
    String key = name + "=\"";
    int i = headers.indexOf("; " + key);
    if (i < 0) {
      return null;
    }
    int from = i + 2 + key.length();
    return headers.substring(from, headers.indexOf('"', from));
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    synchronized (this) {
      notifyAll();
    }
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}

package dev.kiwiops.discord;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * A local Discord for tests: the REST API under {@code /api/v10/} (JDK HTTP server) and a gateway
 * WebSocket (a small RFC 6455 server on a plain socket, JSON, no compression). It logs the bot in,
 * sends READY and one GUILD_CREATE, acknowledges heartbeats, records every REST request and gateway
 * payload, and dispatches the interactions a test injects.
 */
final class FakeDiscord implements AutoCloseable {
  static final String BOT_ID = "800000000000000001";
  static final String GUILD = "900000000000000001";
  static final String CHANNEL = "900000000000000002";
  static final String ALERT_CHANNEL = "900000000000000003";
  static final String TOKEN = "fake-bot-token.SECRET-PART";

  /** View channel, send messages, embed links, attach files, read message history. */
  static final String EVERYONE_PERMISSIONS = Long.toString(1024 + 2048 + 16384 + 32768 + 65536);

  /** One REST request as JDA sent it; {@code json} is the body or the multipart payload_json. */
  record Request(String method, String path, String json, List<String> files, String answerId) {
    DataObject data() {
      return DataObject.fromJson(json);
    }
  }

  private final HttpServer http;
  private final ServerSocket gatewaySocket;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<DataObject> gatewayReceived = new CopyOnWriteArrayList<>();
  private final Map<String, DataObject> messages = new ConcurrentHashMap<>();
  private final Map<String, String> originals = new ConcurrentHashMap<>();

  /** Snowflakes of the current time (Discord's epoch is 2015), so interactions are fresh. */
  private final AtomicLong ids =
      new AtomicLong((System.currentTimeMillis() - 1_420_070_400_000L) << 22);

  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger closeFrames = new AtomicInteger();
  private final List<String> roles = new CopyOnWriteArrayList<>();
  private volatile Socket gateway;
  private volatile boolean closed;
  private volatile int restStatus = 0;

  FakeDiscord(String... roleIds) throws IOException {
    roles.addAll(List.of(roleIds));
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", this::rest);
    http.start();
    gatewaySocket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptGateways, "fake-discord-gateway");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String apiUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/";
  }

  String gatewayUrl() {
    return "ws://127.0.0.1:" + gatewaySocket.getLocalPort() + "/";
  }

  /** Answers every later REST request with this status (401 to reject the token). */
  void failRestWith(int status) {
    restStatus = status;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String method, String pathPattern) {
    Pattern p = Pattern.compile(pathPattern);
    return requests.stream()
        .filter(r -> r.method().equals(method) && p.matcher(r.path()).matches())
        .toList();
  }

  /** Waits (bounded) until a request matches, and returns it. */
  Request await(String method, String pathPattern, Predicate<Request> also) {
    Pattern p = Pattern.compile(pathPattern);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    synchronized (requests) {
      while (true) {
        for (Request r : requests) {
          if (r.method().equals(method) && p.matcher(r.path()).matches() && also.test(r)) {
            return r;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no " + method + " " + pathPattern + " in " + summary(requests));
        }
        try {
          requests.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  Request await(String method, String pathPattern) {
    return await(method, pathPattern, r -> true);
  }

  /** How many gateway sessions the bot closed with a close frame. */
  int closeFrames() {
    return closeFrames.get();
  }

  /** Gateway payloads the bot sent (IDENTIFY, heartbeats). */
  List<DataObject> gatewayReceived() {
    return List.copyOf(gatewayReceived);
  }

  DataObject message(String id) {
    return messages.get(id);
  }

  String nextId() {
    return Long.toString(ids.incrementAndGet());
  }

  // ---------------------------------------------------------------- interactions a test injects

  /** A slash command from {@code userId} holding {@code roleIds}, in the guild channel. */
  DataObject slash(
      String userId, List<String> roleIds, String name, String sub, Map<String, Object> options) {
    DataArray opts = DataArray.empty();
    options.forEach(
        (k, v) ->
            opts.add(
                DataObject.empty()
                    .put("name", k)
                    .put("type", v instanceof Boolean ? 5 : v instanceof Number ? 4 : 3)
                    .put("value", v)));
    DataArray top = opts;
    if (sub != null) {
      top =
          DataArray.empty()
              .add(DataObject.empty().put("name", sub).put("type", 1).put("options", opts));
    }
    DataObject data =
        DataObject.empty()
            .put("id", "700000000000000001")
            .put("name", name)
            .put("type", 1)
            .put("guild_id", GUILD)
            .put("options", top);
    return interaction(2, userId, roleIds, data, null);
  }

  /** An autocomplete request while {@code focused} is typed as {@code value}. */
  DataObject autocomplete(
      String userId, List<String> roleIds, String name, String sub, String focused, String value) {
    DataArray opts =
        DataArray.empty()
            .add(
                DataObject.empty()
                    .put("name", focused)
                    .put("type", 3)
                    .put("value", value)
                    .put("focused", true));
    DataArray top =
        sub == null
            ? opts
            : DataArray.empty()
                .add(DataObject.empty().put("name", sub).put("type", 1).put("options", opts));
    DataObject data =
        DataObject.empty()
            .put("id", "700000000000000001")
            .put("name", name)
            .put("type", 1)
            .put("guild_id", GUILD)
            .put("options", top);
    return interaction(4, userId, roleIds, data, null);
  }

  /** The submission of the modal {@code customId} with {@code value} in its one text field. */
  DataObject modalSubmit(String userId, String customId, String field, String value) {
    DataObject input =
        DataObject.empty().put("type", 4).put("id", 2).put("custom_id", field).put("value", value);
    DataObject data =
        DataObject.empty()
            .put("custom_id", customId)
            .put(
                "components",
                DataArray.empty()
                    .add(DataObject.empty().put("type", 18).put("id", 1).put("component", input)));
    return interaction(5, userId, List.of(), data, null);
  }

  /** A click on the button {@code customId} under the message {@code messageId}. */
  DataObject click(String userId, List<String> roleIds, String customId, String messageId) {
    DataObject data = DataObject.empty().put("custom_id", customId).put("component_type", 2);
    DataObject message = messages.get(messageId);
    DataObject click = interaction(3, userId, roleIds, data, message);
    originals.put(click.getString("token"), messageId);
    return click;
  }

  private DataObject interaction(
      int type, String userId, List<String> roleIds, DataObject data, DataObject message) {
    DataObject interaction =
        DataObject.empty()
            .put("id", nextId())
            .put("application_id", BOT_ID)
            .put("type", type)
            .put("token", "itoken-" + nextId())
            .put("version", 1)
            .put("guild_id", GUILD)
            .put("channel_id", CHANNEL)
            .put("channel", channelJson(CHANNEL, "ops"))
            .put(
                "guild",
                DataObject.empty()
                    .put("id", GUILD)
                    .put("locale", "en-US")
                    .put("features", DataArray.empty()))
            .put("member", member(userId, roleIds))
            .put("data", data)
            .put("locale", "en-US")
            .put("guild_locale", "en-US")
            .put("app_permissions", "2248473465835073")
            .put("entitlements", DataArray.empty())
            .put("authorizing_integration_owners", DataObject.empty().put("0", GUILD))
            .put("context", 0);
    if (message != null) {
      interaction.put("message", message);
    }
    return interaction;
  }

  /** Sends an INTERACTION_CREATE over the gateway. */
  void dispatchInteraction(DataObject interaction) {
    dispatch("INTERACTION_CREATE", interaction);
  }

  private static DataObject member(String userId, List<String> roleIds) {
    DataArray roleArray = DataArray.empty();
    roleIds.forEach(roleArray::add);
    boolean bot = userId.equals(BOT_ID);
    return DataObject.empty()
        .put(
            "user",
            user(userId, bot ? "kiwiops" : "user" + userId.substring(userId.length() - 3), bot))
        .put("roles", roleArray)
        .put("joined_at", "2024-01-01T00:00:00.000000+00:00")
        .put("permissions", "0")
        .put("deaf", false)
        .put("mute", false)
        .put("flags", 0)
        .put("pending", false)
        .put("nick", null)
        .put("avatar", null);
  }

  private static DataObject user(String id, String name, boolean bot) {
    return DataObject.empty()
        .put("id", id)
        .put("username", name)
        .put("discriminator", "0")
        .put("global_name", null)
        .put("avatar", null)
        .put("bot", bot)
        .put("public_flags", 0)
        .put("flags", 0);
  }

  private static DataObject channelJson(String id, String name) {
    return DataObject.empty()
        .put("id", id)
        .put("type", 0)
        .put("guild_id", GUILD)
        .put("name", name)
        .put("position", 0)
        .put("permission_overwrites", DataArray.empty())
        .put("nsfw", false)
        .put("topic", null)
        .put("last_message_id", null)
        .put("rate_limit_per_user", 0)
        .put("parent_id", null)
        .put("flags", 0);
  }

  private DataObject guildJson() {
    DataArray roleArray =
        DataArray.empty().add(role(GUILD, "@everyone", 0).put("permissions", EVERYONE_PERMISSIONS));
    int position = 1;
    for (String role : roles) {
      roleArray.add(role(role, "role" + position, position++));
    }
    return DataObject.empty()
        .put("id", GUILD)
        .put("name", "ops")
        .put("owner_id", "100000000000000001")
        .put("unavailable", false)
        .put("large", false)
        .put("member_count", 3)
        .put("joined_at", "2024-01-01T00:00:00.000000+00:00")
        .put("preferred_locale", "en-US")
        .put("features", DataArray.empty())
        .put("roles", roleArray)
        .put(
            "channels",
            DataArray.empty()
                .add(channelJson(CHANNEL, "ops"))
                .add(channelJson(ALERT_CHANNEL, "alerts")))
        .put("threads", DataArray.empty())
        .put("guild_scheduled_events", DataArray.empty())
        .put("emojis", DataArray.empty())
        .put("stickers", DataArray.empty())
        .put("soundboard_sounds", DataArray.empty())
        .put("voice_states", DataArray.empty())
        .put("members", DataArray.empty().add(member(BOT_ID, List.of())))
        .put("presences", DataArray.empty())
        .put("afk_timeout", 300)
        .put("premium_progress_bar_enabled", false);
  }

  private static DataObject role(String id, String name, int position) {
    return DataObject.empty()
        .put("id", id)
        .put("name", name)
        .put("permissions", "0")
        .put("position", position)
        .put("color", 0)
        .put("colors", DataObject.empty().put("primary_color", 0))
        .put("hoist", false)
        .put("managed", false)
        .put("mentionable", false)
        .put("flags", 0);
  }

  // ---------------------------------------------------------------- REST

  private static final Pattern COMMANDS =
      Pattern.compile("/api/v10/applications/(\\d+)(/guilds/(\\d+))?/commands");
  private static final Pattern CALLBACK =
      Pattern.compile("/api/v10/interactions/(\\d+)/([^/]+)/callback");
  private static final Pattern WEBHOOK =
      Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)(/messages/([^/]+))?");
  private static final Pattern CHANNEL_MESSAGES =
      Pattern.compile("/api/v10/channels/(\\d+)/messages(/(\\d+))?");

  private void rest(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      List<String> files = new ArrayList<>();
      String json = body(raw, contentType, files);
      Request request = new Request(method, path, json, files, "");
      if (!("Bot " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        record(request);
        respond(exchange, 401, "{\"message\": \"401: Unauthorized\", \"code\": 0}");
        return;
      }
      if (restStatus != 0) {
        record(request);
        respond(exchange, restStatus, "{\"message\": \"failure\", \"code\": 0}");
        return;
      }
      String answer = route(method, path, json, files);
      String answerId =
          answer != null && answer.startsWith("{")
              ? DataObject.fromJson(answer).getString("id", "")
              : "";
      record(new Request(method, path, json, files, answerId));
      if (answer == null) {
        respond(exchange, 204, null);
      } else if (answer.startsWith("404")) {
        respond(exchange, 404, "{\"message\": \"Unknown\", \"code\": 10008}");
      } else {
        respond(exchange, 200, answer);
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private void record(Request request) {
    synchronized (requests) {
      requests.add(request);
      requests.notifyAll();
    }
  }

  private String route(String method, String path, String json, List<String> files) {
    if (path.equals("/api/v10/users/@me")) {
      return user(BOT_ID, "kiwiops", true)
          .put("verified", true)
          .put("mfa_enabled", false)
          .toString();
    }
    if (path.equals("/api/v10/gateway/bot") || path.equals("/api/v10/gateway")) {
      return DataObject.empty()
          .put("url", gatewayUrl())
          .put("shards", 1)
          .put(
              "session_start_limit",
              DataObject.empty()
                  .put("total", 1000)
                  .put("remaining", 1000)
                  .put("reset_after", 0)
                  .put("max_concurrency", 1))
          .toString();
    }
    Matcher m = COMMANDS.matcher(path);
    if (m.matches() && method.equals("PUT")) {
      DataArray in = DataArray.fromJson(json);
      DataArray out = DataArray.empty();
      for (int i = 0; i < in.length(); i++) {
        DataObject command = in.getObject(i);
        command.put("id", nextId()).put("application_id", BOT_ID).put("version", nextId());
        if (m.group(3) != null) {
          command.put("guild_id", m.group(3));
        }
        out.add(command);
      }
      return out.toString();
    }
    m = CALLBACK.matcher(path);
    if (m.matches()) {
      DataObject callback = DataObject.fromJson(json);
      int type = callback.getInt("type");
      DataObject data = callback.optObject("data").orElse(DataObject.empty());
      String original = originalId(m.group(2));
      if (type == 4) { // a message at once
        store(message(original, CHANNEL, data, files));
      } else if (type == 7 && messages.containsKey(original)) { // an update of the clicked one
        store(merge(messages.get(original), data, files));
      }
      return null;
    }
    m = WEBHOOK.matcher(path);
    if (m.matches()) {
      String token = m.group(2);
      String target = m.group(4);
      DataObject payload = DataObject.fromJson(json);
      if (target == null && method.equals("POST")) {
        return store(message(nextId(), CHANNEL, payload, files)).toString();
      }
      String id = "@original".equals(target) ? originalId(token) : target;
      DataObject old = messages.get(id);
      if (method.equals("PATCH")) {
        DataObject base = old == null ? message(id, CHANNEL, DataObject.empty(), List.of()) : old;
        return store(merge(base, payload, files)).toString();
      }
      if (method.equals("GET")) {
        return old == null ? "404" : old.toString();
      }
      return null;
    }
    m = CHANNEL_MESSAGES.matcher(path);
    if (m.matches()) {
      DataObject payload = json.isEmpty() ? DataObject.empty() : DataObject.fromJson(json);
      if (m.group(3) == null && method.equals("POST")) {
        return store(message(nextId(), m.group(1), payload, files)).toString();
      }
      DataObject old = messages.get(m.group(3));
      if (old == null) {
        return "404";
      }
      if (method.equals("PATCH")) {
        return store(merge(old, payload, files)).toString();
      }
      return old.toString();
    }
    return "{}";
  }

  /** The message a token's {@code @original} names: the clicked one, or the command's reply. */
  private String originalId(String token) {
    return originals.computeIfAbsent(token, t -> nextId());
  }

  /** The id of the original response of the interaction with {@code token}. */
  String originalOf(String token) {
    return originalId(token);
  }

  private DataObject store(DataObject message) {
    messages.put(message.getString("id"), message);
    return message;
  }

  private DataObject message(String id, String channel, DataObject payload, List<String> files) {
    DataObject message =
        DataObject.empty()
            .put("id", id)
            .put("channel_id", channel)
            .put("guild_id", GUILD)
            .put("type", 0)
            .put("content", "")
            .put("author", user(BOT_ID, "kiwiops", true))
            .put("timestamp", Instant.now().toString())
            .put("edited_timestamp", null)
            .put("tts", false)
            .put("pinned", false)
            .put("mention_everyone", false)
            .put("mentions", DataArray.empty())
            .put("mention_roles", DataArray.empty())
            .put("attachments", DataArray.empty())
            .put("embeds", DataArray.empty())
            .put("components", DataArray.empty())
            .put("flags", 0);
    return merge(message, payload, files);
  }

  private DataObject merge(DataObject old, DataObject payload, List<String> files) {
    DataObject merged = DataObject.fromJson(old.toString());
    for (String key : List.of("content", "embeds", "components", "flags")) {
      if (payload.hasKey(key) && !payload.isNull(key)) {
        merged.put(key, payload.get(key));
      }
    }
    // Discord answers every embed a bot sends as a "rich" one.
    DataArray embeds = merged.getArray("embeds");
    for (int i = 0; i < embeds.length(); i++) {
      embeds.getObject(i).put("type", "rich");
    }
    if (!files.isEmpty()) {
      DataArray attachments = DataArray.empty();
      for (String file : files) {
        attachments.add(
            DataObject.empty()
                .put("id", nextId())
                .put("filename", file)
                .put("size", 1)
                .put("url", "https://cdn.invalid/" + file)
                .put("proxy_url", "https://cdn.invalid/" + file));
      }
      merged.put("attachments", attachments);
    }
    return merged;
  }

  private static String body(byte[] raw, String contentType, List<String> files) {
    String text = new String(raw, StandardCharsets.UTF_8);
    if (contentType == null || !contentType.startsWith("multipart/form-data")) {
      return text;
    }
    String boundary = "--" + contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
    String json = "{}";
    // The parts are split as ISO-8859-1 so that binary files keep their bytes' positions.
    String latin = new String(raw, StandardCharsets.ISO_8859_1);
    for (String part : latin.split(Pattern.quote(boundary))) {
      int split = part.indexOf("\r\n\r\n");
      if (split < 0) {
        continue;
      }
      String headers = part.substring(0, split);
      String content = part.substring(split + 4);
      if (content.endsWith("\r\n")) {
        content = content.substring(0, content.length() - 2);
      }
      Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(headers);
      Matcher file = Pattern.compile("filename=\"([^\"]+)\"").matcher(headers);
      if (file.find()) {
        files.add(file.group(1));
      } else if (name.find() && name.group(1).equals("payload_json")) {
        json = new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
    }
    return json;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String summary(List<Request> requests) {
    StringBuilder out = new StringBuilder();
    for (Request r : requests) {
      out.append("\n  ").append(r.method()).append(' ').append(r.path());
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- gateway

  private void acceptGateways() {
    while (!closed) {
      try {
        Socket socket = gatewaySocket.accept();
        Thread reader = new Thread(() -> serve(socket), "fake-discord-session");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      String key = null;
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        if (line.toLowerCase().startsWith("sec-websocket-key:")) {
          key = line.substring(line.indexOf(':') + 1).strip();
        }
      }
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest(
                          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                              .getBytes(StandardCharsets.US_ASCII)));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      gateway = socket;
      send(
          socket,
          DataObject.empty()
              .put("op", 10)
              .put("d", DataObject.empty().put("heartbeat_interval", 41250)));
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int b0 = in.read();
        if (b0 < 0) {
          return;
        }
        int opcode = b0 & 0x0f;
        int b1 = in.read();
        long length = b1 & 0x7f;
        if (length == 126) {
          length = (in.read() << 8) | in.read();
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | in.read();
          }
        }
        byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
        byte[] payload = in.readNBytes((int) length);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        if (opcode == 8) {
          closeFrames.incrementAndGet();
          writeFrame(socket, 8, payload);
          return;
        }
        if (opcode == 9) {
          writeFrame(socket, 10, payload);
          continue;
        }
        if (opcode == 10) {
          continue;
        }
        message.write(payload);
        if ((b0 & 0x80) == 0) {
          continue;
        }
        DataObject received = DataObject.fromJson(message.toString(StandardCharsets.UTF_8));
        message.reset();
        gatewayReceived.add(received);
        answer(socket, received);
      }
    } catch (Exception e) {
      if (!closed) {
        System.err.println("fake discord gateway: " + e);
      }
    }
  }

  private void answer(Socket socket, DataObject received) throws IOException {
    switch (received.getInt("op")) {
      case 1 -> send(socket, DataObject.empty().put("op", 11));
      case 2 -> {
        DataObject ready =
            DataObject.empty()
                .put("v", 10)
                .put("user", user(BOT_ID, "kiwiops", true))
                .put(
                    "guilds",
                    DataArray.empty()
                        .add(DataObject.empty().put("id", GUILD).put("unavailable", true)))
                .put("session_id", "fake-session")
                .put("resume_gateway_url", gatewayUrl())
                .put("application", DataObject.empty().put("id", BOT_ID).put("flags", 0))
                .put("private_channels", DataArray.empty())
                .put("presences", DataArray.empty())
                .put("relationships", DataArray.empty())
                .put("guild_join_requests", DataArray.empty())
                .put("user_settings", DataObject.empty())
                .put("shard", DataArray.empty().add(0).add(1));
        dispatch("READY", ready);
        dispatch("GUILD_CREATE", guildJson());
      }
      default -> {}
    }
  }

  private void dispatch(String type, DataObject data) {
    Socket socket = gateway;
    if (socket == null) {
      throw new IllegalStateException("no gateway session");
    }
    try {
      send(
          socket,
          DataObject.empty()
              .put("op", 0)
              .put("t", type)
              .put("s", sequence.incrementAndGet())
              .put("d", data));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void send(Socket socket, DataObject payload) throws IOException {
    writeFrame(socket, 1, payload.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void writeFrame(Socket socket, int opcode, byte[] payload) throws IOException {
    synchronized (socket) {
      OutputStream out = socket.getOutputStream();
      out.write(0x80 | opcode);
      if (payload.length < 126) {
        out.write(payload.length);
      } else if (payload.length < 65536) {
        out.write(126);
        out.write(payload.length >> 8);
        out.write(payload.length & 0xff);
      } else {
        out.write(127);
        for (int i = 7; i >= 0; i--) {
          out.write((int) ((long) payload.length >> (8 * i)) & 0xff);
        }
      }
      out.write(payload);
      out.flush();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    http.stop(0);
    gatewaySocket.close();
    Socket socket = gateway;
    if (socket != null) {
      socket.close();
    }
  }

  static Duration patience() {
    return Duration.ofSeconds(20);
  }
}

package dev.kiwiops.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful fake of the KiwiVM API ({@code https://api.64clouds.com/v1/}) on 127.0.0.1, for the
 * demo, other modules' tests and users trying the bot without a VPS.
 *
 * <p>It answers all 43 calls as the live API does (HTTP 200, {@code text/plain}, the {@code
 * error}/{@code message} envelope, PHP's quirks), keeps each server's state, records every request,
 * injects faults ({@link #faults()}) and events ({@link SimulatedServer}), and serves a small JSON
 * admin endpoint under {@code /admin/}. Time comes from the given {@link Clock}; locks (reinstall,
 * snapshots, migration) last {@link #lockDuration(Duration)} / {@link #snapshotDelay(Duration)} by
 * that clock. Thread-safe.
 */
public final class KiwiVmSimulator implements AutoCloseable {

  /** The demo fleet's VPS ids. */
  public static final long DEMO_WEB1 = 1001;

  public static final long DEMO_DB1 = 1002;
  public static final long DEMO_LEGACY1 = 1003;

  /** The demo fleet's API keys by veid (fake keys, safe to print). */
  public static final Map<Long, String> DEMO_KEYS =
      Map.of(
          DEMO_WEB1, "private_OhbVrpoiVgRV5IfLBcbfnoGM",
          DEMO_DB1, "private_bJmTPSIAoCLrZ3aWZkSBvrjn",
          DEMO_LEGACY1, "private_9Wvgfygw2wMqZcUDIh7yfJs1");

  /** Default length of reinstall, restore and migration locks. */
  public static final Duration DEFAULT_LOCK_DURATION = Duration.ofSeconds(20);

  /** Default time a snapshot takes to be created, imported or copied from a backup. */
  public static final Duration DEFAULT_SNAPSHOT_DELAY = Duration.ofSeconds(20);

  private static final String TEXT_PLAIN = "text/plain; charset=UTF-8";

  static {
    // The JDK server writes headers and body separately without TCP_NODELAY, so every answer
    // waited ~40 ms for the client's delayed ACK (measured: 44 ms per call, 90 µs with it on).
    // The property is read once, when the JDK's server classes load; an explicit setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer http;
  private final ExecutorService executor;
  private final Clock clock;
  private final ConcurrentSkipListMap<Long, SimulatedServer> servers =
      new ConcurrentSkipListMap<>();
  private final List<RecordedCall> calls = new ArrayList<>();
  private final Faults faults = new Faults();
  private final ApiCalls api;
  private final AtomicLong recordIds = new AtomicLong(11850);
  private final AtomicInteger nextIpv4 = new AtomicInteger();
  private final ConcurrentMap<String, ApiCalls.Export> exports = new ConcurrentHashMap<>();
  private volatile Duration lockDuration = DEFAULT_LOCK_DURATION;
  private volatile Duration snapshotDelay = DEFAULT_SNAPSHOT_DELAY;
  private volatile RateLimitShape exhaustedRateLimitShape = RateLimitShape.ERROR_ENVELOPE;

  private KiwiVmSimulator(int port, Clock clock) throws IOException {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.api = new ApiCalls(new SimulatorContext());
    this.http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    http.setExecutor(executor);
    http.createContext("/v1/", this::serveApi);
    http.createContext("/admin/", new AdminEndpoint(this)::serve);
    http.createContext("/", this::serveNotFound);
    http.start();
  }

  /** Starts an empty simulator on {@code port} (0 picks a free one) with the system clock. */
  public static KiwiVmSimulator start(int port) {
    return start(port, Clock.systemUTC());
  }

  /** Starts an empty simulator on {@code port} (0 picks a free one) with the given clock. */
  public static KiwiVmSimulator start(int port, Clock clock) {
    try {
      return new KiwiVmSimulator(port, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the KiwiVM simulator on port " + port, e);
    }
  }

  /**
   * Starts the demo fleet: web1 (veid 1001, KVM), db1 (1002, KVM) and legacy1 (1003, OpenVZ), with
   * the keys in {@link #DEMO_KEYS}.
   */
  public static KiwiVmSimulator startDemoFleet(int port, Clock clock) {
    KiwiVmSimulator sim = start(port, clock);
    sim.addServer(
        ServerSpec.kvm(DEMO_WEB1, DEMO_KEYS.get(DEMO_WEB1), "web1.example.net").toBuilder()
            .ipv4Addresses(List.of("192.0.2.10"))
            .ipv6Addresses(List.of("2001:db8:1001::1"))
            .sshPort(22101)
            .build());
    sim.addServer(
        ServerSpec.kvm(DEMO_DB1, DEMO_KEYS.get(DEMO_DB1), "db1.example.net").toBuilder()
            .plan("kvmv5-hugebox-pro-80g-4096m-4000g-dc2")
            .location("USCA_2")
            .planDisk(85899345920L)
            .planRam(4294967296L)
            .planMonthlyData(4294967296000L)
            .dataCounter(1288490188800L)
            .planMaxIpv6s(3)
            .ipv4Addresses(List.of("192.0.2.20"))
            .ipv6Addresses(List.of("2001:db8:1002::1"))
            .os("debian-12-x86_64")
            .sshPort(22102)
            .build());
    sim.addServer(
        ServerSpec.ovz(DEMO_LEGACY1, DEMO_KEYS.get(DEMO_LEGACY1), "legacy1.example.net").toBuilder()
            .ipv4Addresses(List.of("198.51.100.30"))
            .ipv6Addresses(List.of("2001:db8:1003::"))
            .build());
    sim.server(DEMO_DB1).addSnapshot("before upgrade to Debian 12");
    return sim;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT/v1/}, with the trailing slash. */
  public URI apiBase() {
    return URI.create("http://127.0.0.1:" + port() + "/v1/");
  }

  /** Adds a server; its veid must be new. */
  public SimulatedServer addServer(ServerSpec spec) {
    SimulatedServer server = new SimulatedServer(spec, clock, recordIds::incrementAndGet);
    if (servers.putIfAbsent(spec.veid(), server) != null) {
      throw new IllegalArgumentException("veid " + spec.veid() + " already exists");
    }
    return server;
  }

  /**
   * The server with this veid.
   *
   * @throws IllegalArgumentException if there is none
   */
  public SimulatedServer server(long veid) {
    SimulatedServer server = servers.get(veid);
    if (server == null) {
      throw new IllegalArgumentException("No simulated server with veid " + veid);
    }
    return server;
  }

  public Collection<SimulatedServer> servers() {
    return List.copyOf(servers.values());
  }

  /** Every request received on {@code /v1/}, in order of arrival. */
  public List<RecordedCall> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /**
   * The requests for one server and call, such as {@code calls(1001, "snapshot/create")}.
   *
   * @throws IllegalArgumentException for a call the simulator does not know (misspelled or
   *     renamed), so that a count of it cannot pass as zero
   */
  public List<RecordedCall> calls(long veid, String call) {
    if (!api.knows(call)) {
      throw new IllegalArgumentException("The KiwiVM API has no call " + call);
    }
    return calls().stream().filter(c -> c.veid() == veid && c.call().equals(call)).toList();
  }

  public void clearCalls() {
    synchronized (calls) {
      calls.clear();
    }
  }

  public Faults faults() {
    return faults;
  }

  /** How long reinstall, snapshot restore, migration and cloning lock a server; zero = at once. */
  public KiwiVmSimulator lockDuration(Duration duration) {
    this.lockDuration = nonNegative(duration);
    return this;
  }

  /** How long snapshot create, import and backup copy lock a server; zero = at once. */
  public KiwiVmSimulator snapshotDelay(Duration duration) {
    this.snapshotDelay = nonNegative(duration);
    return this;
  }

  /** How a server answers once its rate-limit points are spent (default: error envelope). */
  public KiwiVmSimulator exhaustedRateLimitShape(RateLimitShape shape) {
    this.exhaustedRateLimitShape = Objects.requireNonNull(shape);
    return this;
  }

  Duration currentLockDuration() {
    return lockDuration;
  }

  Duration currentSnapshotDelay() {
    return snapshotDelay;
  }

  Clock clock() {
    return clock;
  }

  private static Duration nonNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative duration");
    }
    return d;
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  // ---- the API ----

  private void serveApi(HttpExchange exchange) throws IOException {
    try (exchange) {
      RequestParameters request = RequestParameters.read(exchange);
      String call = callName(exchange.getRequestURI().getPath());
      RecordedCall recorded =
          new RecordedCall(
              exchange.getRequestMethod(),
              call,
              request.values(),
              request.rawQuery(),
              clock.instant());
      synchronized (calls) {
        calls.add(recorded);
      }
      Faults.Plan plan = faults.planFor(recorded.veid(), call);
      if (!plan.delay().isZero()) {
        Thread.sleep(plan.delay().toMillis());
      }
      if (plan.answer() != null && !plan.answer().afterAction()) {
        answerFault(exchange, plan.answer());
        return;
      }
      SimulatedServer server = authenticate(request.values());
      if (server == null) {
        sendJson(exchange, ApiError.authenticationFailure().envelope());
        return;
      }
      Map<String, Object> answer;
      RateLimitShape limited = null;
      synchronized (server) {
        server.settle();
        if (!server.spendRatePoint()) {
          limited = exhaustedRateLimitShape;
          answer = null;
        } else {
          answer = answer(server, call, requestorIpv4(exchange), request.values());
        }
      }
      if (!plan.delayAfter().isZero()) {
        Thread.sleep(plan.delayAfter().toMillis());
      }
      if (plan.answer() != null) {
        // Struck after the call was carried out (or refused for rate limiting): only the answer
        // is lost, delayed or garbled.
        answerFault(exchange, plan.answer());
      } else if (limited != null) {
        answerRateLimited(exchange, limited);
      } else {
        sendJson(exchange, answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A simulator bug: say so loudly rather than answer something plausible.
      e.printStackTrace();
      send(exchange, 500, "text/plain; charset=UTF-8", "Simulator error: " + e);
    }
  }

  private Map<String, Object> answer(
      SimulatedServer server, String call, long requestorIpv4, Map<String, String> params) {
    try {
      if (server.lock != null) {
        throw ApiCalls.locked(server.lock, clock.instant());
      }
      return api.handle(call, new ApiCalls.Request(server, params, requestorIpv4));
    } catch (ApiError e) {
      return e.envelope();
    }
  }

  private SimulatedServer authenticate(Map<String, String> params) {
    String veid = params.get("veid");
    String key = params.get("api_key");
    if (veid == null || key == null) {
      return null;
    }
    SimulatedServer server;
    try {
      server = servers.get(Long.parseLong(veid.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
    if (server == null
        || !java.security.MessageDigest.isEqual(
            server.spec().apiKey().getBytes(StandardCharsets.UTF_8),
            key.trim().getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    return server;
  }

  private static String callName(String path) {
    String call = path.substring("/v1/".length());
    while (call.endsWith("/")) {
      call = call.substring(0, call.length() - 1);
    }
    return call;
  }

  private static long requestorIpv4(HttpExchange exchange) {
    InetAddress address = exchange.getRemoteAddress().getAddress();
    if (!(address instanceof Inet4Address)) {
      return 0;
    }
    long value = 0;
    for (byte b : address.getAddress()) {
      value = (value << 8) | (b & 0xff);
    }
    return value;
  }

  private void answerFault(HttpExchange exchange, Faults.Rule rule) throws IOException {
    switch (rule.kind()) {
      case HTTP_STATUS ->
          send(exchange, rule.httpStatus(), "text/html", errorPage(rule.httpStatus()));
      case HTML_BODY ->
          send(
              exchange,
              200,
              "text/html; charset=UTF-8",
              "<html><head><title>Maintenance</title></head><body><h1>KiwiVM is undergoing"
                  + " scheduled maintenance</h1><p>Please try again in a few minutes.</p></body>"
                  + "</html>");
      case MALFORMED_JSON ->
          send(exchange, 200, TEXT_PLAIN, "{\"vm_type\":\"kvm\",\"hostname\":\"web1.exam");
      case CONNECTION_RESET -> dropConnection(exchange);
      case AUTH_FAILURE -> sendJson(exchange, ApiError.authenticationFailure().envelope());
      case RATE_LIMITED -> answerRateLimited(exchange, rule.shape());
      case LATENCY -> throw new IllegalStateException("latency is not an answer");
    }
  }

  private void answerRateLimited(HttpExchange exchange, RateLimitShape shape) throws IOException {
    switch (shape) {
      case HTTP_429 -> {
        exchange.getResponseHeaders().set("Retry-After", "60");
        send(exchange, 429, "text/html", errorPage(429));
      }
      case ERROR_ENVELOPE ->
          sendJson(
              exchange,
              new ApiError(ApiError.RATE_LIMITED, "Too many requests, rate limit exceeded")
                  .envelope());
      case DROP_CONNECTION -> dropConnection(exchange);
    }
  }

  /** Closing the exchange before any header is sent closes the socket: no answer at all. */
  private static void dropConnection(HttpExchange exchange) {
    exchange.close();
  }

  private static String errorPage(int status) {
    String reason =
        switch (status) {
          case 429 -> "Too Many Requests";
          case 500 -> "Internal Server Error";
          case 502 -> "Bad Gateway";
          case 503 -> "Service Temporarily Unavailable";
          case 504 -> "Gateway Time-out";
          default -> "Error";
        };
    return "<html>\r\n<head><title>"
        + status
        + " "
        + reason
        + "</title></head>\r\n<body>\r\n<center><h1>"
        + status
        + " "
        + reason
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  }

  private void serveNotFound(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      send(exchange, 404, "text/html", errorPage(404));
    }
  }

  private static void sendJson(HttpExchange exchange, Map<String, Object> body) throws IOException {
    send(exchange, 200, TEXT_PLAIN, Json.write(body));
  }

  static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "kiwivm-simulator-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private final class SimulatorContext implements ApiCalls.Context {
    @Override
    public Duration lockDuration() {
      return lockDuration;
    }

    @Override
    public Duration snapshotDelay() {
      return snapshotDelay;
    }

    @Override
    public void registerExport(ApiCalls.Export export) {
      exports.put(export.sourceVeid() + "/" + export.token(), export);
    }

    @Override
    public ApiCalls.Export findExport(long sourceVeid, String token) {
      return exports.get(sourceVeid + "/" + token);
    }

    @Override
    public String allocateIpv4() {
      return "198.51.100." + (130 + nextIpv4.getAndIncrement() % 120);
    }
  }
}

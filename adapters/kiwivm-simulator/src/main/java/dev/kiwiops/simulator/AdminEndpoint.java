package dev.kiwiops.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON admin endpoint under {@code /admin/}: inspect servers and recorded calls, inject events
 * and faults. Parameters come from the query, a form or a JSON object body. See the module README
 * for the routes.
 */
final class AdminEndpoint {
  private static final String JSON = "application/json; charset=UTF-8";
  private static final Pattern SERVER_ROUTE =
      Pattern.compile("/admin/servers/(\\d+)(?:/([a-z-]+))?/?");
  private static final Pattern HTTP_KIND = Pattern.compile("http(\\d{3})");
  private static final String SAMPLE_ATTACK_LOG =
      "12:00:01.000001 IP 203.0.113.66.53 > %s.80: UDP, length 1400\n"
          + "12:00:01.000002 IP 203.0.113.67.123 > %s.80: UDP, length 468\n"
          + "12:00:01.000003 IP 203.0.113.68.1900 > %s.80: UDP, length 320";

  private final KiwiVmSimulator sim;

  AdminEndpoint(KiwiVmSimulator sim) {
    this.sim = sim;
  }

  /** A request the endpoint refuses; becomes a 4xx JSON answer. */
  private static final class AdminError extends RuntimeException {
    private final int status;

    AdminError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      RequestParameters request = RequestParameters.read(exchange);
      Map<String, String> p = request.values();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Object answer;
      try {
        answer = route(method, path, p);
      } catch (AdminError e) {
        KiwiVmSimulator.send(exchange, e.status, JSON, Json.write(Map.of("error", e.getMessage())));
        return;
      } catch (IllegalArgumentException e) {
        KiwiVmSimulator.send(exchange, 400, JSON, Json.write(Map.of("error", e.getMessage())));
        return;
      }
      KiwiVmSimulator.send(exchange, 200, JSON, Json.write(answer));
    }
  }

  private Object route(String method, String path, Map<String, String> p) {
    if (path.equals("/admin/servers") || path.equals("/admin/servers/")) {
      expect(method, "GET");
      List<Object> all = new ArrayList<>();
      for (SimulatedServer s : sim.servers()) {
        all.add(summary(s));
      }
      return Map.of("servers", all);
    }
    if (path.equals("/admin/calls") || path.equals("/admin/calls/")) {
      if (method.equals("DELETE")) {
        sim.clearCalls();
        return ok();
      }
      expect(method, "GET");
      List<Object> all = new ArrayList<>();
      for (RecordedCall c : sim.calls()) {
        all.add(recorded(c));
      }
      return Map.of("calls", all);
    }
    if (path.equals("/admin/faults") || path.equals("/admin/faults/")) {
      switch (method) {
        case "GET":
          return Map.of("faults", sim.faults().describe());
        case "DELETE":
          sim.faults().clear();
          return ok();
        case "POST":
          addFault(p);
          return Map.of("faults", sim.faults().describe());
        default:
          throw new AdminError(405, "Use GET, POST or DELETE");
      }
    }
    if (path.equals("/admin/timing") || path.equals("/admin/timing/")) {
      if (method.equals("POST")) {
        if (p.containsKey("lock_s")) {
          sim.lockDuration(Duration.ofSeconds(number(p, "lock_s")));
        }
        if (p.containsKey("snapshot_s")) {
          sim.snapshotDelay(Duration.ofSeconds(number(p, "snapshot_s")));
        }
      }
      return Map.of(
          "lock_s", sim.currentLockDuration().toSeconds(),
          "snapshot_s", sim.currentSnapshotDelay().toSeconds());
    }
    if (path.equals("/admin/fleet") || path.equals("/admin/fleet/")) {
      expect(method, "POST");
      return addFleet(p);
    }
    Matcher m = SERVER_ROUTE.matcher(path);
    if (!m.matches()) {
      throw new AdminError(404, "No such admin route: " + path);
    }
    SimulatedServer server;
    try {
      server = sim.server(Long.parseLong(m.group(1)));
    } catch (IllegalArgumentException e) {
      throw new AdminError(404, "No simulated server with veid " + m.group(1));
    }
    String action = m.group(2);
    if (action == null) {
      expect(method, "GET");
      return summary(server);
    }
    expect(method, "POST");
    return event(server, action, p);
  }

  private Object event(SimulatedServer s, String action, Map<String, String> p) {
    switch (action) {
      case "nullroute" -> {
        String ip =
            p.getOrDefault("ip", s.ipv4Addresses().isEmpty() ? "" : s.ipv4Addresses().get(0));
        if (ip.isBlank()) {
          throw new IllegalArgumentException("ip is required");
        }
        s.nullroute(ip, p.getOrDefault("log", SAMPLE_ATTACK_LOG.formatted(ip, ip, ip)));
      }
      case "clear-nullroute" -> {
        String ip = p.get("ip");
        if (ip == null) {
          s.nullroutes().forEach(n -> s.clearNullroute(n.ip()));
        } else {
          s.clearNullroute(ip);
        }
      }
      case "policy-violation" -> {
        return Map.of(
            "record_id",
            s.addPolicyViolation(
                p.getOrDefault("flag", "copyright"),
                !"0".equals(p.getOrDefault("soft", "1")),
                (int) number(p, "points", 100),
                p.getOrDefault("evidence", "Notice of claimed infringement received for this IP")));
      }
      case "suspend" -> {
        return Map.of(
            "record_id",
            s.suspend(
                p.getOrDefault("flag", "copyright"),
                !"0".equals(p.getOrDefault("soft", "1")),
                (int) number(p, "points", 100),
                p.getOrDefault("evidence", "Full text of abuse complaint here")));
      }
      case "lift-suspension" -> s.liftSuspension(number(p, "record_id"));
      case "throttle" -> {
        if (p.containsKey("cpu")) {
          s.throttleCpu(flag(p.get("cpu")));
        }
        if (p.containsKey("disk")) {
          s.throttleDisk(flag(p.get("disk")));
        }
      }
      case "stop" -> s.stopOutsideBot();
      case "abuse-points" ->
          s.setAbusePoints(number(p, "total"), (int) number(p, "max", s.spec().maxAbusePoints()));
      case "data-counter" -> {
        if (p.containsKey("bytes")) {
          s.setDataCounter(number(p, "bytes"));
        }
        if (p.containsKey("multiplier")) {
          s.setMonthlyDataMultiplier(Double.parseDouble(p.get("multiplier")));
        }
      }
      case "rate-limit" ->
          s.setRateLimitPoints(
              (int) number(p, "p15", SimulatedServer.RATE_POINTS_15MIN),
              (int) number(p, "p24h", SimulatedServer.RATE_POINTS_24H));
      case "snapshot" -> {
        return Map.of("fileName", s.addSnapshot(p.getOrDefault("description", "")).fileName());
      }
      default -> throw new AdminError(404, "No such event: " + action);
    }
    return summary(s);
  }

  /** Adds a generated fleet ({@link GeneratedFleet}): count, slow, slow_ms, failing. */
  private Object addFleet(Map<String, String> p) {
    GeneratedFleet.Added added =
        GeneratedFleet.add(
            sim,
            (int) Math.min(Integer.MAX_VALUE, number(p, "count")),
            fraction(p, "slow"),
            Duration.ofMillis(number(p, "slow_ms", 20_000)),
            fraction(p, "failing"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("added", added.count());
    m.put("first", GeneratedFleet.name(added.first()));
    m.put("last", GeneratedFleet.name(added.last()));
    m.put("first_veid", GeneratedFleet.veid(added.first()));
    m.put("last_veid", GeneratedFleet.veid(added.last()));
    m.put("slow_veids", added.slow().stream().map(GeneratedFleet::veid).toList());
    m.put("failing_veids", added.failing().stream().map(GeneratedFleet::veid).toList());
    return m;
  }

  private static double fraction(Map<String, String> p, String name) {
    String value = p.get(name);
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a fraction between 0 and 1");
    }
  }

  private void addFault(Map<String, String> p) {
    FaultScope scope = new FaultScopeBuilder(sim.faults()).build(p);
    String kind = p.get("kind");
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    Matcher http = HTTP_KIND.matcher(kind);
    if (http.matches()) {
      scope.httpStatus(Integer.parseInt(http.group(1)));
      return;
    }
    switch (kind) {
      case "latency" -> scope.latency(Duration.ofMillis(number(p, "ms", 2000)));
      case "html" -> scope.htmlBody();
      case "malformed" -> scope.malformedJson();
      case "reset" -> scope.connectionReset();
      case "auth" -> scope.authFailure();
      case "ratelimit-429" -> scope.rateLimited(RateLimitShape.HTTP_429);
      case "ratelimit-envelope" -> scope.rateLimited(RateLimitShape.ERROR_ENVELOPE);
      case "ratelimit-drop" -> scope.rateLimited(RateLimitShape.DROP_CONNECTION);
      default ->
          throw new IllegalArgumentException(
              "Unknown fault kind "
                  + kind
                  + "; use latency, httpNNN, html, malformed, reset, auth, ratelimit-429,"
                  + " ratelimit-envelope or ratelimit-drop");
    }
  }

  /** Builds the scope of an admin fault from its veid, call, count and after parameters. */
  private record FaultScopeBuilder(Faults faults) {
    FaultScope build(Map<String, String> p) {
      FaultScope scope = null;
      if (p.containsKey("veid") && !p.get("veid").isBlank()) {
        scope = faults.forServer(number(p, "veid"));
      }
      if (p.containsKey("call") && !p.get("call").isBlank()) {
        scope = scope == null ? faults.forCall(p.get("call")) : scope.forCall(p.get("call"));
      }
      if (p.containsKey("count") && !p.get("count").isBlank()) {
        int count = (int) number(p, "count");
        scope = scope == null ? faults.times(count) : scope.times(count);
      }
      if ("1".equals(p.get("after")) || "true".equals(p.get("after"))) {
        scope = scope == null ? faults.afterAction() : scope.afterAction();
      }
      return scope == null ? new FaultScope(faults, null, null, -1, false) : scope;
    }
  }

  private static Map<String, Object> summary(SimulatedServer s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("veid", s.veid());
    m.put("hostname", s.hostname());
    m.put("vm_type", s.vmType().wireName());
    m.put("power", s.powerState().name().toLowerCase(java.util.Locale.ROOT));
    m.put("os", s.os());
    m.put("location", s.location());
    m.put("ip_addresses", concat(s.ipv4Addresses(), s.ipv6Addresses()));
    m.put("private_ips", s.privateIps());
    m.put("locked", s.locked());
    m.put("suspended", s.suspended());
    List<String> nullrouted = new ArrayList<>();
    s.nullroutes().forEach(n -> nullrouted.add(n.ip()));
    m.put("nullrouted_ips", nullrouted);
    List<Long> violations = new ArrayList<>();
    s.policyViolations().forEach(v -> violations.add(v.recordId()));
    m.put("policy_violations", violations);
    m.put("total_abuse_points", s.totalAbusePoints());
    m.put("snapshots", s.snapshots().size());
    m.put("data_counter", s.dataCounter());
    m.put("remaining_points_15min", s.remainingPoints15min());
    m.put("remaining_points_24h", s.remainingPoints24h());
    return m;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, Object> recorded(RecordedCall c) {
    Map<String, Object> params = new LinkedHashMap<>(c.params());
    // Keys never leave the simulator, not even to its own admin.
    if (params.containsKey("api_key")) {
      params.put("api_key", "***");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", c.method());
    m.put("call", c.call());
    m.put("params", params);
    m.put("key_in_query", c.query().contains("api_key"));
    m.put("at", c.at().toString());
    return m;
  }

  private static Map<String, Object> ok() {
    return Map.of("ok", true);
  }

  private static void expect(String method, String wanted) {
    if (!method.equals(wanted)) {
      throw new AdminError(405, "Use " + wanted);
    }
  }

  private static boolean flag(String value) {
    return value.equals("1") || value.equalsIgnoreCase("true");
  }

  private static long number(Map<String, String> p, String name) {
    String value = p.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number");
    }
  }

  private static long number(Map<String, String> p, String name, long fallback) {
    return p.containsKey(name) ? number(p, name) : fallback;
  }
}

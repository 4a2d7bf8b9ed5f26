package dev.kiwiops.config;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.access.PermissionPattern;
import dev.kiwiops.core.access.Role;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.watch.AlertKind;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads and validates a kiwiops YAML file. Every problem is collected with its line, so one run of
 * {@code check-config} shows them all; unknown keys, wrong types, unknown roles or servers and bad
 * durations are all errors. {@code ${NAME}} reads an environment variable and {@code ${file:PATH}}
 * a file (Docker secrets), relative to the config file's folder.
 */
public final class ConfigLoader {
  static final Set<String> ALERT_KINDS =
      java.util.Arrays.stream(AlertKind.values())
          .map(AlertKind::id)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

  /** Deeper than any kiwiops section needs; keeps the YAML composer's recursion shallow. */
  static final int MAX_DEPTH = 32;

  /** Aliases to lists or mappings: kiwiops needs none; a few are harmless, many are a bomb. */
  static final int MAX_ALIASES = 20;

  private static final Pattern SERVER_NAME = FleetServer.NAME;
  private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{1,20}");
  private static final Pattern BIND_ADDRESS =
      Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3})|([0-9a-fA-F:]*:[0-9a-fA-F:]*)");

  private final Function<String, String> environment;
  private final List<ConfigProblem> problems = new ArrayList<>();

  /** Values that came from {@code ${…}}, with the references they came from: never printed. */
  private final Map<String, String> substituted = new LinkedHashMap<>();

  private String file = "";
  private int storeUrlLine = 1;
  private Path folder = Path.of(".");

  public ConfigLoader(Function<String, String> environment) {
    this.environment = environment;
  }

  /** Loads {@code path} with the process environment. */
  public static KiwiopsConfig load(Path path) throws ConfigException {
    return new ConfigLoader(System::getenv).read(path);
  }

  /**
   * The line of {@code store.url} in the file read last (1 when it is not given), for a problem
   * found only when the store is opened.
   */
  public int storeUrlLine() {
    return storeUrlLine;
  }

  public KiwiopsConfig read(Path path) throws ConfigException {
    file = path.toString();
    folder = path.toAbsolutePath().getParent();
    return read(file, new StringReader(ConfigText.read(path, file)));
  }

  /** Reads YAML text; {@code name} is used in problem messages. */
  public KiwiopsConfig read(String name, Reader reader) throws ConfigException {
    file = name;
    problems.clear();
    substituted.clear();
    String text = ConfigText.read(reader, file);
    ConfigText.checkLines(text, file);
    Node root;
    try {
      LoadSettings settings =
          LoadSettings.builder()
              .setLabel(name)
              // The whole text in one buffer: the reader's window otherwise grows by copying,
              // which made one long line take quadratic time.
              .setBufferSize(text.length() + 1)
              .setAllowDuplicateKeys(false)
              .setMaxAliasesForCollections(MAX_ALIASES)
              .build();
      Parser parser =
          new NestingLimit(new ParserImpl(settings, new StreamReader(settings, text)), MAX_DEPTH);
      Optional<Node> composed = new Composer(settings, parser).getSingleNode();
      if (composed.isEmpty()) {
        throw new ConfigException(List.of(new ConfigProblem(file, 1, "the file is empty")));
      }
      root = composed.get();
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  file, line, "not valid YAML: " + Secrets.maskTokens(e.getProblem()))));
    } catch (NestingLimit.TooDeep e) {
      throw new ConfigException(List.of(new ConfigProblem(file, e.line(), e.getMessage())));
    } catch (YamlEngineException e) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(file, 1, "not valid YAML: " + Secrets.maskTokens(e.getMessage()))));
    }
    KiwiopsConfig config = build(root);
    if (!problems.isEmpty()) {
      List<ConfigProblem> byLine = new ArrayList<>(problems);
      byLine.sort(java.util.Comparator.comparingInt(ConfigProblem::line));
      throw new ConfigException(byLine);
    }
    return config;
  }

  private KiwiopsConfig build(Node root) {
    Map<String, NodeTuple> top =
        mapping(
            root,
            "the configuration",
            Set.of(
                "kiwivm",
                "servers",
                "roles",
                "access",
                "confirm",
                "discord",
                "telegram",
                "alerts",
                "store",
                "http",
                "logging",
                "shutdown"));

    URI apiUrl = KiwiopsConfig.DEFAULT_API_URL;
    Duration timeout = Duration.ofSeconds(30);
    if (top.containsKey("kiwivm")) {
      Map<String, NodeTuple> k =
          mapping(value(top, "kiwivm"), "kiwivm", Set.of("api-url", "timeout"));
      if (k.containsKey("api-url")) {
        apiUrl = url(value(k, "api-url"), "kiwivm.api-url").orElse(apiUrl);
      }
      if (k.containsKey("timeout")) {
        timeout = duration(value(k, "timeout"), "kiwivm.timeout").orElse(timeout);
      }
    }

    List<FleetServer> servers = new ArrayList<>();
    // Names and tags count as declared even when a server's own entry has a problem, so that one
    // unset key is reported once, not again by every access rule and route that names the server.
    Set<String> serverNames = new HashSet<>();
    Set<String> allTags = new HashSet<>();
    if (top.containsKey("servers")) {
      Node serversNode = value(top, "servers");
      Map<String, NodeTuple> entries = mapping(serversNode, "servers", null);
      Set<Long> veids = new HashSet<>();
      for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
        serverNames.add(e.getKey());
        server(e.getKey(), e.getValue(), veids, allTags).ifPresent(servers::add);
      }
    } else {
      problem(root, "servers: at least one server is required");
    }

    List<Role> roles = new ArrayList<>();
    Set<String> roleNames = new HashSet<>();
    Role.BUILT_IN.forEach(r -> roleNames.add(r.name()));
    if (top.containsKey("roles")) {
      Map<String, NodeTuple> entries = mapping(value(top, "roles"), "roles", null);
      for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
        if (roleNames.contains(e.getKey())) {
          problem(
              e.getValue().getKeyNode(),
              "roles." + e.getKey() + ": a built-in role cannot be redefined");
          continue;
        }
        List<String> patterns = strings(e.getValue().getValueNode(), "roles." + e.getKey());
        patterns = permissionPatterns(e.getValue().getValueNode(), "roles." + e.getKey(), patterns);
        roles.add(new Role(e.getKey(), Set.copyOf(patterns)));
        roleNames.add(e.getKey());
      }
    }

    List<Binding> access = new ArrayList<>();
    if (top.containsKey("access")) {
      for (Node item : sequence(value(top, "access"), "access")) {
        binding(item, roleNames, serverNames, allTags).ifPresent(access::add);
      }
    }

    Duration ttl = Duration.ofSeconds(60);
    Duration approvalTtl = Duration.ofMinutes(10);
    Set<String> approval = Set.of();
    Set<String> alsoConfirm = Set.of();
    if (top.containsKey("confirm")) {
      Map<String, NodeTuple> c =
          mapping(
              value(top, "confirm"), "confirm", Set.of("ttl", "approval", "approval-ttl", "also"));
      if (c.containsKey("ttl")) {
        ttl = duration(value(c, "ttl"), "confirm.ttl").orElse(ttl);
      }
      if (c.containsKey("approval-ttl")) {
        approvalTtl =
            duration(value(c, "approval-ttl"), "confirm.approval-ttl").orElse(approvalTtl);
      }
      if (c.containsKey("approval")) {
        Node node = value(c, "approval");
        approval =
            new LinkedHashSet<>(
                permissionPatterns(node, "confirm.approval", strings(node, "confirm.approval")));
      }
      if (c.containsKey("also")) {
        Node node = value(c, "also");
        alsoConfirm =
            new LinkedHashSet<>(
                permissionPatterns(node, "confirm.also", strings(node, "confirm.also")));
      }
    }

    Optional<KiwiopsConfig.Discord> discord = Optional.empty();
    if (top.containsKey("discord")) {
      Map<String, NodeTuple> d =
          mapping(
              value(top, "discord"),
              "discord",
              Set.of("token", "guilds", "api-url", "gateway-url"));
      Optional<Secret> token = secret(d, "token", "discord.token");
      if (!d.containsKey("token") && value(top, "discord") instanceof MappingNode) {
        problem(value(top, "discord"), "discord: token is required");
      }
      List<String> guilds =
          d.containsKey("guilds") ? strings(value(d, "guilds"), "discord.guilds") : List.of();
      for (String guild : guilds) {
        if (!SNOWFLAKE.matcher(guild).matches()) {
          problem(
              value(d, "guilds"),
              "discord.guilds: '" + guild + "' is not a Discord id (digits only)");
        }
      }
      Optional<URI> api =
          d.containsKey("api-url") ? url(value(d, "api-url"), "discord.api-url") : Optional.empty();
      Optional<URI> gateway =
          d.containsKey("gateway-url")
              ? webSocketUrl(value(d, "gateway-url"), "discord.gateway-url")
              : Optional.empty();
      discord = token.map(t -> new KiwiopsConfig.Discord(t, guilds, api, gateway));
    }

    Optional<KiwiopsConfig.Telegram> telegram = Optional.empty();
    if (top.containsKey("telegram")) {
      Map<String, NodeTuple> t =
          mapping(value(top, "telegram"), "telegram", Set.of("token", "api-url"));
      Optional<Secret> token = secret(t, "token", "telegram.token");
      if (!t.containsKey("token") && value(top, "telegram") instanceof MappingNode) {
        problem(value(top, "telegram"), "telegram: token is required");
      }
      URI api = URI.create("https://api.telegram.org/");
      if (t.containsKey("api-url")) {
        api = url(value(t, "api-url"), "telegram.api-url").orElse(api);
      }
      URI apiUrl2 = api;
      telegram = token.map(tok -> new KiwiopsConfig.Telegram(tok, apiUrl2));
    }

    KiwiopsConfig.Alerts alerts = alerts(top, serverNames, allTags);

    // The default, like a relative path in store.url, is relative to the configuration's folder.
    String storeUrl = resolveStoreUrl("jdbc:sqlite:data/kiwiops.db");
    storeUrlLine = 1;
    if (top.containsKey("store")) {
      Map<String, NodeTuple> s = mapping(value(top, "store"), "store", Set.of("url"));
      if (s.containsKey("url")) {
        storeUrlLine = line(value(s, "url"));
        Optional<String> url = scalar(value(s, "url"), "store.url");
        if (url.isPresent()
            && !url.get().startsWith("jdbc:sqlite:")
            && !url.get().startsWith("jdbc:postgresql:")) {
          problem(value(s, "url"), "store.url: must start with jdbc:sqlite: or jdbc:postgresql:");
        } else if (url.isPresent()) {
          storeUrl = resolveStoreUrl(url.get());
        }
      }
    }

    KiwiopsConfig.Http http = KiwiopsConfig.Http.defaults();
    if (top.containsKey("http")) {
      Map<String, NodeTuple> h = mapping(value(top, "http"), "http", Set.of("port", "bind"));
      int port = http.port();
      String bind = http.bind();
      if (h.containsKey("port")) {
        port = integer(value(h, "port"), "http.port", 0, 65535).map(Long::intValue).orElse(port);
      }
      if (h.containsKey("bind")) {
        Optional<String> address = scalar(value(h, "bind"), "http.bind");
        if (address.isPresent() && !BIND_ADDRESS.matcher(address.get()).matches()) {
          problem(
              value(h, "bind"),
              "http.bind: '"
                  + address.get()
                  + "' is not an IP address to listen on (like 127.0.0.1, 0.0.0.0 or ::)");
        } else if (address.isPresent()) {
          bind = address.get();
        }
      }
      http = new KiwiopsConfig.Http(port, bind);
    }

    KiwiopsConfig.Logging logging = KiwiopsConfig.Logging.defaults();
    if (top.containsKey("logging")) {
      Map<String, NodeTuple> l = mapping(value(top, "logging"), "logging", Set.of("format"));
      if (l.containsKey("format")) {
        Optional<String> format = scalar(value(l, "format"), "logging.format");
        if (format.isPresent()) {
          switch (format.get()) {
            case "text" -> logging = new KiwiopsConfig.Logging(KiwiopsConfig.Logging.Format.TEXT);
            case "json" -> logging = new KiwiopsConfig.Logging(KiwiopsConfig.Logging.Format.JSON);
            default ->
                problem(
                    value(l, "format"),
                    "logging.format: '" + format.get() + "' is not text or json");
          }
        }
      }
    }

    Duration shutdownGrace = KiwiopsConfig.DEFAULT_SHUTDOWN_GRACE;
    if (top.containsKey("shutdown")) {
      Map<String, NodeTuple> sd = mapping(value(top, "shutdown"), "shutdown", Set.of("grace"));
      if (sd.containsKey("grace")) {
        Optional<Duration> grace = duration(value(sd, "grace"), "shutdown.grace");
        if (grace.isPresent()
            && (grace.get().isNegative() || grace.get().compareTo(Duration.ofMinutes(10)) > 0)) {
          problem(value(sd, "grace"), "shutdown.grace: between 0s and 10m");
        } else if (grace.isPresent()) {
          shutdownGrace = grace.get();
        }
      }
    }

    return new KiwiopsConfig(
        apiUrl,
        timeout,
        servers,
        roles,
        access,
        ttl,
        approvalTtl,
        approval,
        alsoConfirm,
        discord,
        telegram,
        alerts,
        storeUrl,
        http,
        logging,
        shutdownGrace);
  }

  private String resolveStoreUrl(String url) {
    if (!url.startsWith("jdbc:sqlite:")) {
      return url;
    }
    String path = url.substring("jdbc:sqlite:".length());
    if (path.isEmpty()
        || path.startsWith(":")
        || path.startsWith("file:")
        || Path.of(path).isAbsolute()) {
      return url;
    }
    return "jdbc:sqlite:" + folder.resolve(path).normalize();
  }

  private KiwiopsConfig.Alerts alerts(
      Map<String, NodeTuple> top, Set<String> serverNames, Set<String> allTags) {
    boolean enabled = true;
    Duration interval = Duration.ofSeconds(60);
    Duration remind = Duration.ofMinutes(15);
    List<Integer> thresholds = List.of(80, 90, 100);
    List<KiwiopsConfig.Route> routes = new ArrayList<>();
    if (!top.containsKey("alerts")) {
      return new KiwiopsConfig.Alerts(enabled, interval, remind, thresholds, routes);
    }
    Map<String, NodeTuple> a =
        mapping(
            value(top, "alerts"),
            "alerts",
            Set.of("enabled", "interval", "remind", "bandwidth-thresholds", "routes"));
    if (a.containsKey("enabled")) {
      enabled = bool(value(a, "enabled"), "alerts.enabled").orElse(true);
    }
    if (a.containsKey("interval")) {
      interval = duration(value(a, "interval"), "alerts.interval").orElse(interval);
      if (interval.compareTo(Duration.ofSeconds(5)) < 0) {
        problem(
            value(a, "interval"),
            "alerts.interval: at least 5s, to stay within the API's rate limit");
      }
    }
    if (a.containsKey("remind")) {
      remind = duration(value(a, "remind"), "alerts.remind").orElse(remind);
    }
    if (a.containsKey("bandwidth-thresholds")) {
      List<Integer> parsed = new ArrayList<>();
      for (Node n : sequence(value(a, "bandwidth-thresholds"), "alerts.bandwidth-thresholds")) {
        integer(n, "alerts.bandwidth-thresholds", 1, 1000).ifPresent(v -> parsed.add(v.intValue()));
      }
      thresholds = parsed;
    }
    if (a.containsKey("routes")) {
      for (Node item : sequence(value(a, "routes"), "alerts.routes")) {
        Map<String, NodeTuple> r =
            mapping(
                item,
                "alerts.routes[]",
                Set.of("kinds", "servers", "tags", "discord-channel", "telegram-chat"));
        Set<String> kinds =
            r.containsKey("kinds")
                ? new LinkedHashSet<>(strings(value(r, "kinds"), "alerts.routes[].kinds"))
                : Set.of();
        for (String kind : kinds) {
          if (!ALERT_KINDS.contains(kind)) {
            problem(
                value(r, "kinds"),
                "alerts.routes[].kinds: unknown alert kind "
                    + shown(kind)
                    + " (known: "
                    + String.join(", ", new java.util.TreeSet<>(ALERT_KINDS))
                    + ")");
          }
        }
        Set<String> servers =
            r.containsKey("servers")
                ? new LinkedHashSet<>(strings(value(r, "servers"), "alerts.routes[].servers"))
                : Set.of();
        for (String s : servers) {
          if (!serverNames.contains(s)) {
            problem(value(r, "servers"), "alerts.routes[].servers: unknown server " + shown(s));
          }
        }
        Set<String> tags =
            r.containsKey("tags")
                ? new LinkedHashSet<>(strings(value(r, "tags"), "alerts.routes[].tags"))
                : Set.of();
        for (String t : tags) {
          if (!allTags.contains(t)) {
            problem(value(r, "tags"), "alerts.routes[].tags: no server has the tag " + shown(t));
          }
        }
        Optional<String> discordChannel =
            r.containsKey("discord-channel")
                ? scalar(value(r, "discord-channel"), "alerts.routes[].discord-channel")
                : Optional.empty();
        Optional<String> telegramChat =
            r.containsKey("telegram-chat")
                ? scalar(value(r, "telegram-chat"), "alerts.routes[].telegram-chat")
                : Optional.empty();
        if (discordChannel.isEmpty() && telegramChat.isEmpty()) {
          problem(item, "alerts.routes[]: give a discord-channel or a telegram-chat");
        }
        routes.add(new KiwiopsConfig.Route(kinds, servers, tags, discordChannel, telegramChat));
      }
    }
    return new KiwiopsConfig.Alerts(enabled, interval, remind, thresholds, routes);
  }

  private Optional<FleetServer> server(
      String name, NodeTuple tuple, Set<Long> veids, Set<String> allTags) {
    String where = "servers." + name;
    if (!SERVER_NAME.matcher(name).matches()) {
      problem(
          tuple.getKeyNode(),
          where + ": a server name is lowercase letters, digits, '.', '_' or '-' (at most 32)");
    }
    Map<String, NodeTuple> s =
        mapping(tuple.getValueNode(), where, Set.of("veid", "api-key", "tags"));
    if (s.isEmpty() && !(tuple.getValueNode() instanceof MappingNode)) {
      return Optional.empty();
    }
    Optional<Long> veid = Optional.empty();
    if (s.containsKey("veid")) {
      veid = integer(value(s, "veid"), where + ".veid", 1, Long.MAX_VALUE);
      if (veid.isPresent() && !veids.add(veid.get())) {
        problem(
            value(s, "veid"),
            where
                + ".veid: "
                + bare(String.valueOf(veid.get()))
                + " is already used by another server");
      }
    } else {
      problem(tuple.getValueNode(), where + ": veid is required");
    }
    Optional<Secret> key = secret(s, "api-key", where + ".api-key");
    if (!s.containsKey("api-key")) {
      problem(tuple.getValueNode(), where + ": api-key is required");
    }
    List<String> tags =
        s.containsKey("tags") ? strings(value(s, "tags"), where + ".tags") : List.of();
    allTags.addAll(tags);
    if (veid.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new FleetServer(name, veid.get(), key.get(), Set.copyOf(tags)));
  }

  private Optional<Binding> binding(
      Node item, Set<String> roleNames, Set<String> serverNames, Set<String> allTags) {
    Map<String, NodeTuple> b =
        mapping(item, "access[]", Set.of("user", "roles", "servers", "tags"));
    if (!b.containsKey("user") || !b.containsKey("roles")) {
      problem(item, "access[]: each entry needs user and roles");
      return Optional.empty();
    }
    Optional<Identity> identity = Optional.empty();
    Optional<String> user = scalar(value(b, "user"), "access[].user");
    if (user.isPresent()) {
      try {
        identity = Optional.of(Identity.parse(user.get()));
        if (!Set.of("discord", "discord-role", "telegram", "console")
            .contains(identity.get().kind())) {
          problem(
              value(b, "user"),
              "access[].user: unknown identity kind "
                  + shown(identity.get().kind())
                  + " (discord, discord-role, telegram or console)");
        }
      } catch (IllegalArgumentException e) {
        problem(value(b, "user"), "access[].user: " + e.getMessage());
      }
    }
    List<String> roles = strings(value(b, "roles"), "access[].roles");
    for (String role : roles) {
      if (!roleNames.contains(role)) {
        problem(value(b, "roles"), "access[].roles: unknown role " + shown(role));
      }
    }
    List<String> servers =
        b.containsKey("servers") ? strings(value(b, "servers"), "access[].servers") : List.of();
    for (String s : servers) {
      if (!serverNames.contains(s)) {
        problem(value(b, "servers"), "access[].servers: unknown server " + shown(s));
      }
    }
    List<String> tags =
        b.containsKey("tags") ? strings(value(b, "tags"), "access[].tags") : List.of();
    for (String t : tags) {
      if (!allTags.contains(t)) {
        problem(value(b, "tags"), "access[].tags: no server has the tag " + shown(t));
      }
    }
    if (identity.isEmpty() || !roleNames.containsAll(roles)) {
      return Optional.empty();
    }
    return Optional.of(
        new Binding(identity.get(), Set.copyOf(roles), Set.copyOf(servers), Set.copyOf(tags)));
  }

  /** Keeps the valid permission patterns, reporting each invalid one at the node's line. */
  private List<String> permissionPatterns(Node node, String where, List<String> patterns) {
    List<String> valid = new ArrayList<>();
    for (String p : patterns) {
      try {
        valid.add(PermissionPattern.parse(p).text());
      } catch (IllegalArgumentException e) {
        problem(node, where + ": " + e.getMessage());
      }
    }
    return valid;
  }

  // ---- node helpers: each reports a problem and returns an empty/neutral value on bad input

  private Map<String, NodeTuple> mapping(Node node, String where, Set<String> allowed) {
    Map<String, NodeTuple> result = new LinkedHashMap<>();
    if (!(node instanceof MappingNode m)) {
      problem(node, where + ": expected a mapping of keys to values");
      return result;
    }
    for (NodeTuple tuple : m.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problem(tuple.getKeyNode(), where + ": keys must be plain words");
        continue;
      }
      String name = key.getValue();
      if (allowed != null && !allowed.contains(name)) {
        problem(
            key,
            where
                + ": unknown key "
                + shown(name)
                + " (expected one of: "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ")");
        continue;
      }
      if (result.put(name, tuple) != null) {
        problem(key, where + ": duplicate key " + shown(name));
      }
    }
    return result;
  }

  private static Node value(Map<String, NodeTuple> map, String key) {
    return map.get(key).getValueNode();
  }

  private List<Node> sequence(Node node, String where) {
    if (node instanceof SequenceNode s) {
      return s.getValue();
    }
    problem(node, where + ": expected a list");
    return List.of();
  }

  private Optional<String> scalar(Node node, String where) {
    if (node instanceof ScalarNode s) {
      return resolve(s.getValue(), node, where);
    }
    problem(node, where + ": expected a single value");
    return Optional.empty();
  }

  private List<String> strings(Node node, String where) {
    List<String> result = new ArrayList<>();
    if (node instanceof ScalarNode) {
      scalar(node, where).ifPresent(result::add);
      return result;
    }
    for (Node item : sequence(node, where)) {
      scalar(item, where).ifPresent(result::add);
    }
    return result;
  }

  private Optional<Secret> secret(Map<String, NodeTuple> map, String key, String where) {
    if (!map.containsKey(key)) {
      return Optional.empty();
    }
    Optional<String> value = scalar(value(map, key), where);
    if (value.isPresent() && value.get().isBlank()) {
      problem(value(map, key), where + ": is empty");
      return Optional.empty();
    }
    return value.map(Secret::of);
  }

  private Optional<Duration> duration(Node node, String where) {
    Optional<String> text = scalar(node, where);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(text.get());
    if (d.isEmpty()) {
      problem(
          node,
          where + ": " + shown(text.get()) + " is not a duration (like 500ms, 30s, 15m, 2h, 1d)");
    }
    return d;
  }

  private Optional<Long> integer(Node node, String where, long min, long max) {
    Optional<String> text = scalar(node, where);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      long v = Long.parseLong(text.get().strip());
      if (v < min || v > max) {
        problem(
            node,
            where
                + ": "
                + (substituted.containsKey(text.get()) ? shown(text.get()) : String.valueOf(v))
                + " is out of range ("
                + min
                + " to "
                + max
                + ")");
        return Optional.empty();
      }
      return Optional.of(v);
    } catch (NumberFormatException e) {
      problem(node, where + ": " + shown(text.get()) + " is not a whole number");
      return Optional.empty();
    }
  }

  private Optional<Boolean> bool(Node node, String where) {
    Optional<String> text = scalar(node, where);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return switch (text.get()) {
      case "true", "yes", "on" -> Optional.of(true);
      case "false", "no", "off" -> Optional.of(false);
      default -> {
        problem(node, where + ": expected true or false");
        yield Optional.empty();
      }
    };
  }

  private Optional<URI> url(Node node, String where) {
    Optional<String> text = scalar(node, where);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        problem(node, where + ": " + shown(text.get()) + " is not an http(s) URL");
        return Optional.empty();
      }
      return Optional.of(text.get().endsWith("/") ? uri : URI.create(text.get() + "/"));
    } catch (java.net.URISyntaxException e) {
      problem(node, where + ": " + shown(text.get()) + " is not a URL");
      return Optional.empty();
    }
  }

  private Optional<URI> webSocketUrl(Node node, String where) {
    Optional<String> text = scalar(node, where);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())
          || uri.getHost() == null) {
        problem(node, where + ": '" + text.get() + "' is not a ws(s) URL");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (java.net.URISyntaxException e) {
      problem(node, where + ": '" + text.get() + "' is not a URL");
      return Optional.empty();
    }
  }

  /**
   * Expands {@code ${NAME}} and {@code ${file:PATH}}; a missing one is a problem, never printed.
   */
  private Optional<String> resolve(String raw, Node node, String where) {
    Matcher m = REFERENCE.matcher(raw);
    StringBuilder out = new StringBuilder();
    List<String> references = new ArrayList<>();
    boolean ok = true;
    while (m.find()) {
      String ref = m.group(1);
      references.add("${" + ref + "}");
      String replacement;
      if (ref.startsWith("file:")) {
        Path p = folder.resolve(ref.substring(5));
        try {
          replacement = ConfigText.secretFile(p);
        } catch (IOException e) {
          // The path is printed as written (a file name is no secret; scrubbing would mangle it).
          problems.add(
              new ConfigProblem(
                  file, line(node), scrub(where) + ": secret file " + p + " " + e.getMessage()));
          replacement = "";
          ok = false;
        }
      } else {
        replacement = environment.apply(ref);
        if (replacement == null) {
          problem(node, where + ": environment variable " + ref + " is not set");
          replacement = "";
          ok = false;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    if (!references.isEmpty()) {
      substituted.put(out.toString(), String.join(" and ", references));
      substituted.put(out.toString().strip(), String.join(" and ", references));
    }
    return ok ? Optional.of(out.toString()) : Optional.empty();
  }

  private void problem(Node node, String message) {
    problems.add(new ConfigProblem(file, line(node), scrub(message)));
  }

  private static int line(Node node) {
    return node == null ? 1 : node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
  }

  /**
   * How a value is quoted in a problem: never a value that came from {@code ${…}} (the reference is
   * named instead), never one shaped like a key or token (pasted into the wrong field), and never
   * more than a short excerpt.
   */
  private String shown(String value) {
    String reference = substituted.get(value);
    if (reference != null) {
      return "the value of " + reference;
    }
    if (Secrets.looksLikeSecret(value)) {
      return "a value that looks like a key or token (not shown)";
    }
    return "'" + Secrets.excerpt(value) + "'";
  }

  /** Like {@link #shown} for a number, which reads better without quotes. */
  private String bare(String number) {
    String quoted = shown(number);
    return quoted.startsWith("'") ? number : quoted;
  }

  /** Last line of defence for messages built elsewhere (parsers' exceptions): masks secrets. */
  private String scrub(String message) {
    String result = message;
    for (Map.Entry<String, String> e : substituted.entrySet()) {
      if (e.getKey().length() >= Secrets.MIN_MASKED && result.contains(e.getKey())) {
        result = result.replace(e.getKey(), "(the value of " + e.getValue() + ")");
      }
    }
    return Secrets.maskTokens(result);
  }
}

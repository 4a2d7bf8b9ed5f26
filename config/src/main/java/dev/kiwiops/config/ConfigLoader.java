package dev.kiwiops.config;

import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.access.Binding;
import dev.kiwiops.core.access.PermissionPattern;
import dev.kiwiops.core.access.Person;
import dev.kiwiops.core.access.Role;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.report.ReportSettings;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.WatcherSettings;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
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

  /** Deeper than any kiwiops section needs; keeps the YAML composer's recursion shallow. */
  static final int MAX_DEPTH = 32;

  /** Aliases to lists or mappings: kiwiops needs none; a few are harmless, many are a bomb. */
  static final int MAX_ALIASES = 20;

  private static final Pattern SERVER_NAME = FleetServer.NAME;
  private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{1,20}");
  private static final Pattern BIND_ADDRESS =
      Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3})|([0-9a-fA-F:]*:[0-9a-fA-F:]*)");

  private final Function<String, String> environment;

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
    ConfigReading reading = new ConfigReading(file, folder, environment);
    KiwiopsConfig config = build(ConfigNode.root(reading, root));
    List<ConfigProblem> problems = reading.problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private KiwiopsConfig build(ConfigNode root) {
    ConfigNode.Mapping top =
        root.mapping(
            Set.of(
                "kiwivm",
                "servers",
                "roles",
                "access",
                "people",
                "confirm",
                "discord",
                "telegram",
                "alerts",
                "store",
                "http",
                "logging",
                "shutdown",
                "reports"));

    URI apiUrl = KiwiopsConfig.DEFAULT_API_URL;
    Duration timeout = Duration.ofSeconds(30);
    if (top.has("kiwivm")) {
      ConfigNode.Mapping k = top.get("kiwivm").mapping(Set.of("api-url", "timeout"));
      if (k.has("api-url")) {
        apiUrl = k.get("api-url").url().orElse(apiUrl);
      }
      if (k.has("timeout")) {
        timeout = k.get("timeout").duration().orElse(timeout);
      }
    }

    List<FleetServer> servers = new ArrayList<>();
    // Names and tags count as declared even when a server's own entry has a problem, so that one
    // unset key is reported once, not again by every access rule and route that names the server.
    Set<String> serverNames = new HashSet<>();
    Set<String> allTags = new HashSet<>();
    if (top.has("servers")) {
      ConfigNode.Mapping entries = top.get("servers").mapping();
      Set<Long> veids = new HashSet<>();
      for (String name : entries.keys()) {
        serverNames.add(name);
        server(name, entries, veids, allTags).ifPresent(servers::add);
      }
    } else {
      root.as("servers").problem("at least one server is required");
    }

    List<Role> roles = new ArrayList<>();
    Set<String> roleNames = new HashSet<>();
    Role.BUILT_IN.forEach(r -> roleNames.add(r.name()));
    if (top.has("roles")) {
      ConfigNode.Mapping entries = top.get("roles").mapping();
      for (String name : entries.keys()) {
        if (roleNames.contains(name)) {
          entries.key(name).problem("a built-in role cannot be redefined");
          continue;
        }
        ConfigNode node = entries.get(name);
        List<String> patterns = permissionPatterns(node, node.strings());
        roles.add(new Role(name, Set.copyOf(patterns)));
        roleNames.add(name);
      }
    }

    PeopleSection.Read people = PeopleSection.read(top);
    List<Binding> access = new ArrayList<>();
    if (top.has("access")) {
      for (ConfigNode item : top.get("access").list()) {
        binding(item, roleNames, serverNames, allTags, people.names()).ifPresent(access::add);
      }
    }

    Duration ttl = Duration.ofSeconds(60);
    Duration approvalTtl = Duration.ofMinutes(10);
    Set<String> approval = Set.of();
    Set<String> alsoConfirm = Set.of();
    if (top.has("confirm")) {
      ConfigNode.Mapping c =
          top.get("confirm").mapping(Set.of("ttl", "approval", "approval-ttl", "also"));
      if (c.has("ttl")) {
        ttl = c.get("ttl").duration().orElse(ttl);
      }
      if (c.has("approval-ttl")) {
        approvalTtl = c.get("approval-ttl").duration().orElse(approvalTtl);
      }
      if (c.has("approval")) {
        ConfigNode node = c.get("approval");
        approval = new LinkedHashSet<>(permissionPatterns(node, node.strings()));
      }
      if (c.has("also")) {
        ConfigNode node = c.get("also");
        alsoConfirm = new LinkedHashSet<>(permissionPatterns(node, node.strings()));
      }
    }

    Optional<KiwiopsConfig.Discord> discord = Optional.empty();
    if (top.has("discord")) {
      ConfigNode section = top.get("discord");
      ConfigNode.Mapping d = section.mapping(Set.of("token", "guilds", "api-url", "gateway-url"));
      Optional<Secret> token = d.find("token").flatMap(ConfigNode::secret);
      if (!d.has("token") && section.isMapping()) {
        section.problem("token is required");
      }
      List<String> guilds = d.has("guilds") ? d.get("guilds").strings() : List.of();
      for (String guild : guilds) {
        if (!SNOWFLAKE.matcher(guild).matches()) {
          d.get("guilds")
              .problem(d.get("guilds").shown(guild) + " is not a Discord id (digits only)");
        }
      }
      Optional<URI> api = d.find("api-url").flatMap(ConfigNode::url);
      Optional<URI> gateway = d.find("gateway-url").flatMap(ConfigNode::webSocketUrl);
      discord = token.map(t -> new KiwiopsConfig.Discord(t, guilds, api, gateway));
    }

    Optional<KiwiopsConfig.Telegram> telegram = Optional.empty();
    if (top.has("telegram")) {
      ConfigNode section = top.get("telegram");
      ConfigNode.Mapping t = section.mapping(Set.of("token", "api-url"));
      Optional<Secret> token = t.find("token").flatMap(ConfigNode::secret);
      if (!t.has("token") && section.isMapping()) {
        section.problem("token is required");
      }
      URI api = URI.create("https://api.telegram.org/");
      if (t.has("api-url")) {
        api = t.get("api-url").url().orElse(api);
      }
      URI apiUrl2 = api;
      telegram = token.map(tok -> new KiwiopsConfig.Telegram(tok, apiUrl2));
    }

    KiwiopsConfig.Alerts alerts = alerts(top, serverNames, allTags);

    // The default, like a relative path in store.url, is relative to the configuration's folder.
    String storeUrl = resolveStoreUrl("jdbc:sqlite:data/kiwiops.db");
    storeUrlLine = 1;
    if (top.has("store")) {
      ConfigNode.Mapping s = top.get("store").mapping(Set.of("url"));
      if (s.has("url")) {
        ConfigNode node = s.get("url");
        storeUrlLine = node.line();
        Optional<String> url = node.string();
        if (url.isPresent()
            && !url.get().startsWith("jdbc:sqlite:")
            && !url.get().startsWith("jdbc:postgresql:")) {
          node.problem("must start with jdbc:sqlite: or jdbc:postgresql:");
        } else if (url.isPresent()) {
          storeUrl = resolveStoreUrl(url.get());
        }
      }
    }

    KiwiopsConfig.Http http = KiwiopsConfig.Http.defaults();
    if (top.has("http")) {
      ConfigNode.Mapping h = top.get("http").mapping(Set.of("port", "bind"));
      int port = http.port();
      String bind = http.bind();
      if (h.has("port")) {
        port = h.get("port").integer(0, 65535).map(Long::intValue).orElse(port);
      }
      if (h.has("bind")) {
        ConfigNode node = h.get("bind");
        Optional<String> address = node.string();
        if (address.isPresent() && !BIND_ADDRESS.matcher(address.get()).matches()) {
          node.problem(
              "'"
                  + address.get()
                  + "' is not an IP address to listen on (like 127.0.0.1, 0.0.0.0 or ::)");
        } else if (address.isPresent()) {
          bind = address.get();
        }
      }
      http = new KiwiopsConfig.Http(port, bind);
    }

    KiwiopsConfig.Logging logging = KiwiopsConfig.Logging.defaults();
    if (top.has("logging")) {
      ConfigNode.Mapping l = top.get("logging").mapping(Set.of("format"));
      if (l.has("format")) {
        ConfigNode node = l.get("format");
        Optional<String> format = node.string();
        if (format.isPresent()) {
          switch (format.get()) {
            case "text" -> logging = new KiwiopsConfig.Logging(KiwiopsConfig.Logging.Format.TEXT);
            case "json" -> logging = new KiwiopsConfig.Logging(KiwiopsConfig.Logging.Format.JSON);
            default -> node.problem(node.shown(format.get()) + " is not text or json");
          }
        }
      }
    }

    Duration shutdownGrace = KiwiopsConfig.DEFAULT_SHUTDOWN_GRACE;
    if (top.has("shutdown")) {
      ConfigNode.Mapping sd = top.get("shutdown").mapping(Set.of("grace"));
      if (sd.has("grace")) {
        ConfigNode node = sd.get("grace");
        Optional<Duration> grace = node.duration();
        if (grace.isPresent()
            && (grace.get().isNegative() || grace.get().compareTo(Duration.ofMinutes(10)) > 0)) {
          node.problem("between 0s and 10m");
        } else if (grace.isPresent()) {
          shutdownGrace = grace.get();
        }
      }
    }

    ReportSettings reports =
        top.find("reports")
            .map(n -> ForesightConfig.reports(n, serverNames, allTags))
            .orElse(ReportSettings.NONE);

    return new KiwiopsConfig(
        apiUrl,
        timeout,
        servers,
        roles,
        access,
        people.people(),
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
        shutdownGrace,
        reports);
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
      ConfigNode.Mapping top, Set<String> serverNames, Set<String> allTags) {
    boolean enabled = true;
    Duration interval = Duration.ofSeconds(60);
    Duration remind = Duration.ofMinutes(15);
    List<Integer> thresholds = List.of(80, 90, 100);
    List<KiwiopsConfig.Route> routes = new ArrayList<>();
    if (!top.has("alerts")) {
      return new KiwiopsConfig.Alerts(enabled, interval, remind, thresholds, routes);
    }
    ConfigNode.Mapping a =
        top.get("alerts")
            .mapping(
                Set.of(
                    "enabled",
                    "interval",
                    "remind",
                    "bandwidth-thresholds",
                    "bandwidth-forecast",
                    "routes"));
    if (a.has("enabled")) {
      enabled = a.get("enabled").bool().orElse(true);
    }
    if (a.has("interval")) {
      ConfigNode node = a.get("interval");
      interval = node.duration().orElse(interval);
      if (interval.compareTo(Duration.ofSeconds(5)) < 0) {
        node.problem("at least 5s, to stay within the API's rate limit");
      }
    }
    if (a.has("remind")) {
      remind = a.get("remind").duration().orElse(remind);
    }
    if (a.has("bandwidth-thresholds")) {
      List<Integer> parsed = new ArrayList<>();
      a.get("bandwidth-thresholds").integers(1, 1000).forEach(v -> parsed.add(v.intValue()));
      thresholds = parsed;
    }
    if (a.has("routes")) {
      for (ConfigNode item : a.get("routes").list()) {
        routes.add(route(item, serverNames, allTags));
      }
    }
    WatcherSettings.Forecast forecast =
        a.find("bandwidth-forecast")
            .map(ForesightConfig::forecast)
            .orElse(WatcherSettings.Forecast.DEFAULT);
    return new KiwiopsConfig.Alerts(enabled, interval, remind, thresholds, routes, forecast);
  }

  private KiwiopsConfig.Route route(ConfigNode item, Set<String> serverNames, Set<String> allTags) {
    ConfigNode.Mapping r =
        item.mapping(Set.of("kinds", "servers", "tags", "discord-channel", "telegram-chat"));
    Set<String> kinds = r.has("kinds") ? new LinkedHashSet<>(r.get("kinds").strings()) : Set.of();
    for (String kind : kinds) {
      if (!ALERT_KINDS.contains(kind)) {
        r.get("kinds")
            .problem(
                "unknown alert kind "
                    + item.shown(kind)
                    + " (known: "
                    + String.join(", ", new java.util.TreeSet<>(ALERT_KINDS))
                    + ")");
      }
    }
    Set<String> servers =
        r.has("servers") ? new LinkedHashSet<>(r.get("servers").strings()) : Set.of();
    for (String s : servers) {
      if (!serverNames.contains(s)) {
        r.get("servers").problem("unknown server " + item.shown(s));
      }
    }
    Set<String> tags = r.has("tags") ? new LinkedHashSet<>(r.get("tags").strings()) : Set.of();
    for (String t : tags) {
      if (!allTags.contains(t)) {
        r.get("tags").problem("no server has the tag " + item.shown(t));
      }
    }
    Optional<String> discordChannel = r.find("discord-channel").flatMap(ConfigNode::string);
    Optional<String> telegramChat = r.find("telegram-chat").flatMap(ConfigNode::string);
    if (discordChannel.isEmpty() && telegramChat.isEmpty()) {
      item.problem("give a discord-channel or a telegram-chat");
    }
    return new KiwiopsConfig.Route(kinds, servers, tags, discordChannel, telegramChat);
  }

  private Optional<FleetServer> server(
      String name, ConfigNode.Mapping entries, Set<Long> veids, Set<String> allTags) {
    ConfigNode node = entries.get(name);
    if (!SERVER_NAME.matcher(name).matches()) {
      entries
          .key(name)
          .problem("a server name is lowercase letters, digits, '.', '_' or '-' (at most 32)");
    }
    ConfigNode.Mapping s = node.mapping(Set.of("veid", "api-key", "tags"));
    if (s.isEmpty() && !node.isMapping()) {
      return Optional.empty();
    }
    Optional<Long> veid = Optional.empty();
    if (s.has("veid")) {
      veid = s.get("veid").integer(1, Long.MAX_VALUE);
      if (veid.isPresent() && !veids.add(veid.get())) {
        s.get("veid")
            .problem(node.bare(String.valueOf(veid.get())) + " is already used by another server");
      }
    } else {
      node.problem("veid is required");
    }
    Optional<Secret> key = s.find("api-key").flatMap(ConfigNode::secret);
    if (!s.has("api-key")) {
      node.problem("api-key is required");
    }
    List<String> tags = s.has("tags") ? s.get("tags").strings() : List.of();
    allTags.addAll(tags);
    if (veid.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new FleetServer(name, veid.get(), key.get(), Set.copyOf(tags)));
  }

  private Optional<Binding> binding(
      ConfigNode item,
      Set<String> roleNames,
      Set<String> serverNames,
      Set<String> allTags,
      Set<String> personNames) {
    ConfigNode.Mapping b = item.mapping(Set.of("user", "roles", "servers", "tags"));
    if (!b.has("user") || !b.has("roles")) {
      item.problem("each entry needs user and roles");
      return Optional.empty();
    }
    Optional<Identity> identity = Optional.empty();
    ConfigNode userNode = b.get("user");
    Optional<String> user = userNode.string();
    if (user.isPresent()) {
      try {
        identity = Optional.of(Identity.parse(user.get()));
        if (!Set.of("discord", "discord-role", "telegram", "console", Person.KIND)
            .contains(identity.get().kind())) {
          userNode.problem(
              "unknown identity kind "
                  + item.shown(identity.get().kind())
                  + " (discord, discord-role, telegram, console or person)");
        } else if (identity.get().kind().equals(Person.KIND)
            && !personNames.contains(identity.get().id())) {
          userNode.problem(
              "unknown person "
                  + item.shown(identity.get().id())
                  + " (people are listed in the people section)");
          identity = Optional.empty();
        }
      } catch (IllegalArgumentException e) {
        userNode.problem(e.getMessage());
      }
    }
    List<String> roles = b.get("roles").strings();
    for (String role : roles) {
      if (!roleNames.contains(role)) {
        b.get("roles").problem("unknown role " + item.shown(role));
      }
    }
    List<String> servers = b.has("servers") ? b.get("servers").strings() : List.of();
    for (String s : servers) {
      if (!serverNames.contains(s)) {
        b.get("servers").problem("unknown server " + item.shown(s));
      }
    }
    List<String> tags = b.has("tags") ? b.get("tags").strings() : List.of();
    for (String t : tags) {
      if (!allTags.contains(t)) {
        b.get("tags").problem("no server has the tag " + item.shown(t));
      }
    }
    if (identity.isEmpty() || !roleNames.containsAll(roles)) {
      return Optional.empty();
    }
    return Optional.of(
        new Binding(identity.get(), Set.copyOf(roles), Set.copyOf(servers), Set.copyOf(tags)));
  }

  /** Keeps the valid permission patterns, reporting each invalid one at the node's line. */
  private static List<String> permissionPatterns(ConfigNode node, List<String> patterns) {
    List<String> valid = new ArrayList<>();
    for (String p : patterns) {
      try {
        valid.add(PermissionPattern.parse(p).text());
      } catch (IllegalArgumentException e) {
        node.problem(e.getMessage());
      }
    }
    return valid;
  }
}

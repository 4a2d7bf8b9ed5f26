package dev.kiwiops.config;

import dev.kiwiops.core.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML node with the path it was reached by ({@code alerts.routes[].kinds}) and its line. The
 * typed readers report a problem ({@code FILE:LINE: path: message}) into the shared {@link
 * ConfigReading} and return an empty or neutral value when the node does not fit.
 */
final class ConfigNode {
  private final ConfigReading reading;
  private final Node node;
  private final String path;

  private ConfigNode(ConfigReading reading, Node node, String path) {
    this.reading = reading;
    this.node = node;
    this.path = path;
  }

  /** The document's top node; its children's paths start with their own key. */
  static ConfigNode root(ConfigReading reading, Node node) {
    return new ConfigNode(reading, node, "");
  }

  /** The path as it appears in problems; the top node is "the configuration". */
  String path() {
    return path.isEmpty() ? "the configuration" : path;
  }

  int line() {
    return node == null ? 1 : node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
  }

  /** The same node under another path, for a problem that names a key rather than this node. */
  ConfigNode as(String otherPath) {
    return new ConfigNode(reading, node, otherPath);
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  /** Reports {@code path: message} at this node's line. */
  void problem(String message) {
    reading.problem(line(), path() + ": " + message);
  }

  /** See {@link ConfigReading#shown}. */
  String shown(String value) {
    return reading.shown(value);
  }

  /** See {@link ConfigReading#bare}. */
  String bare(String number) {
    return reading.bare(number);
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  // ---- typed readers: each reports a problem and returns an empty/neutral value on bad input

  /** The keys of a mapping; any key is allowed. */
  Mapping mapping() {
    return mapping(null);
  }

  /** The keys of a mapping; a key outside {@code allowed} is a problem and left out. */
  Mapping mapping(Set<String> allowed) {
    Map<String, NodeTuple> result = new LinkedHashMap<>();
    if (!(node instanceof MappingNode m)) {
      problem("expected a mapping of keys to values");
      return new Mapping(result);
    }
    for (NodeTuple tuple : m.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        new ConfigNode(reading, tuple.getKeyNode(), path).problem("keys must be plain words");
        continue;
      }
      String name = key.getValue();
      ConfigNode keyNode = new ConfigNode(reading, key, path);
      if (allowed != null && !allowed.contains(name)) {
        keyNode.problem(
            "unknown key "
                + shown(name)
                + " (expected one of: "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ")");
        continue;
      }
      if (result.put(name, tuple) != null) {
        keyNode.problem("duplicate key " + shown(name));
      }
    }
    return new Mapping(result);
  }

  /** The items of a list, each at this path with {@code []} appended. */
  List<ConfigNode> list() {
    List<ConfigNode> items = new ArrayList<>();
    for (Node item : sequence()) {
      items.add(new ConfigNode(reading, item, path + "[]"));
    }
    return items;
  }

  private List<Node> sequence() {
    if (node instanceof SequenceNode s) {
      return s.getValue();
    }
    problem("expected a list");
    return List.of();
  }

  /** A single value, with {@code ${…}} references expanded. */
  Optional<String> string() {
    if (node instanceof ScalarNode s) {
      return reading.resolve(s.getValue(), line(), path());
    }
    problem("expected a single value");
    return Optional.empty();
  }

  /** One value or a list of values; problems of an item are reported under this path. */
  List<String> strings() {
    List<String> result = new ArrayList<>();
    if (node instanceof ScalarNode) {
      string().ifPresent(result::add);
      return result;
    }
    for (Node item : sequence()) {
      new ConfigNode(reading, item, path).string().ifPresent(result::add);
    }
    return result;
  }

  /**
   * One value or a list of values as nodes of their own (each with its own line), under this path:
   * for a caller that reports a problem of one item at that item's line.
   */
  List<ConfigNode> values() {
    if (node instanceof ScalarNode) {
      return List.of(this);
    }
    List<ConfigNode> items = new ArrayList<>();
    for (Node item : sequence()) {
      items.add(new ConfigNode(reading, item, path));
    }
    return items;
  }

  /** A list of whole numbers in {@code min..max}; problems of an item are under this path. */
  List<Long> integers(long min, long max) {
    List<Long> result = new ArrayList<>();
    for (Node item : sequence()) {
      new ConfigNode(reading, item, path).integer(min, max).ifPresent(result::add);
    }
    return result;
  }

  /** A value that must not be blank, kept as a {@link Secret}. */
  Optional<Secret> secret() {
    Optional<String> value = string();
    if (value.isPresent() && value.get().isBlank()) {
      problem("is empty");
      return Optional.empty();
    }
    return value.map(Secret::of);
  }

  Optional<Duration> duration() {
    Optional<String> text = string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(text.get());
    if (d.isEmpty()) {
      problem(shown(text.get()) + " is not a duration (like 500ms, 30s, 15m, 2h, 1d)");
    }
    return d;
  }

  Optional<Long> integer(long min, long max) {
    Optional<String> text = string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      long v = Long.parseLong(text.get().strip());
      if (v < min || v > max) {
        problem(
            (reading.substituted(text.get()) ? shown(text.get()) : String.valueOf(v))
                + " is out of range ("
                + min
                + " to "
                + max
                + ")");
        return Optional.empty();
      }
      return Optional.of(v);
    } catch (NumberFormatException e) {
      problem(shown(text.get()) + " is not a whole number");
      return Optional.empty();
    }
  }

  Optional<Boolean> bool() {
    Optional<String> text = string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return switch (text.get()) {
      case "true", "yes", "on" -> Optional.of(true);
      case "false", "no", "off" -> Optional.of(false);
      default -> {
        problem("expected true or false");
        yield Optional.empty();
      }
    };
  }

  /** An http(s) URL with a host, always ending in {@code /}. */
  Optional<URI> url() {
    Optional<String> text = string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        problem(shown(text.get()) + " is not an http(s) URL");
        return Optional.empty();
      }
      return Optional.of(text.get().endsWith("/") ? uri : URI.create(text.get() + "/"));
    } catch (java.net.URISyntaxException e) {
      problem(shown(text.get()) + " is not a URL");
      return Optional.empty();
    }
  }

  /** A ws(s) URL with a host. */
  Optional<URI> webSocketUrl() {
    Optional<String> text = string();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text.get());
      if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())
          || uri.getHost() == null) {
        problem(shown(text.get()) + " is not a ws(s) URL");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (java.net.URISyntaxException e) {
      problem(shown(text.get()) + " is not a URL");
      return Optional.empty();
    }
  }

  /** The keys of a mapping that were accepted, in file order. */
  final class Mapping {
    private final Map<String, NodeTuple> tuples;

    private Mapping(Map<String, NodeTuple> tuples) {
      this.tuples = tuples;
    }

    boolean has(String key) {
      return tuples.containsKey(key);
    }

    boolean isEmpty() {
      return tuples.isEmpty();
    }

    Set<String> keys() {
      return tuples.keySet();
    }

    /** The value of {@code key}, which must be present. */
    ConfigNode get(String key) {
      return new ConfigNode(reading, tuples.get(key).getValueNode(), child(key));
    }

    /** The value of {@code key} when it is present. */
    Optional<ConfigNode> find(String key) {
      return has(key) ? Optional.of(get(key)) : Optional.empty();
    }

    /** The key itself (its line), under the value's path. */
    ConfigNode key(String key) {
      return new ConfigNode(reading, tuples.get(key).getKeyNode(), child(key));
    }
  }
}

package dev.kiwiops.core.watch;

import java.util.Objects;

/**
 * Where an alert goes: a sink id and the target within it. Written {@code console}, {@code
 * discord:<channel id>}, {@code telegram:<chat id>}.
 */
public record Destination(String sink, String target) {
  public Destination {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(target, "target");
    if (!sink.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("a destination looks like console or discord:<channel>");
    }
  }

  /** Parses {@code sink} or {@code sink:target}. */
  public static Destination parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      return new Destination(text.strip(), "");
    }
    String target = text.substring(colon + 1).strip();
    if (target.isEmpty()) {
      throw new IllegalArgumentException("missing target after '" + text + "'");
    }
    return new Destination(text.substring(0, colon).strip(), target);
  }

  public static Destination console() {
    return new Destination("console", "");
  }

  @Override
  public String toString() {
    return target.isEmpty() ? sink : sink + ":" + target;
  }
}

package dev.kiwiops.core.watch;

import java.util.Objects;

/**
 * What one incident is about: its kind, server and subject ({@code nullroute/web1/192.0.2.1}). At
 * most one incident per key is open at a time; the key is what survives a restart.
 *
 * @param subject what on the server the incident is about (an IP, a record id, a threshold), or
 *     empty when the kind allows only one incident per server
 */
public record IncidentKey(AlertKind kind, String server, String subject) {
  public IncidentKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(subject, "subject");
    if (server.isEmpty() || server.contains("/")) {
      throw new IllegalArgumentException("bad server name in incident key: " + server);
    }
  }

  /** Parses the {@link #toString()} form. */
  public static IncidentKey parse(String text) {
    String[] parts = text.split("/", 3);
    if (parts.length < 2) {
      throw new IllegalArgumentException("not an incident key: " + text);
    }
    AlertKind kind =
        AlertKind.parse(parts[0])
            .orElseThrow(() -> new IllegalArgumentException("unknown alert kind in " + text));
    return new IncidentKey(kind, parts[1], parts.length == 3 ? parts[2] : "");
  }

  @Override
  public String toString() {
    return kind.id() + "/" + server + (subject.isEmpty() ? "" : "/" + subject);
  }
}

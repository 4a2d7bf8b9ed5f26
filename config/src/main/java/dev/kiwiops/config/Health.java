package dev.kiwiops.config;

import dev.kiwiops.core.platform.ChatPlatform;
import dev.kiwiops.core.platform.PlatformHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The health of a running {@code kiwiops run}: the store answers, the watcher's last cycle ended
 * within three intervals, and every hosted chat platform is connected. Each part says since when it
 * is in its state.
 */
final class Health {
  /** One part of the health check. */
  record Part(String name, boolean up, String detail, Instant since) {}

  /** The parts and whether all are up; a replica that does not lead is up as a standby. */
  record Report(boolean up, boolean standby, List<Part> parts) {
    Report(boolean up, List<Part> parts) {
      this(up, false, parts);
    }

    String status() {
      return !up ? "unhealthy" : standby ? "standby" : "ok";
    }

    String json() {
      StringBuilder out = new StringBuilder();
      out.append("{\"status\":\"").append(status()).append("\",\"checks\":{");
      for (int i = 0; i < parts.size(); i++) {
        Part p = parts.get(i);
        if (i > 0) {
          out.append(',');
        }
        out.append('"')
            .append(escape(p.name()))
            .append("\":{\"up\":")
            .append(p.up())
            .append(",\"detail\":\"")
            .append(escape(p.detail()))
            .append("\",\"since\":\"")
            .append(p.since())
            .append("\"}");
      }
      return out.append("}}").toString();
    }
  }

  private record State(boolean up, Instant since) {}

  private final Kiwiops app;
  private final Supplier<List<ChatPlatform>> platforms;
  private final Supplier<Optional<String>> role;
  private final Clock clock;
  private final Instant startedAt;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  /**
   * @param platforms the chat platforms connected now (a replica has them only while it leads)
   * @param role {@code leader} or {@code standby} for a replica ({@code ha.enabled}), else empty
   */
  Health(
      Kiwiops app,
      Supplier<List<ChatPlatform>> platforms,
      Clock clock,
      Supplier<Optional<String>> role) {
    this.app = app;
    this.platforms = platforms;
    this.role = role;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  Report check() {
    Instant now = clock.instant();
    List<Part> parts = new ArrayList<>();
    Optional<String> store = app.storeProblem();
    parts.add(part("store", store.isEmpty(), store.orElse("answers"), now));
    Optional<String> replica = role.get();
    boolean standby = replica.isPresent() && replica.get().equals("standby");
    replica.ifPresent(
        r ->
            parts.add(
                part(
                    "leadership",
                    true,
                    standby
                        ? "standby: another replica leads; this one takes over if it stops"
                        : "leader",
                    now)));
    if (standby) {
      parts.add(part("watcher", true, "off: this replica is a standby", now));
    } else {
      parts.add(watcher(now));
    }
    for (ChatPlatform platform : platforms.get()) {
      PlatformHealth h;
      try {
        h = platform.health();
      } catch (RuntimeException e) {
        h = PlatformHealth.down("its health check failed: " + Main.oneSentence(e), now);
      }
      parts.add(new Part(platform.id(), h.up(), h.detail(), h.since()));
    }
    return new Report(parts.stream().allMatch(Part::up), standby, parts);
  }

  private Part watcher(Instant now) {
    if (!app.watching()) {
      return part(
          "watcher",
          true,
          app.watchNotice()
              .map(notice -> "off: " + notice)
              .orElse(
                  app.config().alerts().enabled()
                      ? "off in this process"
                      : "off (alerts.enabled is false)"),
          now);
    }
    Duration interval = app.config().alerts().interval();
    Duration limit = interval.multipliedBy(3);
    Optional<Instant> last = app.watcher().lastCycleAt();
    if (last.isEmpty()) {
      boolean young = Duration.between(startedAt, now).compareTo(limit) <= 0;
      return part(
          "watcher",
          young,
          young ? "the first cycle is running" : "no cycle has finished since the start",
          now);
    }
    Duration age = Duration.between(last.get(), now);
    boolean recent = age.compareTo(limit) <= 0;
    return part(
        "watcher",
        recent,
        recent
            ? "last cycle " + age.toSeconds() + " s ago"
            : "no cycle for "
                + age.toSeconds()
                + " s, more than 3 intervals of "
                + interval.toSeconds()
                + " s",
        now);
  }

  /** A part whose {@code since} is when it last changed between up and down. */
  private Part part(String name, boolean up, String detail, Instant now) {
    State state =
        states.compute(name, (k, old) -> old != null && old.up() == up ? old : new State(up, now));
    return new Part(name, up, detail, state.since());
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}

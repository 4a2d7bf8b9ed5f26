package dev.kiwiops.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code ha:} section: {@code enabled} (PostgreSQL stores only) and {@code heartbeat},
 * which must let a standby take over within two alert intervals.
 */
final class HaSection {
  static final Duration MIN_HEARTBEAT = Duration.ofSeconds(1);
  static final Duration MAX_HEARTBEAT = Duration.ofMinutes(1);

  private HaSection() {}

  static KiwiopsConfig.Ha read(ConfigNode.Mapping top, String storeUrl, Duration alertInterval) {
    KiwiopsConfig.Ha ha = KiwiopsConfig.Ha.off();
    if (!top.has("ha")) {
      return ha;
    }
    ConfigNode.Mapping h = top.get("ha").mapping(Set.of("enabled", "heartbeat"));
    boolean enabled = false;
    Duration heartbeat = ha.heartbeat();
    if (h.has("enabled")) {
      ConfigNode node = h.get("enabled");
      enabled = node.bool().orElse(false);
      if (enabled && !storeUrl.startsWith("jdbc:postgresql:")) {
        node.problem(
            "needs a PostgreSQL store (store.url: jdbc:postgresql:…): replicas share their state"
                + " and their leader lock through it, which one SQLite file cannot do across hosts");
      }
    }
    if (h.has("heartbeat")) {
      ConfigNode node = h.get("heartbeat");
      Optional<Duration> d = node.duration();
      if (d.isPresent()
          && (d.get().compareTo(MIN_HEARTBEAT) < 0 || d.get().compareTo(MAX_HEARTBEAT) > 0)) {
        node.problem("between 1s and 1m");
      } else if (d.isPresent()) {
        heartbeat = d.get();
      }
    }
    if (enabled && takeoverBound(heartbeat).compareTo(alertInterval.multipliedBy(2)) > 0) {
      (h.has("heartbeat") ? h.get("heartbeat") : h.get("enabled"))
          .problem(
              "a standby takes up to 7 heartbeats ("
                  + takeoverBound(heartbeat).toSeconds()
                  + " s) to take over, more than two alerts.interval ("
                  + alertInterval.multipliedBy(2).toSeconds()
                  + " s): make ha.heartbeat at most "
                  + Math.max(1, alertInterval.multipliedBy(2).dividedBy(7).toMillis())
                  + "ms");
    }
    return new KiwiopsConfig.Ha(enabled, heartbeat);
  }

  /**
   * The longest a standby needs to take over from a leader that went silent: PostgreSQL ends the
   * leader's session within three heartbeats, the standby tries every heartbeat, and then waits
   * three more for the old leader to notice ({@link Leadership#settleTime}).
   */
  static Duration takeoverBound(Duration heartbeat) {
    return heartbeat.multipliedBy(7);
  }
}

package dev.kiwiops.core.watch;

import dev.kiwiops.core.kiwivm.PowerState;
import java.util.List;
import java.util.Optional;

/**
 * {@code down}: live info says the server is not running (nor starting), and nobody stopped it
 * through the bot. A server a permitted user stopped on purpose raises nothing, and neither does a
 * suspended one (the {@code suspended} alert already says why it is off). Only running ends an
 * incident: a down server stays down while it is starting, stopped through the bot or suspended.
 */
final class DownRule implements AlertRule {

  @Override
  public AlertKind kind() {
    return AlertKind.DOWN;
  }

  @Override
  public Optional<List<Finding>> evaluate(Observation o) {
    if (o.live().isEmpty()) {
      return Optional.empty();
    }
    PowerState state = o.live().get().powerState();
    boolean suspended = o.live().get().info().suspended();
    if (state == PowerState.RUNNING) {
      return Optional.of(List.of());
    }
    if (state == PowerState.STARTING || o.stoppedThroughBot() || suspended) {
      // Not running, so an open incident is not over; but nothing new to raise either.
      return Optional.empty();
    }
    String server = o.server().name();
    return Optional.of(
        List.of(
            Finding.of(
                new IncidentKey(kind(), server, ""),
                server + " is down",
                "KiwiVM reports "
                    + server
                    + " as "
                    + state.name().toLowerCase(java.util.Locale.ROOT)
                    + ", and it was not stopped through the bot. Start it with power start "
                    + server
                    + ".")));
  }

  @Override
  public String resolvedText(Incident incident) {
    return incident.key().server() + " is running again.";
  }
}

package dev.kiwiops.core.watch;

import java.util.List;
import java.util.Optional;

/**
 * Decides, for one kind of alert, what is wrong with a server right now. The watcher compares the
 * answer with the open incidents of that kind and server: new findings raise, missing ones resolve.
 */
interface AlertRule {

  AlertKind kind();

  /**
   * Everything of this kind present on the observed server, or empty when this observation cannot
   * tell (the data was not fetched or the call failed): then nothing is raised or resolved.
   */
  Optional<List<Finding>> evaluate(Observation observation);

  /** The body of the "resolved" message of {@code incident}. */
  default String resolvedText(Incident incident) {
    return "Cleared.";
  }

  /** Whether an incident's end is announced (abuse points only ever rise, so theirs is not). */
  default boolean announcesResolution() {
    return true;
  }
}

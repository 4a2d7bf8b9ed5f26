package dev.kiwiops.core.watch;

import java.time.Instant;
import java.util.List;

/**
 * The persisted incident state of the watcher. Each change is stored together with the messages it
 * causes, in one transaction, so that after a crash an incident is never announced twice nor lost:
 * either both the state and its outbox messages are stored, or neither.
 *
 * <p>Implementations report storage failures with {@link AlertStoreException}; the watcher then
 * keeps its previous view and tries again on the next cycle.
 */
public interface AlertStateStore {

  /** Every open incident, as left by the previous run. */
  List<Incident> openIncidents();

  /** A number never handed out before, for short alert ids ({@code A12}). */
  long nextAlertNumber();

  /** Stores a newly opened incident and queues its messages. */
  void opened(Incident incident, List<OutboxMessage> messages);

  /** Replaces an open incident (acknowledged, snoozed, reminded) and queues its messages. */
  void updated(Incident incident, List<OutboxMessage> messages);

  /** Marks an incident closed at {@code at} and queues its messages. */
  void closed(Incident incident, Instant at, List<OutboxMessage> messages);
}

package dev.kiwiops.config;

import dev.kiwiops.core.watch.AlertStateStore;
import dev.kiwiops.core.watch.Incident;
import dev.kiwiops.core.watch.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The watcher's incident store, counting each incident opened (an alert raised) and closed (an
 * alert resolved) once the store has kept it.
 */
final class MeteredAlertStore implements AlertStateStore {
  private final AlertStateStore store;
  private final BiConsumer<Incident, Boolean> alerts;

  /**
   * @param alerts hears each stored incident: {@code true} when raised, {@code false} when resolved
   */
  MeteredAlertStore(AlertStateStore store, BiConsumer<Incident, Boolean> alerts) {
    this.store = store;
    this.alerts = alerts;
  }

  @Override
  public List<Incident> openIncidents() {
    return store.openIncidents();
  }

  @Override
  public long nextAlertNumber() {
    return store.nextAlertNumber();
  }

  @Override
  public void opened(Incident incident, List<OutboxMessage> messages) {
    store.opened(incident, messages);
    alerts.accept(incident, true);
  }

  @Override
  public void updated(Incident incident, List<OutboxMessage> messages) {
    store.updated(incident, messages);
  }

  @Override
  public void closed(Incident incident, Instant at, List<OutboxMessage> messages) {
    store.closed(incident, at, messages);
    alerts.accept(incident, false);
  }
}

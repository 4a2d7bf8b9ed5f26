package dev.kiwiops.config;

import dev.kiwiops.core.watch.AlertStateStore;
import dev.kiwiops.core.watch.AlertStoreException;
import dev.kiwiops.core.watch.Incident;
import dev.kiwiops.core.watch.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The watcher's incident store behind the leader fence ({@code ha.enabled}): a replica that is not
 * sure it still leads writes no incident, so a leader that froze and runs again raises nothing a
 * second time before its heartbeat makes it a standby. Reads pass.
 */
final class FencedAlertStore implements AlertStateStore {
  private final AlertStateStore store;
  private final BooleanSupplier leads;

  FencedAlertStore(AlertStateStore store, BooleanSupplier leads) {
    this.store = store;
    this.leads = leads;
  }

  private void check() {
    if (!leads.getAsBoolean()) {
      throw new AlertStoreException(
          "this replica is not sure it still leads; the incident is left to the leader", null);
    }
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
    check();
    store.opened(incident, messages);
  }

  @Override
  public void updated(Incident incident, List<OutboxMessage> messages) {
    check();
    store.updated(incident, messages);
  }

  @Override
  public void closed(Incident incident, Instant at, List<OutboxMessage> messages) {
    check();
    store.closed(incident, at, messages);
  }
}

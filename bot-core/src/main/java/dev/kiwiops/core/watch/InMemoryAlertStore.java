package dev.kiwiops.core.watch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert state and outbox kept in memory, the port's reference implementation for tests (state is
 * lost on restart; the application always uses the JDBC store). Thread-safe.
 */
public final class InMemoryAlertStore implements AlertStateStore, Outbox {
  private final Map<String, Incident> open = new LinkedHashMap<>();
  private final TreeMap<Long, Delivery> queue = new TreeMap<>();
  private final Map<String, List<String>> refs = new HashMap<>();
  private long alertNumbers;
  private long queueIds;

  @Override
  public synchronized List<Incident> openIncidents() {
    return List.copyOf(open.values());
  }

  @Override
  public synchronized long nextAlertNumber() {
    return ++alertNumbers;
  }

  @Override
  public synchronized void opened(Incident incident, List<OutboxMessage> messages) {
    open.put(incident.alertId(), incident);
    enqueue(messages);
  }

  @Override
  public synchronized void updated(Incident incident, List<OutboxMessage> messages) {
    open.put(incident.alertId(), incident);
    enqueue(messages);
  }

  @Override
  public synchronized void closed(Incident incident, Instant at, List<OutboxMessage> messages) {
    open.remove(incident.alertId());
    enqueue(messages);
  }

  private void enqueue(List<OutboxMessage> messages) {
    for (OutboxMessage m : messages) {
      long id = ++queueIds;
      queue.put(id, new Delivery(id, m.destination(), m.alert(), m.edit(), 0, Instant.EPOCH));
    }
  }

  @Override
  public synchronized List<Delivery> pending() {
    return new ArrayList<>(queue.values());
  }

  @Override
  public synchronized void delivered(long id) {
    queue.remove(id);
  }

  @Override
  public synchronized void posted(Delivery delivery, String messageRef) {
    queue.remove(delivery.id());
    refs.computeIfAbsent(
            refKey(delivery.alert().id(), delivery.destination()), k -> new ArrayList<>())
        .add(messageRef);
  }

  @Override
  public synchronized List<String> messageRefs(String alertId, Destination destination) {
    List<String> all = refs.getOrDefault(refKey(alertId, destination), List.of());
    return List.copyOf(all.subList(Math.max(0, all.size() - MAX_REFS), all.size()));
  }

  private static String refKey(String alertId, Destination destination) {
    return alertId + " " + destination;
  }

  @Override
  public synchronized void failed(long id, int attempts, Instant nextAttemptAt, String error) {
    Delivery d = queue.get(id);
    if (d != null) {
      queue.put(
          id, new Delivery(id, d.destination(), d.alert(), d.edit(), attempts, nextAttemptAt));
    }
  }
}

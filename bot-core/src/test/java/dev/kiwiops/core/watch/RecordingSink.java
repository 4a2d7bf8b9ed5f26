package dev.kiwiops.core.watch;

import java.util.ArrayList;
import java.util.List;

/** An alert sink that keeps what it delivers, and can be told to fail its next N attempts. */
final class RecordingSink implements AlertSink {
  private final String id;
  private final List<Received> received = new ArrayList<>();
  private int failNext;
  private int attempts;

  RecordingSink(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized void deliver(String target, Alert alert) throws Exception {
    attempts++;
    if (failNext > 0) {
      failNext--;
      throw new java.io.IOException("chat API down");
    }
    received.add(new Received(target, alert));
  }

  synchronized void failNext(int n) {
    failNext = n;
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized List<Alert> alerts() {
    return received.stream().map(Received::alert).toList();
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** Titles as shown, {@code [CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1}. */
  synchronized List<String> titles() {
    return received.stream().map(r -> r.alert().toReply().title()).toList();
  }

  synchronized void clear() {
    received.clear();
  }

  record Received(String target, Alert alert) {
    Received {
      target = target == null ? "" : target;
    }

    List<Object> pair() {
      return new ArrayList<>(List.of(target, alert.id() + " " + alert.phase()));
    }
  }
}

package dev.kiwiops.core.testkit;

import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;
import java.util.ArrayList;
import java.util.List;

/** An alert sink that keeps what it delivers, and can be told to fail its next N attempts. */
public final class RecordingAlertSink implements AlertSink {
  private final String id;
  private final List<Received> received = new ArrayList<>();
  private int failNext;
  private int attempts;

  public RecordingAlertSink(String id) {
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

  public synchronized void failNext(int n) {
    failNext = n;
  }

  public synchronized int attempts() {
    return attempts;
  }

  public synchronized List<Alert> alerts() {
    return received.stream().map(Received::alert).toList();
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** Titles as shown, {@code [CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1}. */
  public synchronized List<String> titles() {
    return received.stream().map(r -> r.alert().toReply().title()).toList();
  }

  public synchronized void clear() {
    received.clear();
  }

  public record Received(String target, Alert alert) {
    public Received {
      target = target == null ? "" : target;
    }

    public List<Object> pair() {
      return new ArrayList<>(List.of(target, alert.id() + " " + alert.phase()));
    }
  }
}

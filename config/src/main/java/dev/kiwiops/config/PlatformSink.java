package dev.kiwiops.config;

import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;
import java.util.Optional;

/**
 * Stands in the watcher's sink list for a chat platform that is built after the watcher (a platform
 * needs the dispatcher, and the dispatcher's {@code alerts} commands need the watcher). Until the
 * platform is {@link #bind bound}, a delivery fails and the outbox keeps the alert for its next
 * attempt, so nothing is lost.
 */
final class PlatformSink implements AlertSink {
  private final String id;
  private volatile AlertSink platform;

  PlatformSink(String id) {
    this.id = id;
  }

  void bind(AlertSink sink) {
    if (!sink.id().equals(id)) {
      throw new IllegalArgumentException("sink " + sink.id() + " bound in place of " + id);
    }
    this.platform = sink;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<String> deliver(String target, Alert alert) throws Exception {
    return bound().deliver(target, alert);
  }

  @Override
  public Optional<String> post(String target, dev.kiwiops.core.reply.Reply reply) throws Exception {
    return bound().post(target, reply);
  }

  @Override
  public void update(String target, String messageRef, Alert alert) throws Exception {
    bound().update(target, messageRef, alert);
  }

  private AlertSink bound() {
    AlertSink sink = platform;
    if (sink == null) {
      throw new IllegalStateException(id + " is not connected yet");
    }
    return sink;
  }
}

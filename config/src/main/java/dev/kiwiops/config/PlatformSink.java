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
  private final java.util.function.BooleanSupplier leads;

  PlatformSink(String id) {
    this(id, () -> true);
  }

  /**
   * @param leads the leader fence ({@code ha.enabled}): while false, deliveries fail (the outbox
   *     keeps them for the leader)
   */
  PlatformSink(String id, java.util.function.BooleanSupplier leads) {
    this.id = id;
    this.leads = leads;
  }

  /** Forgets the platform (it stopped: this replica no longer leads). */
  void unbind() {
    this.platform = null;
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
    if (!leads.getAsBoolean()) {
      throw new IllegalStateException("this replica is not sure it still leads");
    }
    AlertSink sink = platform;
    if (sink == null) {
      throw new IllegalStateException(id + " is not connected yet");
    }
    return sink;
  }
}

package dev.kiwiops.core.testkit;

import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An alert sink that keeps what it delivers, answers each posted message with a reference ({@code
 * <id>-1}, {@code <id>-2}, … unless told to answer none), records the edits it is asked for, and
 * can be told to fail its next N attempts (posts and edits alike).
 */
public final class RecordingAlertSink implements AlertSink {
  private final String id;
  private final List<Received> received = new ArrayList<>();
  private final List<Edit> edits = new ArrayList<>();
  private final List<Posted> posts = new ArrayList<>();
  private boolean references = true;
  private int failNext;
  private int attempts;
  private int posted;

  public RecordingAlertSink(String id) {
    this.id = id;
  }

  /** A sink that answers no message reference, like the console. */
  public static RecordingAlertSink withoutReferences(String id) {
    RecordingAlertSink sink = new RecordingAlertSink(id);
    sink.references = false;
    return sink;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized Optional<String> deliver(String target, Alert alert) throws Exception {
    attempts++;
    if (failNext > 0) {
      failNext--;
      throw new java.io.IOException("chat API down");
    }
    received.add(new Received(target, alert));
    posted++;
    return references ? Optional.of(id + "-" + posted) : Optional.empty();
  }

  /** Records a report (any non-alert reply); fails like a delivery when told to. */
  @Override
  public synchronized Optional<String> post(String target, dev.kiwiops.core.reply.Reply reply)
      throws Exception {
    attempts++;
    if (failNext > 0) {
      failNext--;
      throw new java.io.IOException("chat API down");
    }
    posts.add(new Posted(target, reply));
    posted++;
    return references ? Optional.of(id + "-" + posted) : Optional.empty();
  }

  /** The replies posted with {@link #post}, oldest first. */
  public synchronized List<Posted> posts() {
    return List.copyOf(posts);
  }

  /** A reply posted to a target. */
  public record Posted(String target, dev.kiwiops.core.reply.Reply reply) {}

  @Override
  public synchronized void update(String target, String messageRef, Alert alert) throws Exception {
    attempts++;
    if (failNext > 0) {
      failNext--;
      throw new java.io.IOException("chat API down");
    }
    edits.add(new Edit(target, messageRef, alert));
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

  /** The edits asked for, in order. */
  public synchronized List<Edit> edits() {
    return List.copyOf(edits);
  }

  /** Titles as shown, {@code [CRITICAL] A1 web1: DDoS nullroute on 192.0.2.1}. */
  public synchronized List<String> titles() {
    return received.stream().map(r -> r.alert().toReply().title()).toList();
  }

  public synchronized void clear() {
    received.clear();
    edits.clear();
  }

  public record Received(String target, Alert alert) {
    public Received {
      target = target == null ? "" : target;
    }

    public List<Object> pair() {
      return new ArrayList<>(List.of(target, alert.id() + " " + alert.phase()));
    }
  }

  /** One edit: which message, and the title it now shows. */
  public record Edit(String target, String messageRef, Alert alert) {
    /** {@code discord-1 <- [RESOLVED] A1 web1: …}. */
    public String shown() {
      return messageRef + " <- " + alert.toReply().title();
    }
  }
}

package dev.kiwiops.simulator;

import dev.kiwiops.simulator.ApiCalls.Request;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The call name to handler table the groups of calls fill in. Each name goes in exactly once: a
 * second registration of the same name is a programming error and fails when the table is built.
 */
final class CallTable {

  @FunctionalInterface
  interface Handler {
    Map<String, Object> handle(Request request);
  }

  /** A registered call; {@code write} calls change something and are audited on success. */
  record Entry(Handler handler, boolean write) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** Registers a call that only reads. */
  void read(String call, Handler handler) {
    add(call, new Entry(handler, false));
  }

  /** Registers a call that changes something; each success is written to the audit log. */
  void write(String call, Handler handler) {
    add(call, new Entry(handler, true));
  }

  private void add(String call, Entry entry) {
    if (entries.putIfAbsent(call, entry) != null) {
      throw new IllegalStateException("KiwiVM call registered twice: " + call);
    }
  }

  /** Every call name, in registration order. */
  Set<String> names() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /** The call's entry, or null when no group registered it. */
  Entry entry(String call) {
    return entries.get(call);
  }
}

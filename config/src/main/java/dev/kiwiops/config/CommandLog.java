package dev.kiwiops.config;

import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.audit.AuditTrail;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every command outcome the dispatcher audits also becomes one log line (logger {@code
 * dev.kiwiops.commands}: who, what, which server, decision, outcome, duration) and a metric. The
 * arguments are not logged: the audit trail keeps them, masked. In JSON logs each fact is its own
 * field.
 */
final class CommandLog implements AuditTrail {
  static final Logger LOG = LoggerFactory.getLogger("dev.kiwiops.commands");

  private final AuditTrail audit;
  private final Consumer<AuditEntry> metrics;

  CommandLog(AuditTrail audit, Consumer<AuditEntry> metrics) {
    this.audit = audit;
    this.metrics = metrics;
  }

  @Override
  public void record(AuditEntry entry) {
    try {
      audit.record(entry);
    } finally {
      log(entry);
      metrics.accept(entry);
    }
  }

  @Override
  public void recordDurably(AuditEntry entry) {
    try {
      audit.recordDurably(entry);
    } finally {
      log(entry);
      metrics.accept(entry);
    }
  }

  @Override
  public List<AuditEntry> recent(AuditQuery query) {
    return audit.recent(query);
  }

  private static void log(AuditEntry entry) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String server = entry.server().orElse("-");
    long millis = entry.duration().toMillis();
    LOG.atInfo()
        .addKeyValue("user", entry.identity())
        .addKeyValue("chat", entry.chat())
        .addKeyValue("command", entry.command())
        .addKeyValue("server", server)
        .addKeyValue("decision", entry.decision())
        .addKeyValue("outcome", entry.outcome())
        .addKeyValue("duration_ms", millis)
        .log(
            "command {} by {} on {}: {}, {} ({} ms)",
            entry.command(),
            entry.identity(),
            server,
            entry.decision(),
            entry.outcome(),
            millis);
  }
}

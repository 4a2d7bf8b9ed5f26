package dev.kiwiops.benchmarks;

import dev.kiwiops.core.audit.AuditEntry;
import dev.kiwiops.core.audit.AuditQuery;
import dev.kiwiops.core.audit.AuditTrail;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import java.util.List;

/** Sinks that keep only the last thing they were given, so nothing grows during a run. */
final class Discard {
  private Discard() {}

  /** An audit trail that keeps the last entry only: the bot's cost without the store's. */
  static final class Audit implements AuditTrail {
    volatile AuditEntry last;

    @Override
    public void record(AuditEntry entry) {
      last = entry;
    }

    @Override
    public List<AuditEntry> recent(AuditQuery query) {
      return last == null ? List.of() : List.of(last);
    }
  }

  /** A chat that keeps the last reply only. */
  static final class Chat implements Conversation {
    private static final MessageHandle HANDLE = new MessageHandle() {};
    Reply last;

    @Override
    public MessageHandle send(Reply reply) {
      last = reply;
      return HANDLE;
    }

    @Override
    public void edit(MessageHandle message, Reply reply) {
      last = reply;
    }

    @Override
    public boolean canReplyPrivately() {
      return true;
    }
  }
}

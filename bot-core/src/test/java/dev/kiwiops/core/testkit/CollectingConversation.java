package dev.kiwiops.core.testkit;

import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/** A conversation that keeps every reply and edit, for assertions. */
public final class CollectingConversation implements Conversation {
  private final List<Reply> sent = new ArrayList<>();
  private final List<Reply> edits = new ArrayList<>();
  private final List<MessageHandle> edited = new ArrayList<>();
  private final boolean canReplyPrivately;

  public CollectingConversation() {
    this(true);
  }

  public CollectingConversation(boolean canReplyPrivately) {
    this.canReplyPrivately = canReplyPrivately;
  }

  @Override
  public synchronized MessageHandle send(Reply reply) {
    sent.add(reply);
    int id = sent.size();
    return new MessageHandle() {
      @Override
      public String toString() {
        return "message#" + id;
      }
    };
  }

  @Override
  public synchronized void edit(MessageHandle message, Reply reply) {
    edits.add(reply);
    edited.add(message);
  }

  /** The messages that were edited, in the order of {@link #edits()}. */
  public synchronized List<MessageHandle> edited() {
    return List.copyOf(edited);
  }

  @Override
  public boolean canReplyPrivately() {
    return canReplyPrivately;
  }

  public synchronized List<Reply> sent() {
    return List.copyOf(sent);
  }

  public synchronized List<Reply> edits() {
    return List.copyOf(edits);
  }

  public synchronized Reply last() {
    return sent.get(sent.size() - 1);
  }

  public synchronized String lastText() {
    return last().plainText();
  }
}

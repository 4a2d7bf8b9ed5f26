package dev.kiwiops.core.reply;

/**
 * Where the core sends the answers to one command: the adapter's side of a chat. Private replies go
 * only to the caller (Discord ephemeral, Telegram direct message, the console).
 *
 * <p><b>Threads.</b> The dispatcher calls a conversation on the adapter's thread that called it,
 * while that call lasts; a {@code ProgressReporter} later edits its progress message from a
 * scheduler thread, and an approved request answers in the requester's conversation from the
 * approver's thread. A confirmation or approval prompt is edited later, without buttons, through
 * the conversation that sent it: from the thread of whoever answers it by typing its code, or, once
 * it expired unanswered, from the thread that sweeps lapsed requests (a scheduler, or any later
 * call into the dispatcher), possibly after the platform's interaction has ended. Implementations
 * are therefore safe to use from several threads at once, and never block on the platform's event
 * thread.
 */
public interface Conversation {

  /** Sends a reply; the returned handle lets a later update replace it (progress messages). */
  MessageHandle send(Reply reply);

  /** Replaces an earlier message's content; adapters that cannot edit send a new message. */
  void edit(MessageHandle message, Reply reply);

  /** Whether a {@link Visibility#PRIVATE} reply can reach the caller alone from this chat. */
  boolean canReplyPrivately();

  /** An adapter's reference to a sent message. */
  interface MessageHandle {}
}

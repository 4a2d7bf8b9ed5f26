package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.KnownReads;
import dev.kiwiops.core.reply.Conversation;

/**
 * What a running action may use: the caller, the chat, the conversation for progress updates, and
 * the KiwiVM port of this execution. Every call through {@link #kiwi()} is seen by the audit trail,
 * so an action never reports its upstream outcome itself.
 */
public final class ExecutionContext {
  private final Caller caller;
  private final ChatRef chat;
  private final Conversation conversation;
  private final UpstreamCalls upstream;

  ExecutionContext(Caller caller, ChatRef chat, Conversation conversation, UpstreamCalls upstream) {
    this.caller = caller;
    this.chat = chat;
    this.conversation = conversation;
    this.upstream = upstream;
  }

  public Caller caller() {
    return caller;
  }

  public ChatRef chat() {
    return chat;
  }

  public Conversation conversation() {
    return conversation;
  }

  /** The KiwiVM port for this execution's calls; their answers decide the audit outcome. */
  public KiwiVm kiwi() {
    return upstream.port();
  }

  /**
   * The bot's known reads as this execution uses them: each background fetch it starts counts for
   * its audit outcome like a call through {@link #kiwi()}.
   */
  public KnownReads reads(KnownReads shared) {
    return upstream.reads(shared);
  }
}

package dev.kiwiops.core.command;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.reply.Conversation;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a running action may use: the caller, the chat, the conversation for progress updates, and a
 * place to note the upstream outcome for the audit trail.
 */
public final class ExecutionContext {
  private final Caller caller;
  private final ChatRef chat;
  private final Conversation conversation;
  private final AtomicReference<String> upstreamOutcome = new AtomicReference<>("none");

  public ExecutionContext(Caller caller, ChatRef chat, Conversation conversation) {
    this.caller = caller;
    this.chat = chat;
    this.conversation = conversation;
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

  /** Records an upstream result's kind for the audit trail and returns it unchanged. */
  public <T> ApiResult<T> note(ApiResult<T> result) {
    upstreamOutcome.set(outcomeName(result));
    return result;
  }

  public String upstreamOutcome() {
    return upstreamOutcome.get();
  }

  /**
   * A short, secret-free name of an outcome: {@code ok}, {@code api-error 700001}, {@code unknown}
   * (a write KiwiVM may have done), …
   */
  public static String outcomeName(ApiResult<?> result) {
    if (result instanceof ApiResult.Ok<?>) {
      return "ok";
    } else if (result instanceof ApiResult.ApiError<?> e) {
      return "api-error " + e.code();
    } else if (result instanceof ApiResult.Locked<?>) {
      return "locked";
    } else if (result instanceof ApiResult.AuthFailure<?>) {
      return "auth-failure";
    } else if (result instanceof ApiResult.RateLimited<?>) {
      return "rate-limited";
    } else if (result instanceof ApiResult.NetworkFailure<?> n) {
      return "network " + n.kind().name().toLowerCase(java.util.Locale.ROOT);
    } else if (result instanceof ApiResult.Unknown<?>) {
      return "unknown";
    } else if (result instanceof ApiResult.ServerError<?> e) {
      return "server-error " + e.status();
    }
    return "bad-response";
  }
}

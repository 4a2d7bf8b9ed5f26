package dev.kiwiops.core.confirm;

import dev.kiwiops.core.reply.Conversation;
import java.time.Instant;
import java.util.Objects;

/**
 * A confirmed request that still needs {@code approve CODE} from a second person.
 *
 * @param token the opaque button token (128 random bits), never shown as text
 * @param code the short typed code, valid only in the chat of the request
 * @param request the requester's confirmed request: who, where, what, exact arguments
 * @param requesterConversation where the result goes once approved (the requester's chat)
 * @param expiresAt when the request lapses without approval
 */
public record PendingApproval(
    String token,
    String code,
    PendingConfirmation request,
    Conversation requesterConversation,
    Instant expiresAt) {

  public PendingApproval {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(requesterConversation, "requesterConversation");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "PendingApproval[" + request + "]";
  }
}

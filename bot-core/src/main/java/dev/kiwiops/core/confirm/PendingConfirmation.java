package dev.kiwiops.core.confirm;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.CommandSpec;
import java.time.Instant;

/**
 * A destructive action waiting for its requester's confirmation.
 *
 * @param token the opaque button token (≥ 96 random bits), never shown as text
 * @param code the short typed code, valid only for the same user in the same chat
 */
public record PendingConfirmation(
    String token,
    String code,
    Caller requester,
    ChatRef chat,
    CommandSpec spec,
    Action action,
    Instant expiresAt) {

  @Override
  public String toString() {
    return "PendingConfirmation[" + spec.name() + " by " + requester.user() + " in " + chat + "]";
  }
}

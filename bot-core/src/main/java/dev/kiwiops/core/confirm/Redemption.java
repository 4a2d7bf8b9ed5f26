package dev.kiwiops.core.confirm;

/** The result of {@code confirm}/{@code cancel}: the won confirmation, or why there is none. */
public sealed interface Redemption {

  /** This caller now holds the confirmation exclusively; it can never be redeemed again. */
  record Redeemed(PendingConfirmation pending) implements Redemption {}

  /** Unknown, expired, already used, cancelled, from before a restart, or someone else's. */
  record Invalid(String reason) implements Redemption {}
}

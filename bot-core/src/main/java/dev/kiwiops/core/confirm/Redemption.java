package dev.kiwiops.core.confirm;

/** The result of {@code confirm}/{@code cancel}: the won confirmation, or why there is none. */
public sealed interface Redemption {

  /** This caller now holds the confirmation exclusively; it can never be redeemed again. */
  record Redeemed(PendingConfirmation pending) implements Redemption {}

  /**
   * Unknown, expired, already used, cancelled, from before a restart ({@code notYours} false: it is
   * gone for good), or someone else's ({@code notYours} true: it is left for its owner).
   */
  record Invalid(String reason, boolean notYours) implements Redemption {}
}

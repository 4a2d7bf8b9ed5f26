package dev.kiwiops.core.command;

/**
 * What the dispatcher decided about one line, click or answer, as written in the audit trail's
 * {@code decision} column.
 */
public enum Decision {
  /** Ran without confirmation. */
  ALLOWED("allowed"),
  /** Confirmed by its requester, then ran. */
  CONFIRMED("confirmed"),
  /** Approved by a second person, then ran (the entry of the requester's run). */
  APPROVED("approved"),
  /** The approver's own entry: approval given. */
  APPROVAL_GIVEN("approval-given"),
  /** A confirmation prompt was shown. */
  PENDING("pending"),
  /** Confirmed; waits for a second person. */
  AWAITING_APPROVAL("awaiting-approval"),
  /** The caller lacks the permission (or the server is outside their scope). */
  DENIED("denied"),
  /** The permission was revoked between the prompt and the confirmation. */
  DENIED_AT_CONFIRM("denied-at-confirm"),
  /** The requester lost the permission before a second person approved. */
  DENIED_AT_APPROVAL("denied-at-approval"),
  /** A secret reply or answer could not stay private here. */
  REFUSED_PRIVATE("refused-private"),
  /**
   * Refused before any prompt or write: what KiwiVM reports does not fit the action, or the read
   * that would tell failed.
   */
  REFUSED("refused"),
  /**
   * Confirmed (or approved), but what its prompt showed no longer held when it was checked again
   * just before sending: nothing was sent.
   */
  CHANGED_AT_CONFIRM("changed-at-confirm"),
  /** Unreadable, unknown, or rejected by the command's parser. */
  INVALID("invalid"),
  /** A confirm or cancel that found no confirmation it may act on. */
  INVALID_CONFIRMATION("invalid-confirmation"),
  /** An approve that found no approval it may act on. */
  INVALID_APPROVAL("invalid-approval"),
  /** Cancelled by its requester (also: withdrawn while awaiting approval). */
  CANCELLED("cancelled"),
  /** Withdrawn by someone who could have approved it. */
  REJECTED("rejected"),
  /** A cancel by someone who may neither withdraw nor approve. */
  CANCEL_REFUSED("cancel-refused"),
  /** Self-approval, or an approver without the permission. */
  APPROVAL_REFUSED("approval-refused"),
  /** A confirmation that nobody answered in time. */
  EXPIRED("expired"),
  /** A confirmed request that nobody approved in time. */
  APPROVAL_EXPIRED("approval-expired");

  private final String auditName;

  Decision(String auditName) {
    this.auditName = auditName;
  }

  /** The word stored in the audit trail. */
  public String auditName() {
    return auditName;
  }
}

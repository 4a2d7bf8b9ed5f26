package dev.kiwiops.core.access;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The access policy in force, replaceable while the bot runs (a configuration reload, a revoked
 * user). Readers take one {@link #get() snapshot} per decision so that a single command is never
 * judged half by the old and half by the new policy; the next command, confirmation or approval
 * sees the replacement.
 */
public final class AccessControl implements Supplier<AccessPolicy> {
  private final AtomicReference<AccessPolicy> current;

  public AccessControl(AccessPolicy initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  /** The policy in force now. */
  @Override
  public AccessPolicy get() {
    return current.get();
  }

  /** Puts {@code next} in force for every later check; returns the policy it replaced. */
  public AccessPolicy replace(AccessPolicy next) {
    return current.getAndSet(Objects.requireNonNull(next, "next"));
  }
}

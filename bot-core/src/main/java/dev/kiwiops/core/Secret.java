package dev.kiwiops.core;

import java.util.Objects;

/**
 * A secret value (API key, bot token, root password, export token) whose {@code toString()} is
 * masked, so that it cannot leak into logs, replies, exceptions or the audit trail by accident.
 *
 * <p>Read the value only at the point of use with {@link #reveal()}.
 */
public final class Secret {
  private static final String MASK = "******";
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The clear value: call it only where the secret is actually sent or shown privately. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && java.security.MessageDigest.isEqual(
            value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}

package dev.kiwiops.core.kiwivm;

import dev.kiwiops.core.Secret;

/** {@code resetRootPassword}: the new root password. */
public record PasswordReset(Secret password) {}

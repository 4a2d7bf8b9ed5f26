package dev.kiwiops.core.kiwivm;

import dev.kiwiops.core.Secret;

/** {@code snapshot/export}: the transfer token, a secret. */
public record SnapshotExport(Secret token) {}

package dev.kiwiops.core.kiwivm;

import java.time.Instant;

/** One automatic backup of {@code backup/list} (the API keys them by token). */
public record Backup(String token, long sizeBytes, String os, String md5, Instant at) {}

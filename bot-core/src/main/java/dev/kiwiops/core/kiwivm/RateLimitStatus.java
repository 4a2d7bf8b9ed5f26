package dev.kiwiops.core.kiwivm;

/** {@code getRateLimitStatus}: points left in the 15-minute and 24-hour windows. */
public record RateLimitStatus(long remainingPoints15Min, long remainingPoints24H) {}

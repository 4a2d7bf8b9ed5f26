package dev.kiwiops.core.kiwivm;

/** {@code start}: newer answers say whether an ISO is mounted (null when not reported). */
public record StartResult(Boolean isoMounted) {}

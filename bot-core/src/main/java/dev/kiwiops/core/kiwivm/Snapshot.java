package dev.kiwiops.core.kiwivm;

import java.time.Duration;

/** One entry of {@code snapshot/list}, with the base64 description already decoded. */
public record Snapshot(
    String fileName,
    String os,
    String description,
    long sizeBytes,
    long uncompressedBytes,
    String md5,
    boolean sticky,
    Duration purgesIn,
    String downloadLink,
    String downloadLinkSsl) {}

package dev.kiwiops.core.kiwivm;

/**
 * {@code basicShell/exec}: the command's exit status and console output. A non-zero exit status is
 * a result, not an API failure.
 */
public record ShellExecResult(int exitStatus, String output) {}

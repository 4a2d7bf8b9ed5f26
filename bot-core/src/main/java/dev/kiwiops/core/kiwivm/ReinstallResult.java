package dev.kiwiops.core.kiwivm;

import dev.kiwiops.core.Secret;
import java.util.List;

/**
 * {@code reinstallOS}: the new root password (a secret), SSH port and keys, notification e-mail.
 */
public record ReinstallResult(
    Secret rootPassword, Integer sshPort, List<String> sshKeysBrief, String notificationEmail) {
  public ReinstallResult {
    sshKeysBrief = List.copyOf(sshKeysBrief);
  }
}

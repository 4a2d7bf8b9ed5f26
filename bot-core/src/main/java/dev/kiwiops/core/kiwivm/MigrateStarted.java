package dev.kiwiops.core.kiwivm;

import java.util.List;

/** {@code migrate/start}: where the notification goes and the new IPs. */
public record MigrateStarted(String notificationEmail, List<String> newIps) {
  public MigrateStarted {
    newIps = List.copyOf(newIps);
  }
}

package dev.kiwiops.core.commands;

import dev.kiwiops.core.Identity;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The working directory each user last reached with {@code shell cd} on each server. Kept in memory
 * only: after a restart {@code shell exec} runs in KiwiVM's default directory again, which its
 * reply says.
 */
public final class ShellDirectories {
  private final Map<Key, String> directories = new ConcurrentHashMap<>();

  public Optional<String> of(Identity user, String server) {
    return Optional.ofNullable(directories.get(new Key(user, server)));
  }

  public void set(Identity user, String server, String directory) {
    directories.put(new Key(user, server), directory);
  }

  private record Key(Identity user, String server) {}
}

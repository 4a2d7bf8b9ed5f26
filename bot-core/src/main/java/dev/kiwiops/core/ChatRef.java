package dev.kiwiops.core;

import java.util.Objects;

/**
 * Where a command was typed: platform and chat id ({@code telegram:-1001234}, {@code
 * discord:<channel id>}, {@code console:tty}), and whether that chat is private to the caller.
 */
public record ChatRef(String platform, String id, boolean direct) {
  public ChatRef {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(id, "id");
  }

  @Override
  public String toString() {
    return platform + ":" + id;
  }
}

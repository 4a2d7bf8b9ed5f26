package dev.kiwiops.core.commands;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.command.Execution;
import dev.kiwiops.core.fleet.FleetServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Questions for a secret the bot has asked one user privately, such as the remote root password of
 * {@code clone}. The user answers with {@code secret CODE <value>} in a direct chat (an adapter may
 * turn a Discord modal into that line); the answer is redeemed once, by that user only, within the
 * time to live, and the value goes straight into the waiting write without being stored, echoed or
 * audited.
 */
public final class SecretPrompts {
  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final int CODE_LENGTH = 6;

  private final Cache<String, Pending> pending;
  private final SecureRandom random;
  private final Duration ttl;

  public SecretPrompts(Duration ttl, Ticker ticker, SecureRandom random) {
    this.ttl = ttl;
    this.random = random;
    this.pending =
        Caffeine.newBuilder().ticker(ticker).expireAfterWrite(ttl).maximumSize(1_000).build();
  }

  public Duration ttl() {
    return ttl;
  }

  /** Registers a question; returns the code the user answers with. */
  public String ask(
      Identity user, FleetServer server, String permission, Function<Secret, Execution> then) {
    while (true) {
      StringBuilder code = new StringBuilder();
      for (int i = 0; i < CODE_LENGTH; i++) {
        code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
      String key = code.toString();
      if (pending.asMap().putIfAbsent(key, new Pending(user, server, permission, then)) == null) {
        return key;
      }
    }
  }

  /**
   * Takes the question with this code if {@code user} was asked it and it has not expired; a code
   * asked of someone else stays where it is.
   */
  public Optional<Pending> redeem(String code, Identity user) {
    String key = code.toUpperCase(java.util.Locale.ROOT);
    Pending found = pending.getIfPresent(key);
    if (found == null || !found.user().equals(user)) {
      return Optional.empty();
    }
    return pending.asMap().remove(key, found) ? Optional.of(found) : Optional.empty();
  }

  /** A question waiting for its answer, and what to run with it. */
  public record Pending(
      Identity user, FleetServer server, String permission, Function<Secret, Execution> then) {}
}

package dev.kiwiops.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's sending limits, per chat: about one message a second in any chat, at most 20 a minute
 * in a group (negative chat ids), and nothing at all until a 429's {@code retry_after} has passed.
 * Callers ask how long to wait and then reserve their slot; commands wait, alerts give the outbox
 * the wait by failing (it retries later).
 */
final class Pacer {
  static final Duration PER_CHAT = Duration.ofSeconds(1);
  static final Duration GROUP_WINDOW = Duration.ofMinutes(1);
  static final int GROUP_PER_WINDOW = 20;

  private final Clock clock;
  private final Map<String, Deque<Instant>> sent = new HashMap<>();
  private final Map<String, Instant> blockedUntil = new HashMap<>();

  Pacer(Clock clock) {
    this.clock = clock;
  }

  /** How long a message to {@code chatId} must wait from now (zero when it may go now). */
  synchronized Duration delay(String chatId) {
    Instant now = clock.instant();
    Instant at = earliest(chatId, now);
    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
  }

  /** Takes the next slot for {@code chatId}; returns how long to wait before using it. */
  synchronized Duration reserve(String chatId) {
    Instant now = clock.instant();
    Instant at = earliest(chatId, now);
    Deque<Instant> times = sent.computeIfAbsent(chatId, k -> new ArrayDeque<>());
    times.addLast(at);
    while (times.size() > GROUP_PER_WINDOW) {
      times.removeFirst();
    }
    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
  }

  /** Telegram answered 429: nothing goes to this chat before {@code retryAfter} has passed. */
  synchronized void blocked(String chatId, Duration retryAfter) {
    Instant until = clock.instant().plus(retryAfter);
    blockedUntil.merge(chatId, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  private Instant earliest(String chatId, Instant now) {
    Instant at = now;
    Instant blocked = blockedUntil.get(chatId);
    if (blocked != null && blocked.isAfter(at)) {
      at = blocked;
    }
    Deque<Instant> times = sent.get(chatId);
    if (times != null && !times.isEmpty()) {
      Instant spaced = times.peekLast().plus(PER_CHAT);
      if (spaced.isAfter(at)) {
        at = spaced;
      }
      if (isGroup(chatId) && times.size() >= GROUP_PER_WINDOW) {
        Instant windowed = times.peekFirst().plus(GROUP_WINDOW);
        if (windowed.isAfter(at)) {
          at = windowed;
        }
      }
    }
    return at;
  }

  static boolean isGroup(String chatId) {
    return chatId.startsWith("-") || chatId.startsWith("@");
  }
}

package dev.kiwiops.core.confirm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.CommandSpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Pending confirmations, single-use and expiring. Each has an opaque token of 128 random bits (for
 * buttons) and a short code for typing, which is looked up only within the requester's own chat.
 * Redeeming is an atomic remove from the map, so a double click or a replay finds nothing.
 * Everything lives in memory: confirmations from before a restart are invalid by construction.
 */
public final class ConfirmationBook {
  static final String NO_LONGER_VALID = "This confirmation is no longer valid.";
  private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final int CODE_LENGTH = 6;

  private final Cache<String, PendingConfirmation> byToken;
  private final Cache<String, String> tokenByCode;
  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random;

  public ConfirmationBook(Duration ttl, Ticker ticker, Clock clock, SecureRandom random) {
    this.ttl = ttl;
    this.clock = clock;
    this.random = random;
    this.byToken = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).build();
    this.tokenByCode = Caffeine.newBuilder().expireAfterWrite(ttl).ticker(ticker).build();
  }

  public Duration ttl() {
    return ttl;
  }

  /** Stores a new pending confirmation for the caller's action in this chat. */
  public PendingConfirmation request(Caller caller, ChatRef chat, CommandSpec spec, Action action) {
    String token = newToken();
    String code;
    do {
      code = newCode();
    } while (tokenByCode.getIfPresent(codeKey(caller, chat, code)) != null);
    PendingConfirmation pending =
        new PendingConfirmation(token, code, caller, chat, spec, action, clock.instant().plus(ttl));
    byToken.put(token, pending);
    tokenByCode.put(codeKey(caller, chat, code), token);
    return pending;
  }

  /**
   * Takes the confirmation named by a token or typed code, if it belongs to this caller in this
   * chat and is still valid. Someone else's attempt leaves it in place for its owner.
   */
  public Redemption redeem(String tokenOrCode, Caller caller, ChatRef chat) {
    Optional<PendingConfirmation> found = find(tokenOrCode, caller, chat);
    if (found.isEmpty()) {
      return new Redemption.Invalid(NO_LONGER_VALID);
    }
    PendingConfirmation pending = found.get();
    if (!pending.requester().user().equals(caller.user()) || !pending.chat().equals(chat)) {
      return new Redemption.Invalid(
          "This confirmation belongs to someone else; only its requester can answer it.");
    }
    if (!byToken.asMap().remove(pending.token(), pending)) {
      return new Redemption.Invalid(NO_LONGER_VALID);
    }
    tokenByCode.invalidate(codeKey(pending.requester(), pending.chat(), pending.code()));
    return new Redemption.Redeemed(pending);
  }

  private Optional<PendingConfirmation> find(String tokenOrCode, Caller caller, ChatRef chat) {
    PendingConfirmation byTok = byToken.getIfPresent(tokenOrCode);
    if (byTok != null) {
      return Optional.of(byTok);
    }
    String token =
        tokenByCode.getIfPresent(codeKey(caller, chat, tokenOrCode.toUpperCase(Locale.ROOT)));
    return token == null ? Optional.empty() : Optional.ofNullable(byToken.getIfPresent(token));
  }

  private String newToken() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String newCode() {
    char[] code = new char[CODE_LENGTH];
    for (int i = 0; i < CODE_LENGTH; i++) {
      code[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
    }
    return new String(code);
  }

  private static String codeKey(Caller caller, ChatRef chat, String code) {
    return caller.user() + "|" + chat + "|" + code;
  }
}

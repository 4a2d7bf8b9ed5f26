package dev.kiwiops.core.confirm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.reply.Conversation;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Pending confirmations and pending four-eyes approvals: single-use, expiring, held in memory only.
 *
 * <p>Each has an opaque token of 128 random bits, which buttons carry, and a short code for typing.
 * A confirmation's code is looked up only for its requester in its chat; an approval's code only in
 * the chat where it was requested (the approver is, by design, someone else). Redeeming is an
 * atomic remove from the map, so a double click, a replay or two racing approvers find nothing the
 * second time. Because nothing is persisted, a confirmation from before a restart is invalid by
 * construction.
 *
 * <p>The book decides nothing about permissions: the dispatcher checks those against the policy in
 * force before it takes an entry.
 */
public final class ConfirmationBook {
  /** The answer to every confirm, cancel or approve that finds nothing it may act on. */
  public static final String NO_LONGER_VALID =
      "This confirmation is no longer valid: it was already used or cancelled, it expired, or it"
          + " was asked before a restart or a failover.";

  static final String SOMEONE_ELSES =
      "This confirmation is not yours: only the person who asked for it, in the chat where it was"
          + " asked, can answer it.";

  private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final int CODE_LENGTH = 6;
  private static final int TOKEN_BYTES = 16;

  private volatile ConfirmationRules rules;
  private final Clock clock;
  private final SecureRandom random;
  private final Cache<String, PendingConfirmation> confirmationsByToken;
  private final Cache<String, String> confirmationTokenByCode;
  private final Cache<String, PendingApproval> approvalsByToken;
  private final Cache<String, String> approvalTokenByCode;
  private final Queue<Lapsed> lapsed = new ConcurrentLinkedQueue<>();

  public ConfirmationBook(
      ConfirmationRules rules, Ticker ticker, Clock clock, SecureRandom random) {
    this.rules = rules;
    this.clock = clock;
    this.random = random;
    this.confirmationsByToken =
        Caffeine.newBuilder()
            .expireAfterWrite(rules.ttl())
            .ticker(ticker)
            .executor(Runnable::run)
            .<String, PendingConfirmation>removalListener(
                (token, pending, cause) -> {
                  if (cause == RemovalCause.EXPIRED && pending != null) {
                    lapsed.add(new Lapsed(pending, Lapsed.Stage.CONFIRMATION));
                  }
                })
            .build();
    this.confirmationTokenByCode =
        Caffeine.newBuilder().expireAfterWrite(rules.ttl()).ticker(ticker).build();
    this.approvalsByToken =
        Caffeine.newBuilder()
            .expireAfterWrite(rules.approvalTtl())
            .ticker(ticker)
            .executor(Runnable::run)
            .<String, PendingApproval>removalListener(
                (token, pending, cause) -> {
                  if (cause == RemovalCause.EXPIRED && pending != null) {
                    lapsed.add(new Lapsed(pending.request(), Lapsed.Stage.APPROVAL));
                  }
                })
            .build();
    this.approvalTokenByCode =
        Caffeine.newBuilder().expireAfterWrite(rules.approvalTtl()).ticker(ticker).build();
  }

  public ConfirmationRules rules() {
    return rules;
  }

  /**
   * Puts {@code next} in force (a configuration reload): which commands need a confirmation or an
   * approval is decided by {@code next} from now on, and its time limits apply to every pending
   * request, counted from when each was made.
   */
  public void replaceRules(ConfirmationRules next) {
    this.rules = java.util.Objects.requireNonNull(next, "next");
    setTtl(confirmationsByToken, next.ttl());
    setTtl(confirmationTokenByCode, next.ttl());
    setTtl(approvalsByToken, next.approvalTtl());
    setTtl(approvalTokenByCode, next.approvalTtl());
  }

  private static void setTtl(Cache<String, ?> cache, java.time.Duration ttl) {
    cache.policy().expireAfterWrite().ifPresent(p -> p.setExpiresAfter(ttl));
  }

  /** Stores a new pending confirmation for the caller's action in this chat. */
  public PendingConfirmation request(Caller caller, ChatRef chat, CommandSpec spec, Action action) {
    String token = newToken();
    String code;
    do {
      code = newCode();
    } while (confirmationTokenByCode.getIfPresent(confirmationKey(caller, chat, code)) != null);
    PendingConfirmation pending =
        new PendingConfirmation(
            token, code, caller, chat, spec, action, clock.instant().plus(rules.ttl()));
    confirmationsByToken.put(token, pending);
    confirmationTokenByCode.put(confirmationKey(caller, chat, code), token);
    return pending;
  }

  /**
   * Takes the confirmation named by a token or typed code, if it belongs to this caller in this
   * chat and is still valid; the caller then holds it exclusively, for {@code confirm} or {@code
   * cancel}. Someone else's attempt leaves it in place for its owner.
   */
  public Redemption redeem(String tokenOrCode, Caller caller, ChatRef chat) {
    Optional<PendingConfirmation> found = findConfirmation(tokenOrCode, caller, chat);
    if (found.isEmpty()) {
      return new Redemption.Invalid(NO_LONGER_VALID, false);
    }
    PendingConfirmation pending = found.get();
    if (!pending.requester().user().equals(caller.user()) || !pending.chat().equals(chat)) {
      return new Redemption.Invalid(SOMEONE_ELSES, true);
    }
    if (!confirmationsByToken.asMap().remove(pending.token(), pending)) {
      return new Redemption.Invalid(NO_LONGER_VALID, false);
    }
    confirmationTokenByCode.invalidate(
        confirmationKey(pending.requester(), pending.chat(), pending.code()));
    return new Redemption.Redeemed(pending);
  }

  /**
   * Parks a confirmed request until someone else approves it, in the same chat, within the approval
   * time limit. {@code requesterConversation} is where the result will go once approved, so that a
   * secret reply reaches the requester and not the approver.
   */
  public PendingApproval awaitApproval(
      PendingConfirmation confirmed, Conversation requesterConversation) {
    String token = newToken();
    String code;
    do {
      code = newCode();
    } while (approvalTokenByCode.getIfPresent(approvalKey(confirmed.chat(), code)) != null);
    PendingApproval pending =
        new PendingApproval(
            token,
            code,
            confirmed,
            requesterConversation,
            clock.instant().plus(rules.approvalTtl()));
    approvalsByToken.put(token, pending);
    approvalTokenByCode.put(approvalKey(confirmed.chat(), code), token);
    return pending;
  }

  /**
   * The pending approval named by a token or a code typed in {@code chat}, without taking it. A
   * token from another chat finds nothing: the approval belongs to the chat that saw the request.
   */
  public Optional<PendingApproval> findApproval(String tokenOrCode, ChatRef chat) {
    PendingApproval byToken = approvalsByToken.getIfPresent(tokenOrCode);
    if (byToken == null) {
      String token =
          approvalTokenByCode.getIfPresent(approvalKey(chat, tokenOrCode.toUpperCase(Locale.ROOT)));
      byToken = token == null ? null : approvalsByToken.getIfPresent(token);
    }
    if (byToken == null || !byToken.request().chat().equals(chat)) {
      return Optional.empty();
    }
    return Optional.of(byToken);
  }

  /**
   * Takes a pending approval for good (approved or cancelled). Only one caller ever gets {@code
   * true}; everyone else, and anyone after expiry, gets {@code false}.
   */
  public boolean take(PendingApproval approval) {
    if (!approvalsByToken.asMap().remove(approval.token(), approval)) {
      return false;
    }
    approvalTokenByCode.invalidate(approvalKey(approval.request().chat(), approval.code()));
    return true;
  }

  /**
   * The confirmations and approvals that expired unanswered since the last call, oldest first, so
   * that the audit trail can say so. Expiry itself needs no call: an expired entry is never found.
   */
  public List<Lapsed> drainLapsed() {
    confirmationsByToken.cleanUp();
    approvalsByToken.cleanUp();
    List<Lapsed> drained = new ArrayList<>();
    for (Lapsed next = lapsed.poll(); next != null; next = lapsed.poll()) {
      drained.add(next);
    }
    return drained;
  }

  private Optional<PendingConfirmation> findConfirmation(
      String tokenOrCode, Caller caller, ChatRef chat) {
    PendingConfirmation byToken = confirmationsByToken.getIfPresent(tokenOrCode);
    if (byToken != null) {
      return Optional.of(byToken);
    }
    String token =
        confirmationTokenByCode.getIfPresent(
            confirmationKey(caller, chat, tokenOrCode.toUpperCase(Locale.ROOT)));
    return token == null
        ? Optional.empty()
        : Optional.ofNullable(confirmationsByToken.getIfPresent(token));
  }

  private String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
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

  private static String confirmationKey(Caller caller, ChatRef chat, String code) {
    return caller.user() + "|" + chat + "|" + code;
  }

  private static String approvalKey(ChatRef chat, String code) {
    return chat + "|" + code;
  }

  /** A confirmation or approval that expired without an answer. */
  public record Lapsed(PendingConfirmation request, Stage stage) {
    /** Which answer was missing. */
    public enum Stage {
      CONFIRMATION,
      APPROVAL
    }
  }
}

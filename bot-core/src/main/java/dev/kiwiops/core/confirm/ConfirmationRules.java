package dev.kiwiops.core.confirm;

import dev.kiwiops.core.access.PermissionPattern;
import dev.kiwiops.core.command.CommandSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which commands wait for a confirmation or a second person, and for how long: the {@code confirm}
 * section of the configuration on top of the catalogue defaults.
 *
 * <p>A command needs a confirmation if the catalogue says so ({@link CommandSpec#confirm()}) or its
 * permission matches {@code alsoConfirm} or {@code approval}; configuration can add confirmations
 * but never remove the catalogue's. A command whose permission matches {@code approval} (e.g.
 * {@code os.reinstall}, {@code migrate.start}) also needs {@code approve CODE} from a different
 * person that holds the same permission on that server.
 *
 * @param ttl how long a confirmation stays valid ({@code confirm.ttl}, default 60 s)
 * @param approvalTtl how long a confirmed request waits for its approval (default 10 min)
 * @param alsoConfirm permission patterns that need a confirmation beyond the catalogue's
 * @param approval permission patterns that need four-eyes approval ({@code confirm.approval})
 */
public record ConfirmationRules(
    Duration ttl,
    Duration approvalTtl,
    List<PermissionPattern> alsoConfirm,
    List<PermissionPattern> approval) {

  public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
  public static final Duration DEFAULT_APPROVAL_TTL = Duration.ofMinutes(10);

  public ConfirmationRules {
    requirePositive(ttl, "confirm.ttl");
    requirePositive(approvalTtl, "the approval time limit");
    alsoConfirm = List.copyOf(alsoConfirm);
    approval = List.copyOf(approval);
  }

  /** The catalogue defaults: 60 s, no extra confirmations, no approvals. */
  public static ConfirmationRules defaults() {
    return new ConfirmationRules(DEFAULT_TTL, DEFAULT_APPROVAL_TTL, List.of(), List.of());
  }

  public ConfirmationRules withTtl(Duration value) {
    return new ConfirmationRules(value, approvalTtl, alsoConfirm, approval);
  }

  public ConfirmationRules withApprovalTtl(Duration value) {
    return new ConfirmationRules(ttl, value, alsoConfirm, approval);
  }

  /** Adds permission patterns (as configured, e.g. {@code os.reinstall}) that need approval. */
  public ConfirmationRules withApproval(List<String> patterns) {
    return new ConfirmationRules(ttl, approvalTtl, alsoConfirm, parse(patterns));
  }

  /** Adds permission patterns that need a confirmation although the catalogue does not ask. */
  public ConfirmationRules withAlsoConfirm(List<String> patterns) {
    return new ConfirmationRules(ttl, approvalTtl, parse(patterns), approval);
  }

  public boolean needsConfirmation(CommandSpec spec) {
    return spec.confirm() || matches(alsoConfirm, spec) || needsApproval(spec);
  }

  public boolean needsApproval(CommandSpec spec) {
    return matches(approval, spec);
  }

  private static boolean matches(List<PermissionPattern> patterns, CommandSpec spec) {
    if (spec.isOpenToAnyone()) {
      return false;
    }
    return patterns.stream().anyMatch(p -> p.matches(spec.permission()));
  }

  private static List<PermissionPattern> parse(List<String> patterns) {
    return patterns.stream().map(PermissionPattern::parse).toList();
  }

  private static void requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be longer than zero");
    }
  }
}

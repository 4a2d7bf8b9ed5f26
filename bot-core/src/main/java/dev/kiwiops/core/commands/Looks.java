package dev.kiwiops.core.commands;

import dev.kiwiops.core.command.ExecutionContext;
import dev.kiwiops.core.command.Foresight;
import dev.kiwiops.core.command.Preview;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.LiveServiceInfo;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.kiwivm.VmType;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands' looks before a confirmation prompt ({@link Foresight}): reads that refuse when they
 * fail or when what they find does not fit, and the wording of the facts they find.
 */
final class Looks {
  /**
   * {@code snapshot-<veid>-<epoch seconds>-<date>-<hex>.tar.gz}: the epoch is when it was taken.
   */
  private static final Pattern SNAPSHOT_TAKEN = Pattern.compile("^snapshot-\\d+-(\\d{9,11})-");

  private Looks() {}

  /** Why a look refuses; caught by {@link #of}, never escapes it. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String why) {
      super(why, null, false, false);
    }
  }

  /** A look that may refuse by throwing {@link Refusal}. */
  @FunctionalInterface
  interface Body {
    Preview look(ExecutionContext context) throws Refusal;
  }

  static Foresight of(Body body) {
    return context -> {
      try {
        return body.look(context);
      } catch (Refusal refusal) {
        return Preview.refused(refusal.getMessage());
      }
    };
  }

  /** The value of a read that succeeded; otherwise a refusal saying it could not {@code what}. */
  static <T> T read(ApiResult<T> result, FleetServer server, String what) throws Refusal {
    if (result instanceof ApiResult.Ok<T> ok) {
      return ok.value();
    }
    String failure = result.describeFailure().strip();
    throw new Refusal(
        "Could not "
            + what
            + " "
            + server.name()
            + ": "
            + failure
            + (failure.endsWith(".") ? "" : "."));
  }

  static void require(boolean holds, String why) throws Refusal {
    if (!holds) {
      throw new Refusal(why);
    }
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** {@code 3.1 GB used of 20 GB}, from live info of either kind of server, when it says. */
  static Optional<String> diskUse(LiveServiceInfo live) {
    if (live.info().vmType() == VmType.KVM) {
      if (live.usedDiskBytes() == null) {
        return Optional.empty();
      }
      return Optional.of(
          Units.bytes(live.usedDiskBytes())
              + " used"
              + (live.diskQuotaGb() != null ? " of " + live.diskQuotaGb() + " GB" : ""));
    }
    String occupied = live.vzQuota().get("occupied_kb");
    if (occupied == null) {
      return Optional.empty();
    }
    try {
      String limit = live.vzQuota().get("softlimit_kb");
      return Optional.of(
          Units.bytes(Long.parseLong(occupied) * 1024)
              + " used"
              + (limit != null ? " of " + Units.bytes(Long.parseLong(limit) * 1024) : ""));
    } catch (NumberFormatException e) {
      return Optional.of(occupied + " KB used");
    }
  }

  /** When a snapshot was taken, from its file name; empty when the name does not say. */
  static Optional<Instant> taken(Snapshot snapshot) {
    Matcher m = SNAPSHOT_TAKEN.matcher(snapshot.fileName());
    return m.find()
        ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1))))
        : Optional.empty();
  }

  /** {@code "before upgrade", taken 2025-09-09 06:40 UTC, 1.2 GB (4 GB raw), debian-12}. */
  static String snapshot(Snapshot s) {
    StringBuilder out = new StringBuilder();
    out.append(s.description().isBlank() ? "no description" : "\"" + s.description() + "\"");
    out.append(", taken ").append(taken(s).map(Units::utc).orElse("at an unknown date"));
    out.append(", ").append(Units.bytes(s.sizeBytes()));
    if (s.uncompressedBytes() > 0) {
      out.append(" (").append(Units.bytes(s.uncompressedBytes())).append(" raw)");
    }
    if (s.os() != null && !s.os().isBlank()) {
      out.append(", ").append(s.os());
    }
    return out.toString();
  }

  /** A public key as a prompt shows it: its type, the ends of its body, its comment. */
  static String key(String key) {
    String[] parts = key.strip().split("\\s+", 3);
    if (parts.length < 2) {
      return Arguments.shorten(key);
    }
    String body = parts[1];
    String shown =
        body.length() > 16 ? body.substring(0, 6) + "…" + body.substring(body.length() - 8) : body;
    return parts[0] + " " + shown + (parts.length == 3 ? " " + Arguments.shorten(parts[2]) : "");
  }
}

package dev.kiwiops.core.complete;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.kiwivm.Backup;
import dev.kiwiops.core.kiwivm.KnownReads;
import dev.kiwiops.core.kiwivm.KnownReads.Read;
import dev.kiwiops.core.kiwivm.MigrateLocations;
import dev.kiwiops.core.kiwivm.PolicyViolations;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.kiwivm.SuspensionDetails;
import dev.kiwiops.core.watch.Incident;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link Completer} over what the bot holds: the access policy for servers and command words,
 * the open incidents for alert ids, and {@link KnownReads} for everything KiwiVM said about a
 * server. A per-server value that is missing or past its cache lifetime is answered as it is known
 * (possibly not at all) and fetched in the background for the next request.
 *
 * <p>A server outside the caller's scope for the permission is never offered, and nothing about it
 * is looked up or fetched: a per-server kind for such a server answers no choices.
 */
public final class CachedCompleter implements Completer {
  /** Discord's longest choice name; labels are cut to it. */
  static final int MAX_LABEL = 100;

  private final Supplier<AccessPolicy> policy;
  private final KnownReads reads;
  private final Supplier<List<Incident>> openIncidents;
  private final Supplier<CommandCatalog> commands;

  /**
   * @param policy the access policy in force
   * @param reads what KiwiVM said, as the client's cache remembers it
   * @param openIncidents the watcher's open incidents (alert ids)
   * @param commands the command catalogue (command words for {@code help})
   */
  public CachedCompleter(
      Supplier<AccessPolicy> policy,
      KnownReads reads,
      Supplier<List<Incident>> openIncidents,
      Supplier<CommandCatalog> commands) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.reads = Objects.requireNonNull(reads, "reads");
    this.openIncidents = Objects.requireNonNull(openIncidents, "openIncidents");
    this.commands = Objects.requireNonNull(commands, "commands");
  }

  @Override
  public List<Choice> complete(
      Caller caller,
      String permission,
      Suggestions kind,
      Optional<String> server,
      String prefix,
      int limit) {
    if (limit <= 0 || kind == Suggestions.NONE) {
      return List.of();
    }
    AccessPolicy now = policy.get();
    Matcher match = new Matcher(prefix == null ? "" : prefix, limit);
    switch (kind) {
      case SERVERS -> {
        for (FleetServer s : now.scope(caller, permission)) {
          if (!match.add(s.name(), serverLabel(s))) {
            break;
          }
        }
        return match.choices();
      }
      case ALERT_IDS -> {
        Set<String> scope = new HashSet<>();
        now.scope(caller, permission).forEach(s -> scope.add(s.name()));
        for (Incident incident : openIncidents.get()) {
          if (scope.contains(incident.key().server())
              && !match.add(incident.alertId(), incident.alertId() + " — " + incident.title())) {
            break;
          }
        }
        return match.choices();
      }
      case COMMANDS -> {
        for (Command command : commands.get().all()) {
          CommandSpec spec = command.spec();
          if ((spec.isOpenToAnyone() || now.allows(caller, spec.permission(), Optional.empty()))
              && !match.add(spec.name(), spec.name() + " — " + spec.summary())) {
            break;
          }
        }
        return match.choices();
      }
      default -> {
        Optional<FleetServer> chosen = chosenServer(now, caller, permission, server);
        return chosen.map(s -> perServer(kind, s, match)).orElse(List.of());
      }
    }
  }

  /**
   * The named server if the caller may use the permission on it; without a name, the caller's only
   * server (as commands accept it left out). Unknown and out-of-scope names look alike: nothing.
   */
  private static Optional<FleetServer> chosenServer(
      AccessPolicy policy, Caller caller, String permission, Optional<String> name) {
    Optional<String> typed = name.map(String::trim).filter(n -> !n.isEmpty());
    if (typed.isPresent()) {
      return policy
          .fleet()
          .find(typed.get())
          .filter(s -> policy.allows(caller, permission, Optional.of(s)));
    }
    List<FleetServer> scope = policy.scope(caller, permission);
    return scope.size() == 1 ? Optional.of(scope.get(0)) : Optional.empty();
  }

  private List<Choice> perServer(Suggestions kind, FleetServer server, Matcher match) {
    switch (kind) {
      case SNAPSHOT_FILES ->
          known(server, Read.SNAPSHOTS)
              .ifPresent(
                  list -> {
                    for (Snapshot s : list) {
                      String label =
                          s.fileName() + (s.description().isBlank() ? "" : " — " + s.description());
                      if (!match.add(s.fileName(), label)) {
                        break;
                      }
                    }
                  });
      case OS_TEMPLATES ->
          known(server, Read.AVAILABLE_OS).ifPresent(os -> match.addAll(os.templates()));
      case ISOS -> known(server, Read.SERVICE_INFO).ifPresent(i -> match.addAll(i.availableIsos()));
      case LOCATIONS ->
          known(server, Read.MIGRATE_LOCATIONS)
              .ifPresent(
                  locations -> {
                    for (MigrateLocations.Location l : locations.locations()) {
                      String label =
                          l.id()
                              + (l.description().isBlank() ? "" : " — " + l.description())
                              + (l.dataTransferMultiplier() != 1.0
                                  ? " (transfer ×" + l.dataTransferMultiplier() + ")"
                                  : "");
                      if (!match.add(l.id(), label)) {
                        break;
                      }
                    }
                  });
      case BACKUP_TOKENS ->
          known(server, Read.BACKUPS)
              .ifPresent(
                  list -> {
                    for (Backup b : list) {
                      String label =
                          b.token()
                              + (b.os().isBlank() ? "" : " — " + b.os())
                              + (b.at() == null ? "" : ", " + b.at());
                      if (!match.add(b.token(), label)) {
                        break;
                      }
                    }
                  });
      case SERVER_IPS ->
          known(server, Read.SERVICE_INFO).ifPresent(i -> match.addAll(i.ipAddresses()));
      case SERVER_IPV6 ->
          known(server, Read.SERVICE_INFO)
              .ifPresent(
                  i ->
                      match.addAll(
                          i.ipAddresses().stream().filter(ip -> ip.contains(":")).toList()));
      case PRIVATE_IPS_AVAILABLE ->
          known(server, Read.PRIVATE_IPS_AVAILABLE).ifPresent(match::addAll);
      case PRIVATE_IPS_ASSIGNED ->
          known(server, Read.SERVICE_INFO).ifPresent(i -> match.addAll(i.privateIpAddresses()));
      case VIOLATION_RECORDS ->
          known(server, Read.POLICY_VIOLATIONS)
              .ifPresent(
                  v -> {
                    for (PolicyViolations.Violation violation : v.violations()) {
                      String id = Long.toString(violation.recordId());
                      if (!match.add(id, id + " — " + violation.flag())) {
                        break;
                      }
                    }
                  });
      case SUSPENSION_RECORDS ->
          known(server, Read.SUSPENSION_DETAILS)
              .ifPresent(
                  d -> {
                    for (SuspensionDetails.Suspension s : d.suspensions()) {
                      String id = Long.toString(s.recordId());
                      if (!match.add(id, id + " — " + s.flag())) {
                        break;
                      }
                    }
                  });
      default -> {
        // SERVERS, ALERT_IDS, COMMANDS and NONE are answered before a server is chosen.
      }
    }
    return match.choices();
  }

  /**
   * What is known of {@code read} for the server, at once; a missing or stale value is fetched in
   * the background so that a later request finds it.
   */
  private <T> Optional<T> known(FleetServer server, Read<T> read) {
    Optional<KnownReads.Known<T>> known = reads.lastKnown(server, read);
    if (known.isEmpty() || !known.get().fresh()) {
      reads.fetch(server, read);
    }
    return known.map(KnownReads.Known::value);
  }

  private static String serverLabel(FleetServer server) {
    return server.tags().isEmpty()
        ? server.name()
        : server.name() + " (" + String.join(", ", new java.util.TreeSet<>(server.tags())) + ")";
  }

  /** Collects choices whose value starts with the prefix (ignoring case), up to the limit. */
  private static final class Matcher {
    private final String prefix;
    private final int limit;
    private final List<Choice> choices = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    Matcher(String prefix, int limit) {
      this.prefix = prefix.strip().toLowerCase(Locale.ROOT);
      this.limit = limit;
    }

    /** Adds a matching choice; false once the limit is reached (stop looking). */
    boolean add(String value, String label) {
      if (choices.size() >= limit) {
        return false;
      }
      if (value.toLowerCase(Locale.ROOT).startsWith(prefix) && seen.add(value)) {
        choices.add(new Choice(value, cut(label)));
      }
      return choices.size() < limit;
    }

    void addAll(List<String> values) {
      for (String value : values) {
        if (!add(value, value)) {
          return;
        }
      }
    }

    List<Choice> choices() {
      return List.copyOf(choices);
    }

    private static String cut(String label) {
      String oneLine = label.replaceAll("\\s+", " ").strip();
      return oneLine.length() <= MAX_LABEL ? oneLine : oneLine.substring(0, MAX_LABEL - 1) + "…";
    }
  }
}

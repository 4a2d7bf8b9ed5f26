package dev.kiwiops.core.watch;

import dev.kiwiops.core.command.Action;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandInput;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.ParamKind;
import dev.kiwiops.core.command.Parameter;
import dev.kiwiops.core.command.UsageException;
import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code alerts [server]}, {@code alerts ack <id>} and {@code alerts snooze <id> <duration>}: the
 * open incidents of the caller's servers, and acting on one. An alert of a server outside the
 * caller's scope answers like an unknown one.
 */
public final class AlertCommands {
  static final Duration MAX_SNOOZE = Duration.ofDays(7);
  static final String NOT_WATCHING =
      "This process does not watch the servers, so it detects nothing itself; ack and snooze"
          + " alerts where the watcher runs.";
  private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,6})(d|h|min|m|s)");

  private AlertCommands() {}

  /** The three commands, to add to the catalogue. */
  public static List<Command> all(Watcher watcher, Clock clock) {
    return List.of(new ListAlerts(watcher, clock), new Ack(watcher), new Snooze(watcher, clock));
  }

  /** {@code alerts [server]}. */
  private record ListAlerts(Watcher watcher, Clock clock) implements Command {
    private static final CommandSpec SPEC =
        CommandSpec.builder("alerts")
            .parameter(Parameter.optional("server", ParamKind.SERVER, "only alerts of this server"))
            .summary("open alerts")
            .examples("alerts", "alerts web1")
            .build();

    @Override
    public CommandSpec spec() {
      return SPEC;
    }

    @Override
    public Action parse(CommandInput input) throws UsageException {
      if (input.args().size() > 1) {
        throw new UsageException("Unexpected '" + input.args().get(1) + "'.");
      }
      if (input.args().isEmpty()) {
        Set<String> scope =
            input.scope().stream().map(FleetServer::name).collect(Collectors.toSet());
        return Action.of(Optional.empty(), List.of(), ctx -> render(scope, "your servers"));
      }
      FleetServer server = input.server(0).server();
      return Action.on(
          server, List.of(server.name()), ctx -> render(Set.of(server.name()), server.name()));
    }

    private Reply render(Set<String> servers, String where) {
      Instant now = clock.instant();
      List<List<String>> rows = new ArrayList<>();
      for (Incident i : watcher.openIncidents()) {
        if (!servers.contains(i.key().server())) {
          continue;
        }
        rows.add(
            List.of(
                i.alertId(),
                i.severity().name().toLowerCase(Locale.ROOT),
                i.title(),
                Units.relative(i.openedAt(), now),
                state(i, now)));
      }
      boolean watching = watcher.isWatching();
      if (rows.isEmpty()) {
        if (!watching) {
          return Reply.builder()
              .tone(Tone.WARNING)
              .text("No open alerts stored for " + where + ". " + NOT_WATCHING)
              .build();
        }
        return Reply.builder().tone(Tone.SUCCESS).text("No open alerts on " + where + ".").build();
      }
      return Reply.builder()
          .title(rows.size() + (rows.size() == 1 ? " open alert" : " open alerts"))
          .table(List.of("ID", "Severity", "Alert", "Since", "State"), rows)
          .text(
              watching
                  ? "alerts ack <id> stops reminders; alerts snooze <id> 1h holds them back."
                  : "As stored by the watching process. " + NOT_WATCHING)
          .build();
    }

    private static String state(Incident i, Instant now) {
      if (i.acknowledgedBy().isPresent()) {
        return "acknowledged by " + i.acknowledgedBy().get();
      }
      if (i.snoozedUntil().isPresent() && i.snoozedUntil().get().isAfter(now)) {
        return "snoozed until " + Units.utc(i.snoozedUntil().get());
      }
      return "open";
    }
  }

  /** {@code alerts ack <id>}. */
  private record Ack(Watcher watcher) implements Command {
    private static final CommandSpec SPEC =
        CommandSpec.builder("alerts ack")
            .parameter(Parameter.required("id", ParamKind.ALERT_ID, "the alert id (see alerts)"))
            .summary("acknowledge an alert: no more reminders")
            .examples("alerts ack A12")
            .build();

    @Override
    public CommandSpec spec() {
      return SPEC;
    }

    @Override
    public Action parse(CommandInput input) throws UsageException {
      if (input.args().size() != 1) {
        throw new UsageException("Which alert? Give its id, e.g. A12.");
      }
      InScope found = openInScope(watcher, input, input.args().get(0));
      FleetServer server = found.server();
      String id = found.incident().alertId();
      return Action.on(
          server,
          List.of(server.name(), id),
          ctx -> {
            Optional<String> earlier = watcher.find(id).flatMap(Incident::acknowledgedBy);
            if (earlier.isPresent()) {
              return Reply.text(id + " was already acknowledged by " + earlier.get() + ".");
            }
            Optional<Incident> done = watcher.acknowledge(id, ctx.caller().user().toString());
            if (done.isEmpty()) {
              return Reply.text(id + " is no longer open.");
            }
            return Reply.builder()
                .tone(Tone.SUCCESS)
                .text(id + " acknowledged: " + done.get().title() + ". No more reminders.")
                .build();
          });
    }
  }

  /** {@code alerts snooze <id> <duration>}. */
  private record Snooze(Watcher watcher, Clock clock) implements Command {
    private static final CommandSpec SPEC =
        CommandSpec.builder("alerts snooze")
            .parameter(Parameter.required("id", ParamKind.ALERT_ID, "the alert id (see alerts)"))
            .parameter(
                Parameter.required(
                    "duration", ParamKind.DURATION, "how long: 30m, 2h, 1d, up to 7d"))
            .summary("hold back an alert's reminders for a while (30m, 2h, 1d)")
            .permission("alerts.ack")
            .examples("alerts snooze A12 1h")
            .build();

    @Override
    public CommandSpec spec() {
      return SPEC;
    }

    @Override
    public Action parse(CommandInput input) throws UsageException {
      if (input.args().size() != 2) {
        throw new UsageException("Give the alert id and how long, e.g. alerts snooze A12 1h.");
      }
      Duration duration = parseDuration(input.args().get(1));
      InScope found = openInScope(watcher, input, input.args().get(0));
      FleetServer server = found.server();
      String id = found.incident().alertId();
      return Action.on(
          server,
          List.of(server.name(), id, input.args().get(1)),
          ctx -> {
            Optional<Incident> done = watcher.snooze(id, duration, ctx.caller().user().toString());
            if (done.isEmpty()) {
              return Reply.text(id + " is no longer open.");
            }
            return Reply.builder()
                .tone(Tone.SUCCESS)
                .text(
                    id
                        + " snoozed until "
                        + Units.utc(done.get().snoozedUntil().orElse(clock.instant()))
                        + ": "
                        + done.get().title()
                        + ".")
                .build();
          });
    }
  }

  /**
   * The open incident with this id among the servers the caller may act on, with its server (the
   * action names it, so the dispatcher checks access on it too); an id outside the scope answers
   * like an unknown one.
   */
  private static InScope openInScope(Watcher watcher, CommandInput input, String id)
      throws UsageException {
    if (!watcher.isWatching()) {
      throw new UsageException(NOT_WATCHING);
    }
    Optional<Incident> incident = watcher.find(id.strip());
    if (incident.isPresent()) {
      for (FleetServer server : input.scope()) {
        if (server.name().equals(incident.get().key().server())) {
          return new InScope(incident.get(), server);
        }
      }
    }
    throw new UsageException("No open alert " + id + ". Type alerts to list them.");
  }

  private record InScope(Incident incident, FleetServer server) {}

  /**
   * Parses a snooze duration: one or more {@code <number><unit>} parts with units {@code d}, {@code
   * h}, {@code m}/{@code min}, {@code s} ({@code 90m}, {@code 1h30m}); at least a minute, at most a
   * week.
   */
  static Duration parseDuration(String text) throws UsageException {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = DURATION_PART.matcher(lower);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
              });
      end = m.end();
    }
    if (lower.isEmpty() || end != lower.length()) {
      throw new UsageException("'" + text + "' is not a duration; try 30m, 2h or 1d.");
    }
    if (total.compareTo(Duration.ofMinutes(1)) < 0 || total.compareTo(MAX_SNOOZE) > 0) {
      throw new UsageException("Snooze for at least 1 minute and at most 7 days.");
    }
    return total;
  }
}

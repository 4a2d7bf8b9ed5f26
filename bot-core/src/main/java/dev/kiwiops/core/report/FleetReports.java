package dev.kiwiops.core.report;

import dev.kiwiops.core.fleet.FleetServer;
import dev.kiwiops.core.forecast.Forecasts;
import dev.kiwiops.core.forecast.LinearForecast;
import dev.kiwiops.core.format.FleetTransferChartRenderer;
import dev.kiwiops.core.format.Units;
import dev.kiwiops.core.kiwivm.ApiResult;
import dev.kiwiops.core.kiwivm.KiwiVm;
import dev.kiwiops.core.kiwivm.ServiceInfo;
import dev.kiwiops.core.kiwivm.Snapshot;
import dev.kiwiops.core.reply.Attachment;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.watch.AlertKind;
import dev.kiwiops.core.watch.Incident;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet digest of {@code report} and the scheduled reports: per server its state, transfer used
 * and forecast, abuse points; the open incidents and their age; snapshots purged soon, servers
 * without a sticky snapshot or without a recent one; and a PNG chart of the transfer against the
 * quota. Reads {@code getServiceInfo} and {@code snapshot/list} of each server through the given
 * port (the caching client: a fresh read is shared with the watcher).
 *
 * <p>The state comes from {@code getServiceInfo} (suspended, policy violation, nullrouted) and the
 * watcher's open {@code down} incidents, not from {@code getLiveServiceInfo}, which can take 15 s
 * per server.
 */
public final class FleetReports {
  private static final Logger LOG = LoggerFactory.getLogger(FleetReports.class);
  private static final Pattern SNAPSHOT_TIME = Pattern.compile("snapshot-\\d+-(\\d{9,11})-.*");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Supplier<List<Incident>> incidents;
  private final Forecasts forecasts;
  private final FleetTransferChartRenderer chart;
  private final Supplier<ReportSettings> settings;
  private final Clock clock;

  /**
   * @param incidents the open incidents (the watcher's, or as stored)
   * @param forecasts the watcher's forecasts (empty histories in a process that does not watch)
   * @param chart draws the transfer chart
   * @param settings the reports section in force (snapshot thresholds)
   */
  public FleetReports(
      Supplier<List<Incident>> incidents,
      Forecasts forecasts,
      FleetTransferChartRenderer chart,
      Supplier<ReportSettings> settings,
      Clock clock) {
    this.incidents = incidents;
    this.forecasts = forecasts;
    this.chart = chart;
    this.settings = settings;
    this.clock = clock;
  }

  /** The digest of {@code servers} (in this order), titled {@code title}. */
  public Reply report(KiwiVm kiwi, List<FleetServer> servers, String title) {
    Instant now = clock.instant();
    ReportSettings s = settings.get();
    List<Incident> open =
        incidents.get().stream()
            .filter(i -> servers.stream().anyMatch(f -> f.name().equals(i.key().server())))
            .sorted(Comparator.comparing(Incident::openedAt))
            .toList();
    List<List<String>> rows = new ArrayList<>();
    List<String> snapshotNotes = new ArrayList<>();
    List<FleetTransferChartRenderer.Bar> bars = new ArrayList<>();
    for (FleetServer server : servers) {
      ApiResult<ServiceInfo> read = kiwi.getServiceInfo(server);
      if (!(read instanceof ApiResult.Ok<ServiceInfo> ok)) {
        rows.add(List.of(server.name(), "unknown: " + oneLine(read.describeFailure()), "", "", ""));
      } else {
        ServiceInfo info = ok.value();
        rows.add(
            List.of(
                server.name(),
                state(server, info, open),
                transfer(info),
                transferForecast(server, info),
                abuse(server, info, now)));
        if (info.scaledMonthlyData() > 0) {
          Optional<Long> projected =
              forecasts.transfer(server.name(), info) instanceof LinearForecast.Projection p
                  ? Optional.of(p.projected())
                  : Optional.empty();
          bars.add(
              new FleetTransferChartRenderer.Bar(
                  server.name(), info.scaledDataCounter(), projected, info.scaledMonthlyData()));
        }
      }
      snapshotNotes.addAll(snapshots(kiwi, server, s, now));
    }

    Reply.Builder reply = Reply.builder().title(title);
    reply.table(List.of("Server", "State", "Transfer", "At the reset", "Abuse points"), rows);
    if (open.isEmpty()) {
      reply.text("No open incidents.");
    } else {
      List<List<String>> incidentRows = new ArrayList<>();
      for (Incident i : open) {
        incidentRows.add(
            List.of(
                i.alertId(),
                i.title(),
                Units.span(Duration.between(i.openedAt(), now)).isEmpty()
                    ? "just now"
                    : Units.span(Duration.between(i.openedAt(), now)),
                i.acknowledgedBy().map(by -> "acknowledged by " + by).orElse("open")));
      }
      reply.text(open.size() + (open.size() == 1 ? " open incident:" : " open incidents:"));
      reply.table(List.of("ID", "Incident", "Age", "State"), incidentRows);
    }
    if (snapshotNotes.isEmpty()) {
      reply.text("Snapshots: nothing to watch.");
    } else {
      reply.text(
          "Snapshots:\n" + String.join("\n", snapshotNotes.stream().map(n -> "- " + n).toList()));
    }
    if (!bars.isEmpty()) {
      try {
        byte[] png = chart.renderPng("Transfer this month against the quota", bars);
        reply.attach(
            Attachment.png(
                "fleet-transfer-" + now.atZone(ZoneOffset.UTC).toLocalDate() + ".png", png));
      } catch (RuntimeException e) {
        LOG.warn("the fleet transfer chart could not be drawn: {}", e.toString());
        reply.text("(The chart could not be drawn; the table above is complete.)");
      }
    }
    return reply.build();
  }

  private static String state(FleetServer server, ServiceInfo info, List<Incident> open) {
    List<String> parts = new ArrayList<>();
    if (info.suspended()) {
      parts.add("suspended");
    }
    if (info.policyViolation()) {
      parts.add("policy violation");
    }
    if (!info.nullroutes().isEmpty()) {
      parts.add("nullrouted");
    }
    if (open.stream()
        .anyMatch(
            i -> i.key().kind() == AlertKind.DOWN && i.key().server().equals(server.name()))) {
      parts.add("down");
    }
    return parts.isEmpty() ? "ok" : String.join(", ", parts);
  }

  private static String transfer(ServiceInfo info) {
    long quota = info.scaledMonthlyData();
    if (quota <= 0) {
      return Units.bytes(info.scaledDataCounter()) + " (no quota)";
    }
    return Units.bytes(info.scaledDataCounter())
        + " of "
        + Units.bytes(quota)
        + " ("
        + Units.percent(Math.round((double) info.scaledDataCounter() / quota * 1000) / 1000.0)
        + ")";
  }

  private String transferForecast(FleetServer server, ServiceInfo info) {
    LinearForecast.Result r = forecasts.transfer(server.name(), info);
    if (!(r instanceof LinearForecast.Projection p)) {
      return "not known yet";
    }
    if (p.reachesLimitAt().isPresent()) {
      Instant when = p.reachesLimitAt().get();
      return p.current() >= p.limit()
          ? "over quota"
          : "quota reached ~"
              + DAY.format(when)
              + " ("
              + Units.bytes(Math.round(p.perDay()))
              + "/day)";
    }
    return Units.bytes(p.projected())
        + " ("
        + Units.percent(Math.round((double) p.projected() / p.limit() * 1000) / 1000.0)
        + ")";
  }

  private String abuse(FleetServer server, ServiceInfo info, Instant now) {
    if (info.maxAbusePoints() <= 0) {
      return String.valueOf(info.totalAbusePoints());
    }
    String points = info.totalAbusePoints() + "/" + info.maxAbusePoints();
    if (forecasts.abusePoints(server.name(), info, now) instanceof LinearForecast.Projection p
        && p.perDay() > 0) {
      return points
          + p.reachesLimitAt().map(at -> ", rising: max ~" + DAY.format(at)).orElse(", rising");
    }
    return points;
  }

  private static List<String> snapshots(
      KiwiVm kiwi, FleetServer server, ReportSettings s, Instant now) {
    ApiResult<List<Snapshot>> read = kiwi.listSnapshots(server);
    if (!(read instanceof ApiResult.Ok<List<Snapshot>> ok)) {
      return List.of(
          server.name() + ": snapshots unknown (" + oneLine(read.describeFailure()) + ")");
    }
    List<Snapshot> list = ok.value();
    List<String> notes = new ArrayList<>();
    if (list.isEmpty()) {
      notes.add(server.name() + ": no snapshot at all");
      return notes;
    }
    for (Snapshot snap : list) {
      if (!snap.sticky()
          && snap.purgesIn() != null
          && !snap.purgesIn().isNegative()
          && snap.purgesIn().compareTo(s.purgeWarning()) <= 0) {
        notes.add(
            server.name()
                + ": "
                + label(snap)
                + " is purged "
                + Units.relative(now.plus(snap.purgesIn()), now)
                + " (not sticky)");
      }
    }
    if (list.stream().noneMatch(Snapshot::sticky)) {
      notes.add(server.name() + ": no sticky snapshot (every copy will be purged)");
    }
    Optional<Instant> newest =
        list.stream()
            .map(FleetReports::createdAt)
            .flatMap(Optional::stream)
            .max(Comparator.naturalOrder());
    if (newest.isPresent()
        && Duration.between(newest.get(), now).compareTo(s.snapshotMaxAge()) > 0) {
      notes.add(
          server.name()
              + ": no snapshot for "
              + Units.span(Duration.between(newest.get(), now))
              + " (newest "
              + Units.utc(newest.get())
              + ")");
    }
    return notes;
  }

  /** When a snapshot was taken, from its file name ({@code snapshot-<veid>-<unix time>-…}). */
  static Optional<Instant> createdAt(Snapshot snapshot) {
    Matcher m = SNAPSHOT_TIME.matcher(snapshot.fileName());
    return m.matches()
        ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1))))
        : Optional.empty();
  }

  private static String label(Snapshot snap) {
    return snap.description() == null || snap.description().isBlank()
        ? snap.fileName()
        : "\"" + snap.description().strip() + "\"";
  }

  private static String oneLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}

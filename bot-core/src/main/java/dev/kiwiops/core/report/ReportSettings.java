package dev.kiwiops.core.report;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code reports} section: when fleet digests are sent, to whom, and what counts as a snapshot
 * problem.
 *
 * @param schedules the daily and/or weekly times; empty: no scheduled reports ({@code report} still
 *     answers on demand)
 * @param routes which servers' report goes where
 * @param snapshotMaxAge a server whose newest snapshot is older than this is listed
 * @param purgeWarning a snapshot that is not sticky and is purged within this is listed
 */
public record ReportSettings(
    List<ReportSchedule> schedules,
    List<ReportRoute> routes,
    Duration snapshotMaxAge,
    Duration purgeWarning) {

  public static final Duration DEFAULT_SNAPSHOT_MAX_AGE = Duration.ofDays(7);
  public static final Duration DEFAULT_PURGE_WARNING = Duration.ofDays(3);

  /** No scheduled reports; the defaults for {@code report}. */
  public static final ReportSettings NONE =
      new ReportSettings(List.of(), List.of(), DEFAULT_SNAPSHOT_MAX_AGE, DEFAULT_PURGE_WARNING);

  public ReportSettings {
    schedules = List.copyOf(schedules);
    routes = List.copyOf(routes);
    Objects.requireNonNull(snapshotMaxAge, "snapshotMaxAge");
    Objects.requireNonNull(purgeWarning, "purgeWarning");
  }
}

package dev.kiwiops.core.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a report is due: daily at a local time in a zone, or weekly on a weekday at that time. The
 * local time follows the zone's daylight saving time; a time skipped by a spring-forward is sent at
 * the first instant after the gap (as {@link ZonedDateTime#of} resolves it).
 *
 * @param day the weekday of a weekly report; empty for a daily one
 */
public record ReportSchedule(Cadence cadence, LocalTime at, ZoneId zone, Optional<DayOfWeek> day) {

  /** How often. */
  public enum Cadence {
    DAILY,
    WEEKLY;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ReportSchedule {
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(day, "day");
    if ((cadence == Cadence.WEEKLY) != day.isPresent()) {
      throw new IllegalArgumentException("a weekly report, and only that, names a weekday");
    }
  }

  public static ReportSchedule daily(LocalTime at, ZoneId zone) {
    return new ReportSchedule(Cadence.DAILY, at, zone, Optional.empty());
  }

  public static ReportSchedule weekly(DayOfWeek day, LocalTime at, ZoneId zone) {
    return new ReportSchedule(Cadence.WEEKLY, at, zone, Optional.of(day));
  }

  /** The latest due instant at or before {@code now}. */
  public Instant lastDueAtOrBefore(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate date =
        cadence == Cadence.DAILY ? today : today.with(TemporalAdjusters.previousOrSame(day.get()));
    Instant due = dueOn(date);
    if (due.isAfter(now)) {
      due = dueOn(date.minusDays(cadence == Cadence.DAILY ? 1 : 7));
    }
    return due;
  }

  /** The first due instant strictly after {@code now}. */
  public Instant nextDueAfter(Instant now) {
    Instant last = lastDueAtOrBefore(now);
    LocalDate date = last.atZone(zone).toLocalDate();
    // The last due day's local date may be shifted by a gap; step from the scheduled date.
    LocalDate scheduled = date;
    Instant next;
    do {
      scheduled = scheduled.plusDays(cadence == Cadence.DAILY ? 1 : 7);
      next = dueOn(scheduled);
    } while (!next.isAfter(now));
    return next;
  }

  /**
   * The period a due instant belongs to, unique per schedule and period: {@code daily:2026-12-02},
   * {@code weekly:2026-12-07} (the local date it is due on).
   */
  public String periodKey(Instant due) {
    return cadence.id() + ":" + due.atZone(zone).toLocalDate();
  }

  private Instant dueOn(LocalDate date) {
    return ZonedDateTime.of(date, at, zone).toInstant();
  }

  /** {@code daily at 08:00 Europe/Berlin}, {@code weekly on monday at 09:00 UTC}. */
  public String describe() {
    return cadence.id()
        + day.map(d -> " on " + d.name().toLowerCase(Locale.ROOT)).orElse("")
        + " at "
        + at
        + " "
        + zone.getId();
  }
}

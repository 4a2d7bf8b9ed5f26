package dev.kiwiops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void dailyIsDueAtTheLocalTimeOfItsZone() {
    ReportSchedule daily = ReportSchedule.daily(LocalTime.of(8, 0), BERLIN);
    Instant before = Instant.parse("2026-12-02T06:59:00Z"); // 07:59 in Berlin (CET)
    assertThat(daily.lastDueAtOrBefore(before)).isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
    assertThat(daily.nextDueAfter(before)).isEqualTo(Instant.parse("2026-12-02T07:00:00Z"));
    Instant at = Instant.parse("2026-12-02T07:00:00Z");
    assertThat(daily.lastDueAtOrBefore(at)).isEqualTo(at);
    assertThat(daily.nextDueAfter(at)).isEqualTo(Instant.parse("2026-12-03T07:00:00Z"));
    assertThat(daily.periodKey(at)).isEqualTo("daily:2026-12-02");
    // In summer the same local time is an hour earlier in UTC.
    assertThat(daily.nextDueAfter(Instant.parse("2026-07-01T00:00:00Z")))
        .isEqualTo(Instant.parse("2026-07-01T06:00:00Z"));
  }

  @Test
  void weeklyIsDueOnItsWeekday() {
    ReportSchedule weekly =
        ReportSchedule.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), ZoneOffset.UTC);
    Instant wednesday = Instant.parse("2026-12-02T12:00:00Z");
    assertThat(weekly.lastDueAtOrBefore(wednesday))
        .isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    assertThat(weekly.nextDueAfter(wednesday)).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
    Instant mondayEarly = Instant.parse("2026-12-07T08:00:00Z");
    assertThat(weekly.lastDueAtOrBefore(mondayEarly))
        .isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    assertThat(weekly.periodKey(Instant.parse("2026-12-07T09:00:00Z")))
        .isEqualTo("weekly:2026-12-07");
    assertThat(weekly.describe()).isEqualTo("weekly on monday at 09:00 Z");
  }

  @Test
  void aTimeSkippedBySpringForwardIsDueRightAfterTheGap() {
    ReportSchedule daily = ReportSchedule.daily(LocalTime.of(2, 30), BERLIN);
    // 2026-03-29 02:30 does not exist in Berlin: 03:30 CEST, 01:30 UTC.
    Instant due = daily.nextDueAfter(Instant.parse("2026-03-28T12:00:00Z"));
    assertThat(due).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(daily.periodKey(due)).isEqualTo("daily:2026-03-29");
    assertThat(daily.nextDueAfter(due)).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
  }
}

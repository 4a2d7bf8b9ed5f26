package dev.kiwiops.core.report;

import java.time.Instant;

/**
 * The persisted record of scheduled reports (port; the store's {@code report_runs} table): one row
 * per period and destination, claimed before the report is sent, so that a period is sent at most
 * once across restarts and across processes sharing a store.
 *
 * <p>Implementations report storage failures with {@link
 * dev.kiwiops.core.watch.AlertStoreException}.
 */
public interface ReportRuns {

  /**
   * Claims the report of {@code period} ({@code daily:2026-12-02}) for {@code destination}: true
   * when this call recorded the claim, false when it was claimed before (by this or another
   * process).
   */
  boolean claim(String period, String destination, Instant at);

  /** The claimed report was accepted by its sink. */
  void sent(String period, String destination, Instant at);

  /** Sending the claimed report failed for good (it will not be tried again). */
  void failed(String period, String destination, String error);
}

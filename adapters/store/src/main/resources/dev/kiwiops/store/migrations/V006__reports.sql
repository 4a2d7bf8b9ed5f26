-- Scheduled reports (JdbcReportRuns): one row per period and destination, inserted (claimed) before
-- the report is sent, so a period is sent at most once across restarts and processes. Times are
-- epoch milliseconds (UTC); sent_at and last_error stay NULL until the send succeeds or gives up.
CREATE TABLE report_runs (
  period_key VARCHAR(100) NOT NULL,
  destination VARCHAR(400) NOT NULL,
  claimed_at BIGINT NOT NULL,
  sent_at BIGINT,
  last_error TEXT,
  PRIMARY KEY (period_key, destination)
);

-- The forecasts' settled samples (JdbcUsageSamples): a reading of a server's transfer counter or
-- abuse points, kept so that a restart or a new leader knows the forecast at once. reset_at is the
-- counter's next reset (epoch milliseconds, NULL for abuse points), sampled_at the reading's time;
-- rows older than the forecast window are deleted as new ones come.
CREATE TABLE usage_samples (
  counter VARCHAR(20) NOT NULL,
  server_name VARCHAR(200) NOT NULL,
  reset_at BIGINT,
  sampled_at BIGINT NOT NULL,
  sample_value BIGINT NOT NULL
);
CREATE INDEX usage_samples_at ON usage_samples (sampled_at);

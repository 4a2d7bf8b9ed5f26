-- Servers a permitted user stopped or killed through the bot (PowerStopLedger, via
-- JdbcStopRecords): the watcher raises no down alert for them, also after a restart of the bot.
-- A row goes when the server is seen running again. Times are epoch milliseconds (UTC).
CREATE TABLE power_stop (
  server_name VARCHAR(100) PRIMARY KEY,
  stopped_by VARCHAR(200) NOT NULL,
  stopped_at BIGINT NOT NULL
);

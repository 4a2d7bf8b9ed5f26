-- Editable alerts: whether a queued message posts anew or edits the alert's earlier messages, and
-- the platform references of the messages posted so far (Telegram message ids, Discord message
-- ids), so that an acknowledgement, a snooze or the resolution edits them, also after a restart.
ALTER TABLE alert_outbox ADD COLUMN action VARCHAR(10) NOT NULL DEFAULT 'post';

CREATE TABLE alert_message (
  alert_id VARCHAR(20) NOT NULL,
  destination VARCHAR(400) NOT NULL,
  message_ref VARCHAR(200) NOT NULL,
  posted_at BIGINT NOT NULL,
  PRIMARY KEY (alert_id, destination, message_ref)
);

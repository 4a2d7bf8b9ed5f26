-- Alert state and the delivery outbox (issue: the watcher).
-- Portable between SQLite and PostgreSQL: instants are epoch milliseconds, ids come from
-- alert_counter, attachments are base64 text.
CREATE TABLE alert_counter (
  name VARCHAR(40) PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO alert_counter (name, value) VALUES ('alert', 0);
INSERT INTO alert_counter (name, value) VALUES ('outbox', 0);

-- One row per incident; closed ones are kept as history.
CREATE TABLE alert_incident (
  alert_id VARCHAR(20) PRIMARY KEY,
  incident_key VARCHAR(400) NOT NULL,
  severity VARCHAR(20) NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  buttons TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  last_notified_at BIGINT NOT NULL,
  acknowledged_by VARCHAR(200),
  snoozed_until BIGINT,
  closed_at BIGINT
);
-- At most one open incident per key.
CREATE UNIQUE INDEX alert_incident_open_key ON alert_incident (incident_key) WHERE closed_at IS NULL;

-- Messages not yet accepted by their sink, delivered in id order per destination.
CREATE TABLE alert_outbox (
  id BIGINT PRIMARY KEY,
  destination VARCHAR(400) NOT NULL,
  alert_id VARCHAR(20) NOT NULL,
  incident_key VARCHAR(400) NOT NULL,
  severity VARCHAR(20) NOT NULL,
  phase VARCHAR(20) NOT NULL,
  created_at BIGINT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  attachment_name VARCHAR(400),
  attachment_type VARCHAR(100),
  attachment_data TEXT,
  buttons TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT
);

-- The audit trail (issue: access control and audit): one row per command attempt, confirmation,
-- approval or lapse, written by JdbcAuditTrail. Arguments arrive masked: no secret is stored here.
-- Times are epoch milliseconds (UTC); rows are read newest first by (at_ms, id).
CREATE TABLE audit_entry (
  id ${AUTO_ID},
  at_ms BIGINT NOT NULL,
  actor VARCHAR(200) NOT NULL,
  chat VARCHAR(200) NOT NULL,
  command VARCHAR(100) NOT NULL,
  server_name VARCHAR(100),
  arguments TEXT NOT NULL,
  decision VARCHAR(50) NOT NULL,
  outcome VARCHAR(100) NOT NULL,
  duration_ms BIGINT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_entry_at ON audit_entry (at_ms);
CREATE INDEX audit_entry_server_at ON audit_entry (server_name, at_ms);
CREATE INDEX audit_entry_actor_at ON audit_entry (actor, at_ms);

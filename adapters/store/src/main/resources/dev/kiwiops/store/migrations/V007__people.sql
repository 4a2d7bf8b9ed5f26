-- People across platforms (issue 15, "one person across platforms"): the person an audit entry's
-- identity belonged to when it was written (the people section of the configuration), NULL for an
-- identity of no configured person and for every entry written before this migration.
ALTER TABLE audit_entry ADD COLUMN person VARCHAR(100);
CREATE INDEX audit_entry_person_at ON audit_entry (person, at_ms);

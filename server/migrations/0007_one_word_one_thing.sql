-- One word, one thing: an editor's login is a "login session"; a council session (kỳ họp) is a
-- "sitting". Tables, a column and the stored kind keys follow; nothing stored is lost.
ALTER TABLE sessions RENAME TO login_sessions;
DROP INDEX sessions_user;
DROP INDEX sessions_expiry;
CREATE INDEX login_sessions_user ON login_sessions(user_id);
CREATE INDEX login_sessions_expiry ON login_sessions(expires_at);

ALTER TABLE council_sessions RENAME TO sittings;
ALTER TABLE resolutions RENAME COLUMN session TO sitting;

-- The record kind key 'session' becomes 'sitting' wherever it is stored.
UPDATE revisions SET kind = 'sitting' WHERE kind = 'session';
UPDATE attachments SET kind = 'sitting' WHERE kind = 'session';
-- A resolution's revisions store its fields as [key, value] pairs; the "Kỳ họp thứ" field
-- follows its column.
UPDATE revisions SET data = replace(data, '["session",', '["sitting",') WHERE kind = 'resolution';

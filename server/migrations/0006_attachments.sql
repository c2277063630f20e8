-- One table of attached files for every kind of record, in place of `resolution_files` and
-- `record_files`. Every existing row is copied (same record, same order, same stored file)
-- before the old tables go. The files themselves stay under DATA_DIR/files/ by content hash.
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,                -- the record's kind: 'resolution', 'session', …
    record_id   INTEGER NOT NULL,
    title       TEXT    NOT NULL DEFAULT '',     -- "Tờ trình về …" for session documents
    doc_kind    TEXT    NOT NULL DEFAULT '',     -- "Tờ trình", "Báo cáo", …
    file_name   TEXT    NOT NULL,                -- as downloaded
    stored_name TEXT    NOT NULL,                -- "<sha256>.pdf"
    size        INTEGER NOT NULL,
    mime        TEXT    NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0
);

INSERT INTO attachments (kind, record_id, title, doc_kind, file_name, stored_name, size, mime, position)
    SELECT 'resolution', resolution_id, '', '', file_name, stored_name, size, mime, position
    FROM resolution_files ORDER BY id;

INSERT INTO attachments (kind, record_id, title, doc_kind, file_name, stored_name, size, mime, position)
    SELECT kind, record_id, title, doc_kind, file_name, stored_name, size, mime, position
    FROM record_files ORDER BY id;

DROP TABLE resolution_files;
DROP TABLE record_files;

CREATE INDEX attachments_of ON attachments(kind, record_id, position);
CREATE INDEX attachments_stored ON attachments(stored_name);

-- Stored files an administrator withdrew for good: the file is gone from DATA_DIR/files/,
-- no record points at it any more, and /tai-lieu/<stored_name> answers 410 Gone. Kept as a
-- log of who withdrew what, when and why.
CREATE TABLE purged_files (
    stored_name TEXT    PRIMARY KEY,             -- "<sha256>.<ext>"
    purged_at   INTEGER NOT NULL,
    user_id     INTEGER,                         -- the administrator's account; NULL from the command line
    purged_by   TEXT    NOT NULL,                -- the account's email, or "dòng lệnh"
    reason      TEXT    NOT NULL
);

-- Images uploaded from the editor (under DATA_DIR/uploads/), so that a record or an article
-- can only point at an image that was really uploaded. Images uploaded before this table
-- existed stay valid where they are already used: only a changed address is checked.
CREATE TABLE uploads (
    url        TEXT    PRIMARY KEY,             -- "/uploads/<sha256>.<ext>"
    created_at INTEGER NOT NULL
);

-- Nghị quyết (resolutions) of the councils at every level, their relations and files.

CREATE TABLE resolutions (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,        -- the number folded: "12-2022-nq-hdnd"
    number       TEXT    NOT NULL UNIQUE,        -- "12/2022/NQ-HĐND"
    seq          INTEGER NOT NULL,               -- 12
    year         INTEGER NOT NULL,               -- 2022
    doc_type     TEXT    NOT NULL CHECK (doc_type IN ('qppl', 'ca-biet')),  -- quy phạm pháp luật / cá biệt
    issuer       TEXT    NOT NULL,               -- "HĐND tỉnh Bình Dương"
    level        TEXT    NOT NULL CHECK (level IN ('tinh', 'huyen', 'xa')),
    term         TEXT    NOT NULL,               -- "VIII", "IX", "X"
    session      INTEGER,                        -- kỳ họp thứ N
    signer       TEXT    NOT NULL,
    signed_on    TEXT    NOT NULL,               -- YYYY-MM-DD
    effective_on TEXT,                           -- YYYY-MM-DD
    validity     TEXT    NOT NULL CHECK (validity IN ('con-hieu-luc', 'het-hieu-luc-mot-phan', 'het-hieu-luc')),
    abstract     TEXT    NOT NULL,
    is_demo      INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX resolutions_list ON resolutions(deleted_at, signed_on DESC);
CREATE INDEX resolutions_term ON resolutions(term, level, validity, signed_on DESC);
CREATE INDEX resolutions_number ON resolutions(seq, year);

-- "amends" / "replaces": from_id amends or replaces to_id.
CREATE TABLE resolution_relations (
    from_id  INTEGER NOT NULL REFERENCES resolutions(id) ON DELETE CASCADE,
    to_id    INTEGER NOT NULL REFERENCES resolutions(id) ON DELETE CASCADE,
    relation TEXT    NOT NULL CHECK (relation IN ('amends', 'replaces')),
    PRIMARY KEY (from_id, to_id)
);

-- Attached files, stored under DATA_DIR/files/ by content hash.
CREATE TABLE resolution_files (
    id            INTEGER PRIMARY KEY,
    resolution_id INTEGER NOT NULL REFERENCES resolutions(id) ON DELETE CASCADE,
    file_name     TEXT    NOT NULL,              -- as downloaded
    stored_name   TEXT    NOT NULL,              -- "<sha256>.pdf"
    size          INTEGER NOT NULL,
    mime          TEXT    NOT NULL,
    position      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX resolution_files_of ON resolution_files(resolution_id, position);

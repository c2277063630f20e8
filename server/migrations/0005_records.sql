-- The council's other records (supervision, voter petitions, calendars, people, session
-- documents), files attached to them, the full-text search index, and revisions for every
-- kind of record.

-- Revisions now belong to any editable record ('article', 'page', 'resolution', …); SQLite
-- cannot change a CHECK constraint in place, so the table is rebuilt.
CREATE TABLE revisions_new (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL,
    entity_id  INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    user_id    INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    data       TEXT    NOT NULL,
    UNIQUE (kind, entity_id, version)
);
INSERT INTO revisions_new SELECT id, kind, entity_id, version, user_id, created_at, note, data FROM revisions;
DROP TABLE revisions;
ALTER TABLE revisions_new RENAME TO revisions;

-- Giám sát: an oversight activity of one body.
CREATE TABLE supervisions (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    body        TEXT    NOT NULL CHECK (body IN ('doan-dbqh', 'hdnd', 'thuong-truc', 'ban-ktns', 'ban-vhxh', 'ban-pc')),
    topic       TEXT    NOT NULL,
    period_from TEXT    NOT NULL,               -- YYYY-MM-DD
    period_to   TEXT    NOT NULL,
    units       TEXT    NOT NULL,               -- the units supervised
    findings    TEXT    NOT NULL,               -- plain text, paragraphs split by blank lines
    is_demo     INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX supervisions_list ON supervisions(deleted_at, body, period_to DESC);

-- Kiến nghị cử tri and the answer to it.
CREATE TABLE petitions (
    id            INTEGER PRIMARY KEY,
    slug          TEXT    NOT NULL UNIQUE,       -- "kn-<id>"
    text          TEXT    NOT NULL,
    meeting       TEXT    NOT NULL,              -- the voter meeting where it was raised
    locality      TEXT    NOT NULL,              -- one of the seven delegate units
    raised_on     TEXT    NOT NULL,              -- YYYY-MM-DD
    field         TEXT    NOT NULL,
    agency        TEXT    NOT NULL,              -- who must answer
    channel       TEXT    NOT NULL CHECK (channel IN ('hdnd', 'doan-dbqh')),
    status        TEXT    NOT NULL CHECK (status IN ('cho-tra-loi', 'dang-giai-quyet', 'da-tra-loi')),
    answer        TEXT,
    answered_on   TEXT,                          -- YYYY-MM-DD
    answer_agency TEXT,
    is_demo       INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted_at    INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX petitions_list ON petitions(deleted_at, raised_on DESC);
CREATE INDEX petitions_status ON petitions(status, channel, locality, field, raised_on DESC);
CREATE INDEX petitions_locality ON petitions(locality, raised_on DESC);
CREATE INDEX petitions_open ON petitions(status, raised_on) WHERE deleted_at IS NULL;

-- The resolution list's year filter reads its years from here.
CREATE INDEX resolutions_years ON resolutions(deleted_at, year);

-- Entries of the four calendars.
CREATE TABLE calendar_events (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,        -- "su-kien-<id>"
    calendar     TEXT    NOT NULL CHECK (calendar IN ('hdnd', 'doan-dbqh', 'tiep-cong-dan', 'tiep-xuc-cu-tri')),
    starts_at    INTEGER NOT NULL,               -- Unix seconds
    ends_at      INTEGER,
    place        TEXT    NOT NULL,
    content      TEXT    NOT NULL,
    participants TEXT    NOT NULL DEFAULT '',
    is_demo      INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX calendar_events_when ON calendar_events(calendar, deleted_at, starts_at);

-- Council bodies: Thường trực, the three Ban, the delegate groups (Tổ), the NA delegation.
CREATE TABLE bodies (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL CHECK (kind IN ('thuong-truc', 'ban', 'to', 'doan-dbqh')),
    name       TEXT    NOT NULL,
    unit       TEXT,                             -- a delegate group's unit
    page_slug  TEXT,                             -- the Giới thiệu page that shows it
    duties     TEXT    NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    is_demo    INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL DEFAULT 1,
    deleted_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    photo_url  TEXT,
    position   TEXT    NOT NULL DEFAULT '',
    workplace  TEXT    NOT NULL DEFAULT '',
    born       INTEGER,
    bio        TEXT    NOT NULL DEFAULT '',
    is_demo    INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL DEFAULT 1,
    deleted_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    body_id   INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role      TEXT    NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (body_id, person_id)
);
CREATE INDEX memberships_person ON memberships(person_id);

-- Kỳ họp and their documents.
CREATE TABLE council_sessions (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    term       TEXT    NOT NULL,
    number     INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    starts_on  TEXT    NOT NULL,
    ends_on    TEXT    NOT NULL,
    is_demo    INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL DEFAULT 1,
    deleted_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Files attached to any record other than a resolution ('supervision', 'petition',
-- 'session'), stored under DATA_DIR/files/ by content hash.
CREATE TABLE record_files (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    record_id   INTEGER NOT NULL,
    title       TEXT    NOT NULL DEFAULT '',     -- "Tờ trình về …" for session documents
    doc_kind    TEXT    NOT NULL DEFAULT '',     -- "Tờ trình", "Báo cáo", …
    file_name   TEXT    NOT NULL,
    stored_name TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    mime        TEXT    NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX record_files_of ON record_files(kind, record_id, position);
CREATE INDEX record_files_stored ON record_files(stored_name);

-- One search over everything public. The rowid encodes (kind, id) so that a record's entry
-- is found without a scan, and counts per kind need only the index: rowid = id * 16 + kind
-- code. `title` and `body` keep the
-- diacritics (for ranking exact matches first); `folded_*` are the same text folded in Rust
-- (lower case, no diacritics, đ→d) and are what a query matches.
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    url UNINDEXED,
    day UNINDEXED,                            -- the date shown with a result: "dd/mm/yyyy"
    title,
    body,
    folded_title,
    folded_body,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- Entries not to show before a time (scheduled articles): few, so excluding them is cheap,
-- where a column of the full-text table would be read for every match.
CREATE TABLE search_pending (
    rowid        INTEGER PRIMARY KEY,
    visible_from INTEGER NOT NULL
);

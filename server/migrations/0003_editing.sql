-- Editing: publication status, trash, optimistic versions, and the revision history.

-- 'draft' is invisible to visitors; 'published' shows from published_at on (a future
-- published_at is a scheduled article).
ALTER TABLE articles ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('draft', 'published'));
ALTER TABLE articles ADD COLUMN deleted_at INTEGER;      -- in the trash since
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE INDEX articles_visible ON articles(status, deleted_at, published_at DESC);

-- Every saved state of an article or page: who, when, and the editable fields as JSON.
CREATE TABLE revisions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('article', 'page')),
    entity_id  INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    user_id    INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    data       TEXT    NOT NULL,
    UNIQUE (kind, entity_id, version)
);

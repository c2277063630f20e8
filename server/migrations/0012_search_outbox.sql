-- Search moves out of SQLite into an embedded search engine (tantivy) under DATA_DIR/search.
-- SQLite stays the source of truth: every write that changes what the public can find adds a
-- row to `search_outbox` in its own transaction, and the portal's one index writer applies
-- the rows and commits the index, noting in the index how far it got. A crash between the two
-- commits loses nothing: the rows are still here at the next start.
DROP TABLE IF EXISTS search_pending;
DROP TABLE IF EXISTS search_index;

CREATE TABLE search_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The entry to bring up to date: record id * 16 + kind code (see `SearchKind::code`);
    -- 0 means every entry (the index is rebuilt), as after loading content in bulk.
    doc INTEGER NOT NULL
);

-- Which index this database was last indexed into: a new id at every full rebuild, written
-- into the index too. A database restored from a backup, or another database put in place,
-- does not match the index, which is then rebuilt.
CREATE TABLE search_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    index_id TEXT NOT NULL
);

INSERT INTO search_outbox (doc) VALUES (0);

-- The public portal: categories (a tree), articles, content pages (a tree), the menu (a tree),
-- link groups, videos, site settings, and visitor statistics.

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES categories(id) ON DELETE RESTRICT,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories(parent_id);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    category_id   INTEGER NOT NULL REFERENCES categories(id) ON DELETE RESTRICT,
    slug          TEXT    NOT NULL UNIQUE,
    title         TEXT    NOT NULL,
    lead          TEXT    NOT NULL DEFAULT '',
    body_html     TEXT    NOT NULL DEFAULT '',
    image_url     TEXT,
    image_caption TEXT,
    source        TEXT,
    published_at  INTEGER NOT NULL,            -- Unix seconds (UTC)
    featured      INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    share_count   INTEGER NOT NULL DEFAULT 0 CHECK (share_count >= 0),
    view_count    INTEGER NOT NULL DEFAULT 0 CHECK (view_count >= 0),
    is_demo       INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX articles_category_published ON articles(category_id, published_at DESC);
CREATE INDEX articles_published ON articles(published_at DESC);
CREATE INDEX articles_featured ON articles(featured, published_at DESC);

CREATE TABLE pages (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES pages(id) ON DELETE RESTRICT,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    body_html   TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    is_demo     INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    updated_at  INTEGER NOT NULL
);

CREATE TABLE menu_items (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES menu_items(id) ON DELETE CASCADE,
    label     TEXT    NOT NULL,
    href      TEXT    NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0
);

-- quick: under the header; footer: footer list; useful: "Liên kết hữu ích";
-- calendar: the four calendar links in the sidebar.
CREATE TABLE links (
    id       INTEGER PRIMARY KEY,
    grp      TEXT    NOT NULL CHECK (grp IN ('quick', 'footer', 'useful', 'calendar')),
    label    TEXT    NOT NULL,
    url      TEXT    NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE videos (
    id         INTEGER PRIMARY KEY,
    youtube_id TEXT    NOT NULL UNIQUE CHECK (length(youtube_id) = 11),
    title      TEXT    NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE visitors (
    id         TEXT    PRIMARY KEY,
    first_seen INTEGER NOT NULL,
    last_seen  INTEGER NOT NULL
);
CREATE INDEX visitors_last_seen ON visitors(last_seen);

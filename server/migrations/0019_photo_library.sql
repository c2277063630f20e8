-- Thư viện ảnh: albums of photos. Each photo was resized at upload into a few widths; `sizes`
-- lists them as JSON ([{"url": "/uploads/<sha256>.jpg", "width": 480, "height": 320}, …],
-- narrowest first), and `url` is the widest, the one an article's lead image points at.
CREATE TABLE albums (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    taken_on    TEXT    NOT NULL,               -- "YYYY-MM-DD", the day of the event
    is_demo     INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE photos (
    id         INTEGER PRIMARY KEY,
    album_id   INTEGER NOT NULL REFERENCES albums(id),
    position   INTEGER NOT NULL,
    caption    TEXT    NOT NULL,
    taken_on   TEXT    NOT NULL,                -- "YYYY-MM-DD"
    url        TEXT    NOT NULL,                -- the widest size
    width      INTEGER NOT NULL,                -- of the widest size
    height     INTEGER NOT NULL,
    sizes      TEXT    NOT NULL,
    is_demo    INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX photos_by_album ON photos (album_id, position);
CREATE INDEX photos_by_url ON photos (url);

-- The footer's "Thư viện ảnh" (the seed's link to the category of photo articles) now leads
-- to the library; a database without that link gets one after "Dữ liệu mở".
UPDATE links SET url = '/thu-vien-anh' WHERE grp = 'footer' AND url = '/chuyen-muc/thu-vien-anh';
UPDATE links SET position = position + 1
 WHERE grp = 'footer' AND position > (SELECT position FROM links WHERE grp = 'footer' AND url = '/du-lieu-mo')
   AND NOT EXISTS (SELECT 1 FROM links WHERE url = '/thu-vien-anh');
INSERT INTO links (grp, label, url, position)
SELECT 'footer', 'Thư viện ảnh', '/thu-vien-anh', position + 1 FROM links
 WHERE grp = 'footer' AND url = '/du-lieu-mo' AND NOT EXISTS (SELECT 1 FROM links WHERE url = '/thu-vien-anh');

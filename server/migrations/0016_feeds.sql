-- The footer links the page of RSS feeds, after "Chính sách bảo mật" (databases made before
-- the feeds; a new one gets it from the demo content).
UPDATE links SET position = position + 1
 WHERE grp = 'footer' AND position > (SELECT position FROM links WHERE grp = 'footer' AND url = '/chinh-sach-bao-mat')
   AND NOT EXISTS (SELECT 1 FROM links WHERE url = '/rss');
INSERT INTO links (grp, label, url, position)
SELECT 'footer', 'RSS', '/rss', position + 1 FROM links
 WHERE grp = 'footer' AND url = '/chinh-sach-bao-mat' AND NOT EXISTS (SELECT 1 FROM links WHERE url = '/rss');

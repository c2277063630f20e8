-- The footer links the open data page, after "RSS" (databases made before it; a new one gets
-- it from the demo content).
UPDATE links SET position = position + 1
 WHERE grp = 'footer' AND position > (SELECT position FROM links WHERE grp = 'footer' AND url = '/rss')
   AND NOT EXISTS (SELECT 1 FROM links WHERE url = '/du-lieu-mo');
INSERT INTO links (grp, label, url, position)
SELECT 'footer', 'Dữ liệu mở', '/du-lieu-mo', position + 1 FROM links
 WHERE grp = 'footer' AND url = '/rss' AND NOT EXISTS (SELECT 1 FROM links WHERE url = '/du-lieu-mo');

-- Visitors are now remembered in memory only (see app::data::visits); the totals stay in
-- `counters` and `articles.view_count`.
DROP TABLE IF EXISTS visitors;

//! The portal's RSS feeds: which there are, where each lives, and what it is called. Pure
//! rules for both sides (the pages link their feed; the `/rss` page lists them all); the items
//! come from `data::feeds`, the XML from the server's `feeds`.

use serde::{Deserialize, Serialize};

/// The page that lists every feed.
pub const FEEDS_PAGE: &str = "/rss";
/// Items in a feed: the newest ones.
pub const FEED_ITEMS: i64 = 50;

/// One feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Feed {
    /// Every article.
    News,
    /// The articles of a category and of its subcategories, by slug.
    Category(String),
    /// Resolutions, newest signed first.
    Resolutions,
    /// Voter petitions that have been answered, newest answer first.
    Petitions,
    /// Citizens' questions that have been answered, newest answer first.
    Questions,
}

impl Feed {
    /// Where the feed is: `/rss/tin-tuc.xml`, `/rss/chuyen-muc/<slug>.xml`, …
    pub fn href(&self) -> String {
        match self {
            Feed::News => "/rss/tin-tuc.xml".into(),
            Feed::Category(slug) => format!("/rss/chuyen-muc/{slug}.xml"),
            Feed::Resolutions => "/rss/nghi-quyet.xml".into(),
            Feed::Petitions => "/rss/kien-nghi.xml".into(),
            Feed::Questions => "/rss/hoi-dap.xml".into(),
        }
    }

    /// The feed a path names (the inverse of `href`).
    pub fn from_path(path: &str) -> Option<Feed> {
        let name = path.strip_prefix("/rss/")?.strip_suffix(".xml")?;
        match name {
            "tin-tuc" => Some(Feed::News),
            "nghi-quyet" => Some(Feed::Resolutions),
            "kien-nghi" => Some(Feed::Petitions),
            "hoi-dap" => Some(Feed::Questions),
            _ => {
                let slug = name.strip_prefix("chuyen-muc/")?;
                let ok = !slug.is_empty() && slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                ok.then(|| Feed::Category(slug.to_string()))
            }
        }
    }

    /// The feed's title; `category` is the category's name.
    pub fn title(&self, category: Option<&str>) -> String {
        match self {
            Feed::News => "Tin tức – HĐND tỉnh Bình Dương".into(),
            Feed::Category(slug) => format!("{} – HĐND tỉnh Bình Dương", category.unwrap_or(slug)),
            Feed::Resolutions => "Nghị quyết – HĐND tỉnh Bình Dương".into(),
            Feed::Petitions => "Trả lời kiến nghị cử tri – HĐND tỉnh Bình Dương".into(),
            Feed::Questions => "Hỏi đáp đã trả lời – HĐND tỉnh Bình Dương".into(),
        }
    }

    /// The page whose items the feed carries.
    pub fn page_href(&self) -> String {
        match self {
            Feed::News => "/".into(),
            Feed::Category(slug) => format!("/chuyen-muc/{slug}"),
            Feed::Resolutions => "/nghi-quyet".into(),
            Feed::Petitions => "/kien-nghi?trang_thai=da-tra-loi".into(),
            Feed::Questions => "/hoi-dap?trang_thai=da-tra-loi".into(),
        }
    }
}

/// One item of a feed, as the server writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedItem {
    pub title: String,
    /// The item's page (absolute path); also its GUID, made absolute.
    pub path: String,
    pub summary: String,
    /// When it was published (Unix seconds).
    pub published: i64,
    /// When it last changed (for `Last-Modified`).
    pub updated: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_round_trip_through_their_paths() {
        for feed in
            [Feed::News, Feed::Category("hoat-dong-hdnd".into()), Feed::Resolutions, Feed::Petitions, Feed::Questions]
        {
            assert_eq!(Feed::from_path(&feed.href()), Some(feed.clone()));
        }
        assert_eq!(Feed::from_path("/rss/khac.xml"), None);
        assert_eq!(Feed::from_path("/rss/chuyen-muc/.xml"), None);
        assert_eq!(Feed::from_path("/rss/chuyen-muc/a b.xml"), None);
        assert_eq!(Feed::from_path("/rss/tin-tuc"), None);
    }
}

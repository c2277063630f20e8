//! What the server sends the views: plain data, the same on both sides of the wire.

use crate::format::VnDateTime;
use crate::tree::{TreeItem, TreeNode};
use serde::{Deserialize, Serialize};

macro_rules! tree_item {
    ($t:ty) => {
        impl TreeItem for $t {
            fn id(&self) -> i64 {
                self.id
            }
            fn parent_id(&self) -> Option<i64> {
                self.parent_id
            }
            fn position(&self) -> i64 {
                self.position
            }
        }
    };
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MenuItem {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub label: String,
    pub href: String,
    pub position: i64,
}
tree_item!(MenuItem);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub position: i64,
}
tree_item!(Category);

impl Category {
    pub fn href(&self) -> String {
        format!("/chuyen-muc/{}", self.slug)
    }
}

/// A content page as it appears in trees and lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageRef {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub title: String,
    pub position: i64,
}
tree_item!(PageRef);

impl PageRef {
    pub fn href(&self) -> String {
        page_href(&self.slug)
    }
}

/// A content page's address.
pub fn page_href(slug: &str) -> String {
    format!("/trang/{slug}")
}

/// An article's address.
pub fn article_href(slug: &str) -> String {
    format!("/bai-viet/{slug}")
}

/// A plain labelled link (quick links, footer, useful links, calendars).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NavLink {
    pub label: String,
    pub href: String,
}

/// One step of a breadcrumb; the last step is the current page and has no link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

impl Crumb {
    /// "Trang chủ", the first step of every breadcrumb.
    pub fn home() -> Self {
        Crumb { label: "Trang chủ".into(), href: Some("/".into()) }
    }

    pub fn link(label: impl Into<String>, href: impl Into<String>) -> Self {
        Crumb { label: label.into(), href: Some(href.into()) }
    }

    /// The page being shown: the last step, not a link.
    pub fn current(label: impl Into<String>) -> Self {
        Crumb { label: label.into(), href: None }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Video {
    pub youtube_id: String,
    pub title: String,
}

/// The legally required publisher block and the site's name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Publisher {
    pub site_name: String,
    pub site_tagline: String,
    pub agency: String,
    pub address: String,
    pub editor_in_chief: String,
    pub deputy_editor: String,
    pub phone: String,
    pub email: String,
    pub licence: String,
}

/// Everything around the content of every page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chrome {
    pub publisher: Publisher,
    pub menu: Vec<TreeNode<MenuItem>>,
    pub quick_links: Vec<NavLink>,
    pub footer_links: Vec<NavLink>,
    pub useful_links: Vec<NavLink>,
    pub calendar_links: Vec<NavLink>,
    pub videos: Vec<Video>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitStats {
    pub total: u64,
    pub online: u64,
    /// The article's views, when the page counted is an article.
    pub views: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub image_url: Option<String>,
    pub published: VnDateTime,
    pub category_name: String,
}

impl ArticleSummary {
    pub fn href(&self) -> String {
        article_href(&self.slug)
    }
}

/// An article as its page shows it: the editable fields (as stored, and as the editor starts
/// from them) and what the site adds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub slug: String,
    pub fields: crate::editing::ArticleFields,
    pub published: VnDateTime,
    pub share_count: u64,
    pub view_count: u64,
    pub is_demo: bool,
    pub visibility: Visibility,
    /// The stored version; a save names the version it started from.
    pub version: i64,
}

/// Whether visitors can see an article now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    Public,
    Draft,
    /// Published with a publication time still to come.
    Scheduled,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticlePage {
    pub article: Article,
    /// The lead image's sizes, when it comes from the photo library.
    pub lead_picture: Option<crate::photos::Picture>,
    pub category_slug: String,
    pub crumbs: Vec<Crumb>,
    pub related: Vec<ArticleSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub category: Category,
    pub crumbs: Vec<Crumb>,
    pub children: Vec<Category>,
    pub articles: Vec<ArticleSummary>,
    pub page: u32,
    pub total_pages: u32,
    pub total_articles: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContentPage {
    /// "vi", or "en" for the English pages (`crate::english`).
    pub lang: String,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub body_html: String,
    pub is_demo: bool,
    pub version: i64,
    pub crumbs: Vec<Crumb>,
    pub children: Vec<PageRef>,
    /// On an English page, every English page (the section's navigation).
    pub english: Vec<NavLink>,
}

/// A root category and its newest articles, for the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategorySection {
    pub category: Category,
    pub articles: Vec<ArticleSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomePage {
    pub featured: Vec<ArticleSummary>,
    pub latest: Vec<ArticleSummary>,
    pub sections: Vec<CategorySection>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteMap {
    pub menu: Vec<TreeNode<MenuItem>>,
    pub categories: Vec<TreeNode<Category>>,
    pub pages: Vec<TreeNode<PageRef>>,
}

/// An article in the trash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrashItem {
    pub kind: crate::editing::DocKind,
    pub slug: String,
    pub title: String,
    pub deleted: VnDateTime,
}

/// An account as administrators see it in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub email: String,
    pub role: String,
    pub disabled: bool,
}

/// The answer to an image upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uploaded {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// Articles per page on category pages.
pub const PAGE_SIZE: u32 = 10;

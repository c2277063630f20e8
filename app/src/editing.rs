//! What editing sends and receives: the editable fields, revisions, conflicts and diffs.

use crate::format::VnDateTime;
use crate::records::RecordKind;
use crate::search::SearchKind;
use serde::{Deserialize, Serialize};

/// What an editor can edit: an article, a content page, or a council record of some kind.
/// Every kind goes through the same revisions, conflicts, history, restore and trash. On the
/// wire (server functions, plain forms) and in the revisions table it is its `key()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum DocKind {
    Article,
    Page,
    Record(RecordKind),
}

impl DocKind {
    /// Every kind: articles, pages, then the council's records.
    pub fn all() -> impl Iterator<Item = DocKind> {
        [DocKind::Article, DocKind::Page].into_iter().chain(RecordKind::ALL.into_iter().map(DocKind::Record))
    }

    pub fn key(self) -> &'static str {
        match self {
            DocKind::Article => "article",
            DocKind::Page => "page",
            DocKind::Record(kind) => kind.key(),
        }
    }

    pub fn parse(key: &str) -> Option<DocKind> {
        DocKind::all().find(|k| k.key() == key)
    }

    /// "Bài viết", "Nghị quyết", …
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Article => "Bài viết",
            DocKind::Page => "Trang",
            DocKind::Record(kind) => kind.label(),
        }
    }

    /// The table documents of this kind live in (a fixed name, never from input).
    pub fn table(self) -> &'static str {
        match self {
            DocKind::Article => "articles",
            DocKind::Page => "pages",
            DocKind::Record(kind) => kind.table(),
        }
    }

    /// The column that names a document (in the trash list).
    pub fn title_column(self) -> &'static str {
        match self {
            DocKind::Article | DocKind::Page => "title",
            DocKind::Record(kind) => kind.spec().title_field,
        }
    }

    pub fn search_kind(self) -> SearchKind {
        match self {
            DocKind::Article => SearchKind::Article,
            DocKind::Page => SearchKind::Page,
            DocKind::Record(kind) => kind.search_kind(),
        }
    }

    /// Whether documents of this kind can go to the trash (content pages hold the menu's
    /// tree and cannot).
    pub fn can_trash(self) -> bool {
        self != DocKind::Page
    }

    /// The editor's name for one of the kind's fields.
    pub fn field_label(self, field: &str) -> &'static str {
        match self {
            DocKind::Article | DocKind::Page => field_label(field),
            DocKind::Record(kind) => {
                kind.fields().iter().find(|f| f.key == field).map_or("Trường khác", |f| f.label)
            }
        }
    }
}

impl From<DocKind> for &'static str {
    fn from(kind: DocKind) -> Self {
        kind.key()
    }
}

impl TryFrom<String> for DocKind {
    type Error = String;
    fn try_from(key: String) -> Result<Self, String> {
        DocKind::parse(&key).ok_or_else(|| format!("Loại nội dung không hợp lệ: {key}"))
    }
}

impl From<RecordKind> for DocKind {
    fn from(kind: RecordKind) -> Self {
        DocKind::Record(kind)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Invisible to visitors and search engines.
    Draft,
    /// Visible from its publication time on (a future time makes it scheduled).
    Published,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "draft" => Some(Status::Draft),
            "published" => Some(Status::Published),
            _ => None,
        }
    }
}

/// An article's editable fields, as saved in each revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFields {
    pub title: String,
    pub lead: String,
    pub body_html: String,
    pub image_url: Option<String>,
    pub image_caption: Option<String>,
    pub source: Option<String>,
    pub status: Status,
    /// Publication time, local (Asia/Ho_Chi_Minh), as in `<input type="datetime-local">`:
    /// "2022-06-20T08:00".
    pub published_local: String,
}

/// A content page's editable fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageFields {
    pub title: String,
    pub description: String,
    pub body_html: String,
}

/// The answer to a successful save: where the article now lives and its new version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub slug: String,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub version: i64,
    pub author: String,
    pub at: VnDateTime,
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Same,
    Added,
    Removed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSegment {
    pub change: Change,
    pub text: String,
}

/// What changed in one field between two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDiff {
    pub field: String,
    pub segments: Vec<DiffSegment>,
}

/// A save that started from an older version than the stored one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The stored version, to save against once the editor has merged.
    pub version: i64,
    pub author: String,
    pub at: VnDateTime,
    /// What the other editor changed, from the version this editor started from.
    pub changes: Vec<FieldDiff>,
    /// The stored fields (see `field_values`), so fields this editor did not touch can take
    /// the other editor's values.
    pub theirs: Vec<(String, String)>,
}

/// The three-way rule for one field after a conflict: keep the editor's value if they changed
/// it, otherwise take the stored one.
pub fn merge_field<'a>(base: &'a str, mine: &'a str, theirs: &'a str) -> &'a str {
    if mine == base {
        theirs
    } else {
        mine
    }
}

impl ArticleFields {
    /// Each field by key ("title", "lead", "body", "image", "image_caption", "source", "status",
    /// "published"), as text.
    pub fn field_values(&self) -> Vec<(String, String)> {
        vec![
            ("title".into(), self.title.clone()),
            ("lead".into(), self.lead.clone()),
            ("body".into(), self.body_html.clone()),
            ("image".into(), self.image_url.clone().unwrap_or_default()),
            ("image_caption".into(), self.image_caption.clone().unwrap_or_default()),
            ("source".into(), self.source.clone().unwrap_or_default()),
            ("status".into(), self.status.as_str().into()),
            ("published".into(), self.published_local.clone()),
        ]
    }
}

impl PageFields {
    pub fn field_values(&self) -> Vec<(String, String)> {
        vec![
            ("title".into(), self.title.clone()),
            ("description".into(), self.description.clone()),
            ("body".into(), self.body_html.clone()),
        ]
    }
}

/// The editor's names for the fields, in page order.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "title" => "Tiêu đề",
        "lead" => "Sapo",
        "body" => "Nội dung",
        "image" => "Ảnh đại diện",
        "image_caption" => "Chú thích ảnh",
        "source" => "Nguồn",
        "status" => "Trạng thái",
        "published" => "Thời gian đăng",
        "description" => "Mô tả",
        _ => "Trường khác",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind travels and is stored as its key, which is unique.
    #[test]
    fn every_document_kind_travels_as_its_key() {
        let keys: Vec<_> = DocKind::all().map(DocKind::key).collect();
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), keys.len());
        for kind in DocKind::all() {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.key()));
            assert_eq!(serde_json::from_str::<DocKind>(&json).unwrap(), kind);
        }
        assert!(serde_json::from_str::<DocKind>("\"bogus\"").is_err());
        assert_eq!(DocKind::Record(RecordKind::Petition).field_label("status"), "Tình trạng");
        assert_eq!(DocKind::Article.field_label("lead"), "Sapo");
    }

    #[test]
    fn untouched_fields_take_the_stored_value() {
        assert_eq!(merge_field("cũ", "cũ", "của họ"), "của họ");
        assert_eq!(merge_field("cũ", "của tôi", "của họ"), "của tôi");
        assert_eq!(merge_field("cũ", "của tôi", "cũ"), "của tôi");
    }
}

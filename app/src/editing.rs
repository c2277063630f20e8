//! What editing sends and receives: the editable fields, revisions, conflicts and diffs.

use crate::format::VnDateTime;
use serde::{Deserialize, Serialize};

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
    /// Each field by key ("title", "lead", "body", "image_caption", "source", "status",
    /// "published"), as text.
    pub fn field_values(&self) -> Vec<(String, String)> {
        vec![
            ("title".into(), self.title.clone()),
            ("lead".into(), self.lead.clone()),
            ("body".into(), self.body_html.clone()),
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
    use super::merge_field;

    #[test]
    fn untouched_fields_take_the_stored_value() {
        assert_eq!(merge_field("cũ", "cũ", "của họ"), "của họ");
        assert_eq!(merge_field("cũ", "của tôi", "của họ"), "của tôi");
        assert_eq!(merge_field("cũ", "của tôi", "cũ"), "của tôi");
    }
}

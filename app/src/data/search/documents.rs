//! What the index holds for each public record: one SQL query per kind gives its rows (only
//! public ones: no drafts, nothing in the trash), and where each leads.

use crate::model::{article_href, page_href};
use crate::records::{event_href, RecordKind};
use crate::search::SearchKind;
use sqlx::FromRow;

/// What one kind contributes: (id, slug, calendar (entries only), day as YYYY-MM-DD, visible
/// from, last change, title, body, body is HTML, resolution number as "seq/year"). `?1` is one id, or NULL for all.
pub fn source(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Article => {
            "SELECT id, slug, NULL AS calendar, date(published_at, 'unixepoch', '+7 hours') AS day, \
             published_at AS visible_from, updated_at, title, lead || ' ' || body_html AS body, 1 AS html, NULL AS number \
             FROM articles WHERE status = 'published' AND deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Page => {
            "SELECT id, slug, NULL AS calendar, NULL AS day, 0 AS visible_from, updated_at, title, \
             description || ' ' || body_html AS body, 1 AS html, NULL AS number FROM pages \
             WHERE lang = 'vi' AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Resolution => {
            "SELECT id, slug, NULL AS calendar, signed_on AS day, 0 AS visible_from, updated_at, \
             'Nghị quyết số ' || number AS title, \
             abstract || ' — ' || issuer || ', khóa ' || term || ', ban hành năm ' || year || '. Người ký: ' || signer AS body, \
             0 AS html, seq || '/' || year AS number FROM resolutions WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Petition => {
            "SELECT id, slug, NULL AS calendar, raised_on AS day, 0 AS visible_from, updated_at, \
             'Kiến nghị của cử tri ' || locality || ' (' || agency || ')' AS title, \
             text || ' ' || COALESCE('Trả lời: ' || NULLIF(answer, ''), '') || ' ' || meeting AS body, 0 AS html, NULL AS number \
             FROM petitions WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Supervision => {
            "SELECT id, slug, NULL AS calendar, period_to AS day, 0 AS visible_from, updated_at, topic AS title, \
             'Đơn vị được giám sát: ' || units || '. ' || findings AS body, 0 AS html, NULL AS number \
             FROM supervisions WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Event => {
            "SELECT id, slug, calendar, \
             date(starts_at, 'unixepoch', '+7 hours') AS day, 0 AS visible_from, updated_at, content AS title, \
             'Địa điểm: ' || place || '. Thành phần: ' || participants AS body, 0 AS html, NULL AS number \
             FROM calendar_events WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Person => {
            "SELECT id, slug, NULL AS calendar, NULL AS day, 0 AS visible_from, updated_at, name AS title, \
             position || '. ' || workplace || '. ' || bio AS body, 0 AS html, NULL AS number \
             FROM people WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Body => {
            "SELECT id, slug, NULL AS calendar, NULL AS day, 0 AS visible_from, updated_at, name AS title, duties AS body, 0 AS html, NULL AS number \
             FROM bodies WHERE deleted_at IS NULL AND (?1 IS NULL OR id = ?1)"
        }
        SearchKind::Question => concat!(
            "SELECT id, slug, NULL AS calendar, asked_on AS day, 0 AS visible_from, updated_at, title, \
             text || ' ' || COALESCE('Trả lời: ' || NULLIF(answer, ''), '') || ' ' || asker || ', ' || locality AS body, \
             0 AS html, NULL AS number FROM questions WHERE deleted_at IS NULL AND status IN ",
            crate::public_question_statuses!(),
            " AND (?1 IS NULL OR id = ?1)"
        ),
        SearchKind::Sitting => {
            "SELECT s.id, s.slug, NULL AS calendar, s.starts_on AS day, 0 AS visible_from, s.updated_at, s.title, \
             COALESCE((SELECT group_concat(f.title, '. ') FROM attachments f WHERE f.kind = 'sitting' AND f.record_id = s.id), '') AS body, \
             0 AS html, NULL AS number FROM sittings s WHERE s.deleted_at IS NULL AND (?1 IS NULL OR s.id = ?1)"
        }
    }
}

#[derive(FromRow)]
pub struct Doc {
    pub id: i64,
    slug: String,
    pub calendar: Option<String>,
    pub day: Option<String>,
    pub visible_from: i64,
    pub title: String,
    body: String,
    html: bool,
    pub number: Option<String>,
}

/// Where a result leads: the same addresses the site uses everywhere.
pub fn url(kind: SearchKind, doc: &Doc) -> String {
    href(kind, &doc.slug, doc.calendar.as_deref(), doc.day.as_deref())
}

/// The address of a document of `kind` (an entry's needs its calendar and day).
pub fn href(kind: SearchKind, slug: &str, calendar: Option<&str>, day: Option<&str>) -> String {
    let record = match kind {
        SearchKind::Article => return article_href(slug),
        SearchKind::Page => return page_href(slug),
        SearchKind::Event => return event_href(calendar.unwrap_or_default(), day.unwrap_or_default(), slug),
        SearchKind::Resolution => RecordKind::Resolution,
        SearchKind::Petition => RecordKind::Petition,
        SearchKind::Supervision => RecordKind::Supervision,
        SearchKind::Person => RecordKind::Person,
        SearchKind::Body => RecordKind::Body,
        SearchKind::Sitting => RecordKind::Sitting,
        SearchKind::Question => RecordKind::Question,
    };
    record.href(slug, &[])
}

impl Doc {
    /// The text of the body, without markup, on one line.
    pub fn plain_body(&self) -> String {
        let body = if self.html { crate::sanitize::html_to_text(&self.body) } else { self.body.clone() };
        body.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

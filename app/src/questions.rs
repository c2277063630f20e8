//! Hỏi đáp and góp ý: citizens' questions and feedback. A question is sent through the public
//! form, confirmed through a link mailed to the asker, then moderated by editors in the record
//! editor: published, answered (the answer names the answering body and date; the asker is
//! mailed) or rejected (with a reason, mailed). Only published and answered questions are
//! public; answers are due within the same days as petitions' (the overdue rule).

use crate::council::{choice_param, page_param, page_value, query_string, year_param, Paged};
use crate::records::LOCALITIES;
use serde::{Deserialize, Serialize};

/// Where a question stands. Stored, posted and written in URLs as its `key()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuestionStatus {
    /// Sent, waiting for the asker to follow the mailed link.
    Unconfirmed,
    /// Confirmed, in the editors' moderation queue.
    Pending,
    /// Public, waiting for its answer.
    Published,
    /// Public with its answer.
    Answered,
    /// Not published; the asker was told why.
    Rejected,
}

impl QuestionStatus {
    pub const ALL: [QuestionStatus; 5] = [
        QuestionStatus::Unconfirmed,
        QuestionStatus::Pending,
        QuestionStatus::Published,
        QuestionStatus::Answered,
        QuestionStatus::Rejected,
    ];

    pub const fn key(self) -> &'static str {
        match self {
            QuestionStatus::Unconfirmed => "cho-xac-nhan",
            QuestionStatus::Pending => "cho-duyet",
            QuestionStatus::Published => "da-dang",
            QuestionStatus::Answered => "da-tra-loi",
            QuestionStatus::Rejected => "tu-choi",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            QuestionStatus::Unconfirmed => "Chờ người gửi xác nhận",
            QuestionStatus::Pending => "Chờ duyệt",
            QuestionStatus::Published => "Chờ trả lời",
            QuestionStatus::Answered => "Đã trả lời",
            QuestionStatus::Rejected => "Không đăng",
        }
    }

    pub fn parse(key: &str) -> Option<QuestionStatus> {
        QuestionStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Readers see it.
    pub fn is_public(self) -> bool {
        matches!(self, QuestionStatus::Published | QuestionStatus::Answered)
    }

    /// Still owed an answer (and so can be overdue).
    pub fn is_open(self) -> bool {
        matches!(self, QuestionStatus::Pending | QuestionStatus::Published)
    }
}

/// The SQL list of the statuses readers see (`QuestionStatus::is_public`), for the queries
/// that must agree on them: the lists, search, the sitemap and the attachments.
#[macro_export]
macro_rules! public_question_statuses {
    () => {
        "('da-dang', 'da-tra-loi')"
    };
}

/// The statuses an editor sets (a question is confirmed by its asker, never by an editor).
pub const MODERATION_STATUSES: &[(&str, &str)] = &[
    (QuestionStatus::Pending.key(), QuestionStatus::Pending.label()),
    (QuestionStatus::Published.key(), QuestionStatus::Published.label()),
    (QuestionStatus::Answered.key(), QuestionStatus::Answered.label()),
    (QuestionStatus::Rejected.key(), QuestionStatus::Rejected.label()),
];

/// The statuses readers filter by.
pub const PUBLIC_STATUSES: &[(&str, &str)] = &[
    (QuestionStatus::Published.key(), QuestionStatus::Published.label()),
    (QuestionStatus::Answered.key(), QuestionStatus::Answered.label()),
];

/// A question, or feedback (góp ý) on a draft resolution, the council's work or the portal.
pub const QUESTION_KINDS: &[(&str, &str)] = &[("hoi-dap", "Hỏi đáp"), ("gop-y", "Góp ý")];

/// What a question is about: the fields of life, and what feedback is about.
pub use crate::records::QUESTION_TOPICS as QUESTION_FIELDS;

/// The form's limits.
pub const ASKER_MAX_CHARS: usize = 100;
pub const TITLE_MAX_CHARS: usize = 200;
pub const TEXT_MAX_CHARS: usize = 5_000;
/// How long the confirmation link works.
pub const CONFIRM_HOURS: i64 = 48;
/// Where the form posts (multipart, for its optional attachment): a route of the server.
pub const ASK_ACTION: &str = "/api/ask_question";
/// The form's attachment field, and the largest file it takes.
pub const FILE_FIELD: &str = "tep";
pub const FILE_MAX_BYTES: usize = 5 * 1024 * 1024;
pub const FILE_TOO_BIG: &str = "Tệp đính kèm quá lớn (tối đa 5 MB).";
pub const FILE_REFUSED: &str =
    "Tệp đính kèm phải là tài liệu PDF, Word, Excel, PowerPoint hoặc OpenDocument, và nội dung phải đúng với loại tệp.";

pub use crate::mail::{NAME_MISSING as ASKER_MISSING, SUBJECT_MISSING as TITLE_MISSING};
pub const TEXT_MISSING: &str = "Vui lòng nhập nội dung câu hỏi (tối đa 5.000 ký tự).";
pub const CHOICE_MISSING: &str = "Vui lòng chọn loại, địa phương và lĩnh vực.";
pub const SENT: &str = "Đã nhận câu hỏi. Vui lòng mở thư vừa gửi đến email của bạn và bấm đường dẫn xác nhận (trong 48 giờ); câu hỏi chỉ được chuyển đến Ban biên tập sau khi xác nhận.";
pub const SENT_NOT_CONFIGURED: &str = "Đã lưu câu hỏi, nhưng thư xác nhận chưa gửi được: cổng thông tin chưa được cấu hình máy chủ gửi thư. Thư sẽ được gửi khi máy chủ thư sẵn sàng.";
pub const CONFIRMED: &str =
    "Cảm ơn bạn: câu hỏi đã được xác nhận và chuyển đến Ban biên tập. Bạn sẽ nhận thư khi câu hỏi được trả lời.";
pub const BAD_CONFIRM_LINK: &str =
    "Đường dẫn xác nhận không hợp lệ, đã được dùng hoặc đã hết hạn (48 giờ). Vui lòng gửi lại câu hỏi.";

/// The list's filters, all in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionFilter {
    pub kind: Option<String>,
    pub field: Option<String>,
    pub locality: Option<String>,
    /// Readers: published or answered; editors also the moderation queue and the rejected.
    pub status: Option<QuestionStatus>,
    pub year: Option<i32>,
    pub overdue: bool,
    pub page: u32,
}

impl QuestionFilter {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        Ok(QuestionFilter {
            kind: choice_param(&get, "loai", QUESTION_KINDS)?,
            field: choice_param(&get, "linh_vuc", QUESTION_FIELDS)?,
            locality: choice_param(&get, "dia_phuong", LOCALITIES)?,
            status: choice_param(&get, "trang_thai", MODERATION_STATUSES)?.as_deref().and_then(QuestionStatus::parse),
            year: year_param(&get)?,
            overdue: get("qua_han").is_some_and(|v| v == "1"),
            page: page_param(&get)?,
        })
    }

    pub fn query(&self, page: u32) -> String {
        query_string(&[
            ("loai", self.kind.clone()),
            ("linh_vuc", self.field.clone()),
            ("dia_phuong", self.locality.clone()),
            ("trang_thai", self.status.map(|s| s.key().to_string())),
            ("nam", self.year.map(|y| y.to_string())),
            ("qua_han", self.overdue.then(|| "1".to_string())),
            ("trang", page_value(page)),
        ])
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub slug: String,
    pub kind_label: String,
    pub asker: String,
    pub locality: String,
    pub field_label: String,
    pub title: String,
    pub status: QuestionStatus,
    /// dd/mm/yyyy
    pub asked: String,
    pub overdue: bool,
    /// Days since it was asked (while unanswered) or until it was answered.
    pub days: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionList {
    pub list: Paged<QuestionSummary>,
    pub years: Vec<i32>,
    pub answer_days: i64,
    /// Confirmed questions waiting for an editor (shown to editors only; 0 for readers).
    pub pending: u64,
    /// Whether the one asking is an editor (who sees the queue).
    pub as_editor: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDetail {
    pub summary: QuestionSummary,
    pub text: Vec<String>,
    pub answer: Vec<String>,
    pub answered: Option<String>,
    pub answer_agency: Option<String>,
    /// Shown to editors only.
    pub reject_reason: Option<String>,
    pub answer_days: i64,
    pub is_demo: bool,
    /// The asker's attachment (public with the question once it is published).
    pub files: Vec<crate::resolution::AttachedFile>,
}

/// The overdue rule of petitions, for questions: unanswered more than `answer_days` days after
/// it was asked.
pub fn is_overdue(status: QuestionStatus, days_since_asked: i64, answer_days: i64) -> bool {
    crate::council::answer_overdue(status.is_open(), days_since_asked, answer_days)
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_sql_list_of_public_statuses_is_is_public() {
        let listed: Vec<&str> = crate::public_question_statuses!()
            .trim_matches(|c| c == '(' || c == ')')
            .split(", ")
            .map(|s| s.trim_matches('\''))
            .collect();
        for status in QuestionStatus::ALL {
            assert_eq!(listed.contains(&status.key()), status.is_public(), "{status:?}");
        }
    }
    use super::*;

    #[test]
    fn attachments_are_public_with_the_same_statuses_as_questions() {
        let condition = crate::records::RecordKind::Question.public_condition();
        for (key, _) in PUBLIC_STATUSES {
            assert!(condition.contains(&format!("'{key}'")), "{condition}");
        }
        assert_eq!(condition.matches('\'').count(), 2 * PUBLIC_STATUSES.len());
    }

    #[test]
    fn statuses_round_trip_and_only_published_ones_are_public() {
        for s in QuestionStatus::ALL {
            assert_eq!(QuestionStatus::parse(s.key()), Some(s));
        }
        let public: Vec<_> = QuestionStatus::ALL.into_iter().filter(|s| s.is_public()).collect();
        assert_eq!(public, [QuestionStatus::Published, QuestionStatus::Answered]);
        assert!(!MODERATION_STATUSES.iter().any(|(k, _)| *k == QuestionStatus::Unconfirmed.key()));
    }

    #[test]
    fn the_overdue_rule_is_the_petitions_one() {
        assert!(is_overdue(QuestionStatus::Published, 61, 60));
        assert!(!is_overdue(QuestionStatus::Published, 60, 60));
        assert!(!is_overdue(QuestionStatus::Answered, 400, 60));
        assert!(!is_overdue(QuestionStatus::Rejected, 400, 60));
    }

    #[test]
    fn filters_round_trip_through_the_url() {
        let f = QuestionFilter {
            kind: Some("gop-y".into()),
            field: Some("cong-thong-tin".into()),
            locality: Some("Dĩ An".into()),
            status: Some(QuestionStatus::Answered),
            year: Some(2026),
            overdue: true,
            page: 2,
        };
        let pairs = [
            ("loai", "gop-y"),
            ("linh_vuc", "cong-thong-tin"),
            ("dia_phuong", "Dĩ An"),
            ("trang_thai", "da-tra-loi"),
            ("nam", "2026"),
            ("qua_han", "1"),
            ("trang", "2"),
        ];
        let back = QuestionFilter::from_query(|k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string()));
        assert_eq!(back, Ok(f.clone()));
        assert!(f.query(2).contains("loai=gop-y"));
        assert!(QuestionFilter::from_query(|k| (k == "trang_thai").then(|| "cho-xac-nhan".to_string())).is_err());
    }
}

//! The council's records other than articles and pages, as one editable family: which kinds
//! there are, and each kind's editable fields (the form an editor sees, what the server
//! checks, what a revision stores).

use serde::{Deserialize, Serialize};

/// A kind of council record. On the wire (server functions, plain forms) it is its `key()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Resolution,
    Supervision,
    Petition,
    Event,
    Person,
    Body,
    Session,
}

/// How a field is edited and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// One line of text, at most this many characters.
    Line(usize),
    /// Several paragraphs (blank lines between them).
    Text(usize),
    /// "YYYY-MM-DD".
    Date,
    /// Local time (Asia/Ho_Chi_Minh), "YYYY-MM-DDTHH:MM"; stored as Unix seconds.
    DateTime,
    /// A whole number.
    Number,
    /// One of these (key, label) values.
    Choice(&'static [(&'static str, &'static str)]),
    /// The address of an image on this site ("/uploads/…"), uploaded from the form.
    Image,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's key, which is also its column.
    pub key: &'static str,
    pub label: &'static str,
    pub input: Input,
    pub required: bool,
}

const fn field(key: &'static str, label: &'static str, input: Input, required: bool) -> FieldSpec {
    FieldSpec { key, label, input, required }
}

pub const SUPERVISION_BODIES: &[(&str, &str)] = &[
    ("doan-dbqh", "Đoàn đại biểu Quốc hội"),
    ("hdnd", "Hội đồng nhân dân tỉnh"),
    ("thuong-truc", "Thường trực HĐND"),
    ("ban-ktns", "Ban Kinh tế - Ngân sách"),
    ("ban-vhxh", "Ban Văn hóa - Xã hội"),
    ("ban-pc", "Ban Pháp chế"),
];

pub const PETITION_STATUSES: &[(&str, &str)] =
    &[("cho-tra-loi", "Chờ trả lời"), ("dang-giai-quyet", "Đang giải quyết"), ("da-tra-loi", "Đã trả lời")];

pub const CHANNELS: &[(&str, &str)] = &[("hdnd", "Qua HĐND tỉnh"), ("doan-dbqh", "Qua Đoàn ĐBQH")];

pub const FIELDS_OF_LIFE: &[(&str, &str)] = &[
    ("dat-dai", "Đất đai"),
    ("giao-thong", "Giao thông"),
    ("giao-duc", "Giáo dục"),
    ("y-te", "Y tế"),
    ("moi-truong", "Môi trường"),
    ("an-sinh", "An sinh xã hội"),
    ("kinh-te", "Kinh tế"),
    ("hanh-chinh", "Hành chính"),
];

/// The seven delegate units.
pub const LOCALITIES: &[(&str, &str)] = &[
    ("Thủ Dầu Một", "Thủ Dầu Một"),
    ("Dĩ An", "Dĩ An"),
    ("Thuận An", "Thuận An"),
    ("Bến Cát", "Bến Cát"),
    ("Tân Uyên", "Tân Uyên"),
    ("Dầu Tiếng - Bàu Bàng", "Dầu Tiếng - Bàu Bàng"),
    ("Phú Giáo - Bắc Tân Uyên", "Phú Giáo - Bắc Tân Uyên"),
];

pub const CALENDARS: &[(&str, &str)] = &[
    ("hdnd", "Lịch làm việc HĐND"),
    ("doan-dbqh", "Lịch làm việc Đoàn ĐBQH"),
    ("tiep-cong-dan", "Lịch tiếp công dân"),
    ("tiep-xuc-cu-tri", "Lịch tiếp xúc cử tri"),
];

const VALIDITIES: &[(&str, &str)] = &[
    ("con-hieu-luc", "Còn hiệu lực"),
    ("het-hieu-luc-mot-phan", "Hết hiệu lực một phần"),
    ("het-hieu-luc", "Hết hiệu lực"),
];
const LEVELS: &[(&str, &str)] = &[("tinh", "Cấp tỉnh"), ("huyen", "Cấp huyện"), ("xa", "Cấp xã")];
const DOC_TYPES: &[(&str, &str)] = &[("qppl", "Nghị quyết quy phạm pháp luật"), ("ca-biet", "Nghị quyết cá biệt")];
const TERM_CHOICES: &[(&str, &str)] = &[("X", "Khóa X"), ("IX", "Khóa IX"), ("VIII", "Khóa VIII")];

const RESOLUTION_FIELDS: &[FieldSpec] = &[
    field("number", "Số, ký hiệu", Input::Line(60), true),
    field("abstract", "Trích yếu", Input::Text(2_000), true),
    field("doc_type", "Loại văn bản", Input::Choice(DOC_TYPES), true),
    field("issuer", "Cơ quan ban hành", Input::Line(200), true),
    field("level", "Cấp", Input::Choice(LEVELS), true),
    field("term", "Khóa", Input::Choice(TERM_CHOICES), true),
    field("session", "Kỳ họp thứ", Input::Number, false),
    field("signer", "Người ký", Input::Line(120), true),
    field("signed_on", "Ngày ban hành", Input::Date, true),
    field("effective_on", "Ngày hiệu lực", Input::Date, false),
    field("validity", "Tình trạng hiệu lực", Input::Choice(VALIDITIES), true),
];

const SUPERVISION_FIELDS: &[FieldSpec] = &[
    field("topic", "Nội dung giám sát", Input::Line(300), true),
    field("body", "Cơ quan giám sát", Input::Choice(SUPERVISION_BODIES), true),
    field("period_from", "Từ ngày", Input::Date, true),
    field("period_to", "Đến ngày", Input::Date, true),
    field("units", "Đơn vị được giám sát", Input::Text(2_000), true),
    field("findings", "Kết quả giám sát", Input::Text(20_000), true),
];

const PETITION_FIELDS: &[FieldSpec] = &[
    field("text", "Nội dung kiến nghị", Input::Text(5_000), true),
    field("meeting", "Nơi, dịp tiếp xúc cử tri", Input::Line(300), true),
    field("locality", "Địa phương", Input::Choice(LOCALITIES), true),
    field("raised_on", "Ngày tiếp nhận", Input::Date, true),
    field("field", "Lĩnh vực", Input::Choice(FIELDS_OF_LIFE), true),
    field("agency", "Cơ quan có trách nhiệm trả lời", Input::Line(200), true),
    field("channel", "Kênh tiếp nhận", Input::Choice(CHANNELS), true),
    field("status", "Tình trạng", Input::Choice(PETITION_STATUSES), true),
    field("answer", "Nội dung trả lời", Input::Text(20_000), false),
    field("answered_on", "Ngày trả lời", Input::Date, false),
    field("answer_agency", "Cơ quan trả lời", Input::Line(200), false),
];

const EVENT_FIELDS: &[FieldSpec] = &[
    field("content", "Nội dung", Input::Text(2_000), true),
    field("calendar", "Lịch", Input::Choice(CALENDARS), true),
    field("starts_at", "Bắt đầu", Input::DateTime, true),
    field("ends_at", "Kết thúc", Input::DateTime, false),
    field("place", "Địa điểm", Input::Line(300), true),
    field("participants", "Thành phần", Input::Text(2_000), false),
];

const PERSON_FIELDS: &[FieldSpec] = &[
    field("name", "Họ và tên", Input::Line(120), true),
    field("position", "Chức vụ", Input::Line(300), false),
    field("workplace", "Nơi công tác", Input::Line(300), false),
    field("born", "Năm sinh", Input::Number, false),
    field("photo_url", "Ảnh chân dung", Input::Image, false),
    field("bio", "Tiểu sử", Input::Text(10_000), false),
];

const BODY_FIELDS: &[FieldSpec] =
    &[field("name", "Tên", Input::Line(200), true), field("duties", "Chức năng, nhiệm vụ", Input::Text(20_000), false)];

const SESSION_FIELDS: &[FieldSpec] = &[
    field("title", "Tên kỳ họp", Input::Line(300), true),
    field("term", "Khóa", Input::Choice(TERM_CHOICES), true),
    field("number", "Kỳ họp thứ", Input::Number, true),
    field("starts_on", "Từ ngày", Input::Date, true),
    field("ends_on", "Đến ngày", Input::Date, true),
];

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Resolution,
        RecordKind::Supervision,
        RecordKind::Petition,
        RecordKind::Event,
        RecordKind::Person,
        RecordKind::Body,
        RecordKind::Session,
    ];

    /// The kind's name in revisions and the search index.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::Resolution => "resolution",
            RecordKind::Supervision => "supervision",
            RecordKind::Petition => "petition",
            RecordKind::Event => "event",
            RecordKind::Person => "person",
            RecordKind::Body => "body",
            RecordKind::Session => "session",
        }
    }

    pub fn parse(key: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// "Nghị quyết", as in "Nghị quyết đã được người khác sửa".
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Resolution => "Nghị quyết",
            RecordKind::Supervision => "Hoạt động giám sát",
            RecordKind::Petition => "Kiến nghị",
            RecordKind::Event => "Lịch",
            RecordKind::Person => "Đại biểu",
            RecordKind::Body => "Cơ quan",
            RecordKind::Session => "Kỳ họp",
        }
    }

    /// The edit button's label, "Sửa nghị quyết".
    pub fn edit_label(self) -> &'static str {
        match self {
            RecordKind::Resolution => "Sửa nghị quyết",
            RecordKind::Supervision => "Sửa hoạt động giám sát",
            RecordKind::Petition => "Sửa kiến nghị",
            RecordKind::Event => "Sửa lịch",
            RecordKind::Person => "Sửa đại biểu",
            RecordKind::Body => "Sửa cơ quan",
            RecordKind::Session => "Sửa kỳ họp",
        }
    }

    /// The "add" button's label; None for kinds that are not added from the site (the bodies
    /// are fixed by law).
    pub fn new_label(self) -> Option<&'static str> {
        match self {
            RecordKind::Resolution => Some("Thêm nghị quyết"),
            RecordKind::Supervision => Some("Thêm hoạt động giám sát"),
            RecordKind::Petition => Some("Thêm kiến nghị"),
            RecordKind::Event => Some("Thêm lịch"),
            RecordKind::Person => Some("Thêm đại biểu"),
            RecordKind::Body => None,
            RecordKind::Session => Some("Thêm kỳ họp"),
        }
    }

    /// Whether records of this kind carry files (a resolution's text, a report, an answer,
    /// a session's documents).
    pub fn takes_files(self) -> bool {
        matches!(self, RecordKind::Resolution | RecordKind::Supervision | RecordKind::Petition | RecordKind::Session)
    }

    /// The public address of a record of this kind, from its slug and fields.
    pub fn href(self, slug: &str, fields: &[(String, String)]) -> String {
        let get = |key: &str| fields.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str());
        match self {
            RecordKind::Resolution => format!("/nghi-quyet/{slug}"),
            RecordKind::Supervision => format!("/giam-sat/{slug}"),
            RecordKind::Petition => format!("/kien-nghi/{slug}"),
            RecordKind::Event => event_href(get("calendar"), get("starts_at").split('T').next().unwrap_or(""), slug),
            RecordKind::Person => format!("/dai-bieu/{slug}"),
            RecordKind::Body => format!("/co-quan/{slug}"),
            RecordKind::Session => format!("/tai-lieu-ky-hop/{slug}"),
        }
    }

    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            RecordKind::Resolution => RESOLUTION_FIELDS,
            RecordKind::Supervision => SUPERVISION_FIELDS,
            RecordKind::Petition => PETITION_FIELDS,
            RecordKind::Event => EVENT_FIELDS,
            RecordKind::Person => PERSON_FIELDS,
            RecordKind::Body => BODY_FIELDS,
            RecordKind::Session => SESSION_FIELDS,
        }
    }

    /// The table the kind lives in (a fixed name, never from input).
    pub fn table(self) -> &'static str {
        match self {
            RecordKind::Resolution => "resolutions",
            RecordKind::Supervision => "supervisions",
            RecordKind::Petition => "petitions",
            RecordKind::Event => "calendar_events",
            RecordKind::Person => "people",
            RecordKind::Body => "bodies",
            RecordKind::Session => "council_sessions",
        }
    }
}

/// A calendar entry's address: its calendar's week of `date` ("YYYY-MM-DD"), at the entry.
pub fn event_href(calendar: &str, date: &str, slug: &str) -> String {
    format!("/lich/{calendar}?tuan={date}#{slug}")
}

/// The label of `key` in a (key, label) vocabulary, or the key itself.
pub fn label_of(choices: &[(&'static str, &'static str)], key: &str) -> String {
    choices.iter().find(|(k, _)| *k == key).map_or_else(|| key.to_string(), |(_, l)| l.to_string())
}

/// A record's fields as the editor form holds them: (key, value as text), in form order.
pub type RecordFields = Vec<(String, String)>;

/// What the editor form starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableRecord {
    pub version: i64,
    pub fields: RecordFields,
}

/// Splits plain text into paragraphs at blank lines (single line breaks stay in the paragraph).
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_and_has_required_fields() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.key()), Some(kind));
            assert!(kind.fields().iter().any(|f| f.required), "{kind:?}");
            let mut keys: Vec<_> = kind.fields().iter().map(|f| f.key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), kind.fields().len(), "{kind:?} has a duplicate field");
        }
    }

    /// Server functions take the kind itself; on the wire it is the same key that plain forms
    /// post and revisions store.
    #[test]
    fn every_kind_travels_as_its_key() {
        for kind in RecordKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.key()));
            assert_eq!(serde_json::from_str::<RecordKind>(&json).unwrap(), kind);
        }
        assert!(serde_json::from_str::<RecordKind>("\"Resolution\"").is_err());
        assert!(serde_json::from_str::<RecordKind>("\"bogus\"").is_err());
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(paragraphs("Một\nhai\n\n  Ba \n\n\n"), vec!["Một\nhai".to_string(), "Ba".to_string()]);
        assert_eq!(label_of(PETITION_STATUSES, "da-tra-loi"), "Đã trả lời");
        let event = vec![
            ("calendar".to_string(), "hdnd".to_string()),
            ("starts_at".to_string(), "2026-11-30T08:00".to_string()),
        ];
        assert_eq!(RecordKind::Event.href("su-kien-7", &event), "/lich/hdnd?tuan=2026-11-30#su-kien-7");
    }
}

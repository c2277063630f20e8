//! The council's records other than articles and pages, as one editable family: which kinds
//! there are, and each kind's editable fields (the form an editor sees, what the server
//! checks, what a revision stores).

use crate::search::SearchKind;
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
    Sitting,
    Question,
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

/// Where a voters' petition stands. Stored, posted and written in URLs as its `key()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PetitionStatus {
    #[serde(rename = "cho-tra-loi")]
    Waiting,
    #[serde(rename = "dang-giai-quyet")]
    InProgress,
    #[serde(rename = "da-tra-loi")]
    Answered,
}

impl PetitionStatus {
    pub const ALL: [PetitionStatus; 3] =
        [PetitionStatus::Waiting, PetitionStatus::InProgress, PetitionStatus::Answered];

    pub const fn key(self) -> &'static str {
        match self {
            PetitionStatus::Waiting => "cho-tra-loi",
            PetitionStatus::InProgress => "dang-giai-quyet",
            PetitionStatus::Answered => "da-tra-loi",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            PetitionStatus::Waiting => "Chờ trả lời",
            PetitionStatus::InProgress => "Đang giải quyết",
            PetitionStatus::Answered => "Đã trả lời",
        }
    }

    pub fn parse(key: &str) -> Option<PetitionStatus> {
        PetitionStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Still waiting for its answer (and so can be overdue).
    pub fn is_open(self) -> bool {
        self != PetitionStatus::Answered
    }
}

/// The statuses as the form's and the filter's choices.
pub const PETITION_STATUSES: &[(&str, &str)] = &[
    (PetitionStatus::Waiting.key(), PetitionStatus::Waiting.label()),
    (PetitionStatus::InProgress.key(), PetitionStatus::InProgress.label()),
    (PetitionStatus::Answered.key(), PetitionStatus::Answered.label()),
];

pub const CHANNELS: &[(&str, &str)] = &[("hdnd", "Qua HĐND tỉnh"), ("doan-dbqh", "Qua Đoàn ĐBQH")];

/// What petitions and citizens' questions are about: the fields of life, then what feedback
/// (góp ý) is about, for questions only.
const TOPICS: [(&str, &str); 11] = [
    ("dat-dai", "Đất đai"),
    ("giao-thong", "Giao thông"),
    ("giao-duc", "Giáo dục"),
    ("y-te", "Y tế"),
    ("moi-truong", "Môi trường"),
    ("an-sinh", "An sinh xã hội"),
    ("kinh-te", "Kinh tế"),
    ("hanh-chinh", "Hành chính"),
    ("du-thao-nghi-quyet", "Dự thảo nghị quyết"),
    ("hoat-dong-hdnd", "Hoạt động của HĐND"),
    ("cong-thong-tin", "Cổng thông tin"),
];
pub const FIELDS_OF_LIFE: &[(&str, &str)] = TOPICS.as_slice().split_at(8).0;
pub const QUESTION_TOPICS: &[(&str, &str)] = TOPICS.as_slice();

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
    field("sitting", "Kỳ họp thứ", Input::Number, false),
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

const QUESTION_FIELDS_SPEC: &[FieldSpec] = &[
    field("kind", "Loại", Input::Choice(crate::questions::QUESTION_KINDS), true),
    field("title", "Tiêu đề", Input::Line(crate::questions::TITLE_MAX_CHARS), true),
    field("text", "Nội dung", Input::Text(crate::questions::TEXT_MAX_CHARS), true),
    field("asker", "Người gửi", Input::Line(crate::questions::ASKER_MAX_CHARS), true),
    field("locality", "Địa phương", Input::Choice(LOCALITIES), true),
    field("field", "Lĩnh vực", Input::Choice(crate::questions::QUESTION_FIELDS), true),
    field("asked_on", "Ngày gửi", Input::Date, true),
    field("status", "Tình trạng", Input::Choice(crate::questions::MODERATION_STATUSES), true),
    field("answer", "Nội dung trả lời", Input::Text(20_000), false),
    field("answered_on", "Ngày trả lời", Input::Date, false),
    field("answer_agency", "Cơ quan trả lời", Input::Line(200), false),
    field("reject_reason", "Lý do không đăng (gửi cho người hỏi)", Input::Text(2_000), false),
];

const SITTING_FIELDS: &[FieldSpec] = &[
    field("title", "Tên kỳ họp", Input::Line(300), true),
    field("term", "Khóa", Input::Choice(TERM_CHOICES), true),
    field("number", "Kỳ họp thứ", Input::Number, true),
    field("starts_on", "Từ ngày", Input::Date, true),
    field("ends_on", "Đến ngày", Input::Date, true),
];

/// Where a record of a kind is read on the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Address {
    /// This path and the slug: "/nghi-quyet/" + slug.
    Under(&'static str),
    /// A calendar's week, at the entry (see `event_href`).
    CalendarWeek,
}

/// How a new record's slug is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewSlug {
    /// From this field's text, made unique in the kind's table.
    FromField(&'static str),
    /// This prefix and the record's id: "kn-42".
    Numbered(&'static str),
}

/// Everything that makes a kind of record what it is. Adding a kind of record is one more
/// `KindSpec` (with its table, and its page for visitors): the editor's form, the checks, the
/// revisions, the trash, the attachments and the search index all follow from it.
#[derive(Clone, Copy, Debug)]
pub struct KindSpec {
    /// The kind's name in revisions, attachments, plain forms and server functions.
    pub key: &'static str,
    /// "Nghị quyết", as in "Nghị quyết đã được người khác sửa".
    pub label: &'static str,
    /// The edit button's label, "Sửa nghị quyết".
    pub edit_label: &'static str,
    /// The "add" button's label; None for kinds that are not added from the site (the bodies
    /// are fixed by law).
    pub new_label: Option<&'static str>,
    /// Whether records of this kind carry files (a resolution's text, a report, an answer, a
    /// sitting's documents).
    pub takes_files: bool,
    /// The table the kind lives in (a fixed name, never from input).
    pub table: &'static str,
    /// The editable fields, in form order; each key is also its column.
    pub fields: &'static [FieldSpec],
    /// The field that names a record (in the trash list).
    pub title_field: &'static str,
    pub new_slug: NewSlug,
    pub address: Address,
    pub search: SearchKind,
    /// Rules that involve more than one field; the error is the editor's to read.
    pub check: Rule,
    /// Columns computed from the fields on every save (a resolution's number parts, for
    /// sorting and number search).
    pub derived: Derived,
}

/// A check across fields: the message names the fields, in Vietnamese.
pub type Rule = fn(&RecordFields) -> Result<(), &'static str>;

/// Columns computed from the fields: (column, value).
pub type Derived = fn(&RecordFields) -> Vec<(&'static str, i64)>;

fn no_rules(_: &RecordFields) -> Result<(), &'static str> {
    Ok(())
}

fn nothing_derived(_: &RecordFields) -> Vec<(&'static str, i64)> {
    Vec::new()
}

/// The value of `key` among a record's fields ("" when absent).
pub fn value<'a>(fields: &'a [(String, String)], key: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str())
}

/// "12/2022/NQ-HĐND" → (12, 2022).
pub fn number_parts(number: &str) -> Option<(i64, i32)> {
    let mut parts = number.split('/');
    let seq = parts.next()?.trim().parse::<i64>().ok().filter(|n| *n > 0)?;
    let year = parts.next()?.trim().parse::<i32>().ok().filter(|y| (1990..=2100).contains(y))?;
    parts.next().filter(|s| !s.trim().is_empty())?;
    Some((seq, year))
}

const RESOLUTION: KindSpec = KindSpec {
    key: "resolution",
    label: "Nghị quyết",
    edit_label: "Sửa nghị quyết",
    new_label: Some("Thêm nghị quyết"),
    takes_files: true,
    table: "resolutions",
    fields: RESOLUTION_FIELDS,
    title_field: "number",
    new_slug: NewSlug::FromField("number"),
    address: Address::Under("/nghi-quyet/"),
    search: SearchKind::Resolution,
    check: |f| match number_parts(value(f, "number")) {
        Some(_) => Ok(()),
        None => Err("“Số, ký hiệu” phải có dạng số/năm/ký hiệu, ví dụ 12/2022/NQ-HĐND."),
    },
    derived: |f| {
        number_parts(value(f, "number")).map_or_else(Vec::new, |(seq, year)| vec![("seq", seq), ("year", year.into())])
    },
};

const SUPERVISION: KindSpec = KindSpec {
    key: "supervision",
    label: "Hoạt động giám sát",
    edit_label: "Sửa hoạt động giám sát",
    new_label: Some("Thêm hoạt động giám sát"),
    takes_files: true,
    table: "supervisions",
    fields: SUPERVISION_FIELDS,
    title_field: "topic",
    new_slug: NewSlug::FromField("topic"),
    address: Address::Under("/giam-sat/"),
    search: SearchKind::Supervision,
    check: |f| {
        if value(f, "period_to") < value(f, "period_from") {
            Err("“Đến ngày” phải sau “Từ ngày”.")
        } else {
            Ok(())
        }
    },
    derived: nothing_derived,
};

const PETITION: KindSpec = KindSpec {
    key: "petition",
    label: "Kiến nghị",
    edit_label: "Sửa kiến nghị",
    new_label: Some("Thêm kiến nghị"),
    takes_files: true,
    table: "petitions",
    fields: PETITION_FIELDS,
    title_field: "text",
    new_slug: NewSlug::Numbered("kn"),
    address: Address::Under("/kien-nghi/"),
    search: SearchKind::Petition,
    check: |f| {
        let answered = PetitionStatus::parse(value(f, "status")) == Some(PetitionStatus::Answered);
        if answered && (value(f, "answer").is_empty() || value(f, "answered_on").is_empty()) {
            Err("Kiến nghị “Đã trả lời” cần có nội dung trả lời và ngày trả lời.")
        } else if !value(f, "answered_on").is_empty() && value(f, "answered_on") < value(f, "raised_on") {
            Err("“Ngày trả lời” phải sau “Ngày tiếp nhận”.")
        } else {
            Ok(())
        }
    },
    derived: nothing_derived,
};

const EVENT: KindSpec = KindSpec {
    key: "event",
    label: "Lịch",
    edit_label: "Sửa lịch",
    new_label: Some("Thêm lịch"),
    takes_files: false,
    table: "calendar_events",
    fields: EVENT_FIELDS,
    title_field: "content",
    new_slug: NewSlug::Numbered("su-kien"),
    address: Address::CalendarWeek,
    search: SearchKind::Event,
    check: |f| {
        if !value(f, "ends_at").is_empty() && value(f, "ends_at") < value(f, "starts_at") {
            Err("“Kết thúc” phải sau “Bắt đầu”.")
        } else {
            Ok(())
        }
    },
    derived: nothing_derived,
};

const PERSON: KindSpec = KindSpec {
    key: "person",
    label: "Đại biểu",
    edit_label: "Sửa đại biểu",
    new_label: Some("Thêm đại biểu"),
    takes_files: false,
    table: "people",
    fields: PERSON_FIELDS,
    title_field: "name",
    new_slug: NewSlug::FromField("name"),
    address: Address::Under("/dai-bieu/"),
    search: SearchKind::Person,
    check: no_rules,
    derived: nothing_derived,
};

const BODY: KindSpec = KindSpec {
    key: "body",
    label: "Cơ quan",
    edit_label: "Sửa cơ quan",
    new_label: None,
    takes_files: false,
    table: "bodies",
    fields: BODY_FIELDS,
    title_field: "name",
    new_slug: NewSlug::FromField("name"),
    address: Address::Under("/co-quan/"),
    search: SearchKind::Body,
    check: no_rules,
    derived: nothing_derived,
};

const SITTING: KindSpec = KindSpec {
    key: "sitting",
    label: "Kỳ họp",
    edit_label: "Sửa kỳ họp",
    new_label: Some("Thêm kỳ họp"),
    takes_files: true,
    table: "sittings",
    fields: SITTING_FIELDS,
    title_field: "title",
    new_slug: NewSlug::FromField("title"),
    address: Address::Under("/tai-lieu-ky-hop/"),
    search: SearchKind::Sitting,
    check: |f| {
        if value(f, "ends_on") < value(f, "starts_on") {
            Err("“Đến ngày” phải sau “Từ ngày”.")
        } else {
            Ok(())
        }
    },
    derived: nothing_derived,
};

const QUESTION: KindSpec = KindSpec {
    key: "question",
    label: "Câu hỏi",
    edit_label: "Duyệt, trả lời câu hỏi",
    new_label: None,
    takes_files: true,
    table: "questions",
    fields: QUESTION_FIELDS_SPEC,
    title_field: "title",
    new_slug: NewSlug::Numbered("hd"),
    address: Address::Under("/hoi-dap/"),
    search: SearchKind::Question,
    check: |f| {
        use crate::questions::QuestionStatus;
        let status = QuestionStatus::parse(value(f, "status"));
        let missing = |k: &str| value(f, k).trim().is_empty();
        if status == Some(QuestionStatus::Answered)
            && (missing("answer") || missing("answered_on") || missing("answer_agency"))
        {
            Err("Câu hỏi “Đã trả lời” cần có nội dung trả lời, ngày trả lời và cơ quan trả lời.")
        } else if status == Some(QuestionStatus::Rejected) && missing("reject_reason") {
            Err("Câu hỏi “Không đăng” cần có lý do (lý do được gửi cho người hỏi).")
        } else if !missing("answered_on") && value(f, "answered_on") < value(f, "asked_on") {
            Err("“Ngày trả lời” phải sau “Ngày gửi”.")
        } else {
            Ok(())
        }
    },
    derived: nothing_derived,
};

impl RecordKind {
    pub const ALL: [RecordKind; 8] = [
        RecordKind::Resolution,
        RecordKind::Supervision,
        RecordKind::Petition,
        RecordKind::Event,
        RecordKind::Person,
        RecordKind::Body,
        RecordKind::Sitting,
        RecordKind::Question,
    ];

    /// What the kind is: the one place a kind is described.
    pub fn spec(self) -> &'static KindSpec {
        match self {
            RecordKind::Resolution => &RESOLUTION,
            RecordKind::Supervision => &SUPERVISION,
            RecordKind::Petition => &PETITION,
            RecordKind::Event => &EVENT,
            RecordKind::Person => &PERSON,
            RecordKind::Body => &BODY,
            RecordKind::Sitting => &SITTING,
            RecordKind::Question => &QUESTION,
        }
    }

    /// The kind's name in revisions, attachments and the search index.
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn parse(key: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    pub fn edit_label(self) -> &'static str {
        self.spec().edit_label
    }

    pub fn new_label(self) -> Option<&'static str> {
        self.spec().new_label
    }

    /// What else a row of the kind's table (`r`) must satisfy for readers to see it: a question
    /// must be published (the same statuses as `questions::PUBLIC_STATUSES`).
    pub fn public_condition(self) -> &'static str {
        match self {
            RecordKind::Question => concat!(" AND r.status IN ", crate::public_question_statuses!()),
            _ => "",
        }
    }

    pub fn takes_files(self) -> bool {
        self.spec().takes_files
    }

    pub fn fields(self) -> &'static [FieldSpec] {
        self.spec().fields
    }

    pub fn table(self) -> &'static str {
        self.spec().table
    }

    pub fn search_kind(self) -> SearchKind {
        self.spec().search
    }

    /// The public address of a record of this kind, from its slug and fields.
    pub fn href(self, slug: &str, fields: &[(String, String)]) -> String {
        match self.spec().address {
            Address::Under(path) => format!("{path}{slug}"),
            Address::CalendarWeek => {
                event_href(value(fields, "calendar"), value(fields, "starts_at").split('T').next().unwrap_or(""), slug)
            }
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
    fn petitions_take_the_fields_of_life_and_questions_also_the_feedback_topics() {
        assert_eq!(FIELDS_OF_LIFE.len(), 8);
        assert_eq!(FIELDS_OF_LIFE.last().map(|f| f.0), Some("hanh-chinh"));
        assert_eq!(&QUESTION_TOPICS[..8], FIELDS_OF_LIFE);
        assert_eq!(QUESTION_TOPICS.last().map(|f| f.0), Some("cong-thong-tin"));
    }

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(paragraphs("Một\nhai\n\n  Ba \n\n\n"), vec!["Một\nhai".to_string(), "Ba".to_string()]);
        assert_eq!(label_of(PETITION_STATUSES, "da-tra-loi"), "Đã trả lời");
        for status in PetitionStatus::ALL {
            assert_eq!(PetitionStatus::parse(status.key()), Some(status));
            assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{}\"", status.key()));
        }
        let event = vec![
            ("calendar".to_string(), "hdnd".to_string()),
            ("starts_at".to_string(), "2026-11-30T08:00".to_string()),
        ];
        assert_eq!(RecordKind::Event.href("su-kien-7", &event), "/lich/hdnd?tuan=2026-11-30#su-kien-7");
    }
}

//! Dữ liệu mở: the council's records published for re-use, as JSON pages and CSV files. This
//! module names the datasets, their filters and every field (the `/du-lieu-mo` page documents
//! them from here, the exports write them in this order).

/// The page that documents the datasets; every export lives under it.
pub const PATH: &str = "/du-lieu-mo";

pub const LICENCE: &str = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/deed.vi";

/// Items on one JSON page.
pub const PAGE_SIZE: u32 = 100;

/// The query parameter that carries a JSON page's cursor: the `id` of the last item before it.
pub const CURSOR: &str = "sau";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dataset {
    Resolutions,
    Petitions,
    Events,
    Delegates,
    Bodies,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// A field of a dataset (a JSON key and a CSV column), or a filter (a query parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub about: &'static str,
}

const fn f(name: &'static str, about: &'static str) -> Field {
    Field { name, about }
}

const ID: Field = f("id", "Mã số bản ghi, không đổi; cũng là con trỏ phân trang của JSON.");
const URL: Field = f("url", "Địa chỉ trang của bản ghi trên Cổng.");
const IS_DEMO: Field = f("is_demo", "true nếu là dữ liệu minh họa, không phải văn bản thật.");
const UPDATED_AT: Field = f("updated_at", "Lần sửa gần nhất (ISO 8601, giờ Việt Nam +07:00).");

const RESOLUTION_FIELDS: &[Field] = &[
    ID,
    f("slug", "Định danh trong địa chỉ trang."),
    URL,
    f("number", "Số, ký hiệu, ví dụ 12/2022/NQ-HĐND."),
    f("doc_type", "Loại văn bản: qppl (quy phạm pháp luật) hoặc ca-biet (cá biệt)."),
    f("doc_type_label", "Tên loại văn bản."),
    f("issuer", "Cơ quan ban hành."),
    f("level", "Cấp ban hành: tinh, huyen hoặc xa."),
    f("term", "Khóa HĐND (VIII, IX, X…)."),
    f("sitting", "Kỳ họp thông qua (số), có thể trống."),
    f("signer", "Người ký."),
    f("signed_on", "Ngày ban hành (YYYY-MM-DD)."),
    f("effective_on", "Ngày có hiệu lực (YYYY-MM-DD), có thể trống."),
    f("validity", "Tình trạng hiệu lực: con-hieu-luc, het-hieu-luc-mot-phan hoặc het-hieu-luc."),
    f("validity_label", "Tên tình trạng hiệu lực."),
    f("abstract", "Trích yếu."),
    f(
        "relations",
        "Văn bản liên quan: quan hệ (amends: sửa đổi, bổ sung; amended_by: được sửa đổi bởi; replaces: thay thế; replaced_by: được thay thế bởi), số và địa chỉ. Trong CSV: “quan hệ số” cách nhau bởi “; ”.",
    ),
    f("files", "Tệp đính kèm: tên, địa chỉ tải về, dung lượng (byte). Trong CSV: các địa chỉ cách nhau bởi “ | ”."),
    UPDATED_AT,
    IS_DEMO,
];

const PETITION_FIELDS: &[Field] = &[
    ID,
    f("slug", "Định danh trong địa chỉ trang."),
    URL,
    f("text", "Nội dung kiến nghị."),
    f("meeting", "Nơi, dịp tiếp xúc cử tri."),
    f("locality", "Địa phương."),
    f("raised_on", "Ngày tiếp nhận (YYYY-MM-DD)."),
    f("field", "Lĩnh vực (mã)."),
    f("field_label", "Tên lĩnh vực."),
    f("channel", "Kênh tiếp nhận: hdnd hoặc doan-dbqh."),
    f("channel_label", "Tên kênh tiếp nhận."),
    f("agency", "Cơ quan có trách nhiệm trả lời."),
    f("status", "Tình trạng: cho-tra-loi, dang-giai-quyet hoặc da-tra-loi."),
    f("status_label", "Tên tình trạng."),
    f("answered_on", "Ngày trả lời (YYYY-MM-DD), có thể trống."),
    f("answer_agency", "Cơ quan đã trả lời, có thể trống."),
    f("answer", "Nội dung trả lời, các đoạn cách nhau bởi một dòng trống."),
    f("files", "Tệp đính kèm câu trả lời: tên, địa chỉ, dung lượng. Trong CSV: các địa chỉ cách nhau bởi “ | ”."),
    UPDATED_AT,
    IS_DEMO,
];

const EVENT_FIELDS: &[Field] = &[
    ID,
    f("slug", "Định danh của mục lịch."),
    URL,
    f("calendar", "Lịch: hdnd, doan-dbqh, tiep-cong-dan hoặc tiep-xuc-cu-tri."),
    f("calendar_label", "Tên lịch."),
    f("starts_at", "Bắt đầu (ISO 8601, giờ Việt Nam +07:00)."),
    f("ends_at", "Kết thúc (ISO 8601), có thể trống."),
    f("place", "Địa điểm."),
    f("content", "Nội dung."),
    f("participants", "Thành phần."),
    UPDATED_AT,
    IS_DEMO,
];

const DELEGATE_FIELDS: &[Field] = &[
    ID,
    f("slug", "Định danh trong địa chỉ trang."),
    URL,
    f("name", "Họ và tên."),
    f("position", "Chức vụ."),
    f("workplace", "Nơi công tác."),
    f("born", "Năm sinh, có thể trống."),
    f("photo_url", "Địa chỉ ảnh, có thể trống."),
    f("memberships", "Cơ quan, tổ tham gia: mã, tên và vai trò. Trong CSV: “tên (vai trò)” cách nhau bởi “; ”."),
    UPDATED_AT,
    IS_DEMO,
];

const BODY_FIELDS: &[Field] = &[
    ID,
    f("slug", "Định danh trong địa chỉ trang."),
    URL,
    f("kind", "Loại: thuong-truc (Thường trực), ban (Ban), to (Tổ đại biểu) hoặc doan-dbqh (Đoàn ĐBQH)."),
    f("name", "Tên cơ quan, tổ."),
    f("unit", "Đơn vị bầu cử của tổ đại biểu, có thể trống."),
    f("duties", "Chức năng, nhiệm vụ, các đoạn cách nhau bởi một dòng trống."),
    f("members", "Thành viên: mã, họ tên và vai trò. Trong CSV: “họ tên (vai trò)” cách nhau bởi “; ”."),
    UPDATED_AT,
    IS_DEMO,
];

const RESOLUTION_FILTERS: &[Field] = &[
    f("khoa", "Khóa: X, IX hoặc VIII."),
    f("loai", "Loại văn bản: qppl hoặc ca-biet."),
    f("cap", "Cấp ban hành: tinh, huyen hoặc xa."),
    f("hieu_luc", "Tình trạng hiệu lực: con-hieu-luc, het-hieu-luc-mot-phan hoặc het-hieu-luc."),
    f("nam", "Năm ban hành, ví dụ 2022."),
];
const PETITION_FILTERS: &[Field] = &[
    f("trang_thai", "Tình trạng: cho-tra-loi, dang-giai-quyet hoặc da-tra-loi."),
    f("kenh", "Kênh tiếp nhận: hdnd hoặc doan-dbqh."),
    f("dia_phuong", "Địa phương (mã, như trong bộ lọc của trang Kiến nghị cử tri)."),
    f("linh_vuc", "Lĩnh vực (mã, như trong bộ lọc của trang Kiến nghị cử tri)."),
    f("nam", "Năm tiếp nhận."),
    f("qua_han", "1: chỉ những kiến nghị quá hạn trả lời."),
];
const EVENT_FILTERS: &[Field] = &[
    f("lich", "Lịch: hdnd, doan-dbqh, tiep-cong-dan hoặc tiep-xuc-cu-tri."),
    f("tu", "Từ ngày (YYYY-MM-DD), tính cả ngày đó."),
    f("den", "Đến ngày (YYYY-MM-DD), tính cả ngày đó."),
];
const DELEGATE_FILTERS: &[Field] =
    &[f("co_quan", "Chỉ thành viên của cơ quan, tổ có mã này (xem bộ dữ liệu co-quan).")];
const BODY_FILTERS: &[Field] = &[f("loai", "Loại: thuong-truc, ban, to hoặc doan-dbqh.")];

impl Dataset {
    pub const ALL: [Dataset; 5] =
        [Dataset::Resolutions, Dataset::Petitions, Dataset::Events, Dataset::Delegates, Dataset::Bodies];

    pub fn key(self) -> &'static str {
        match self {
            Dataset::Resolutions => "nghi-quyet",
            Dataset::Petitions => "kien-nghi",
            Dataset::Events => "lich",
            Dataset::Delegates => "dai-bieu",
            Dataset::Bodies => "co-quan",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Dataset::Resolutions => "Nghị quyết",
            Dataset::Petitions => "Kiến nghị cử tri và trả lời",
            Dataset::Events => "Lịch công tác",
            Dataset::Delegates => "Đại biểu",
            Dataset::Bodies => "Cơ quan của HĐND và các tổ đại biểu",
        }
    }

    pub fn about(self) -> &'static str {
        match self {
            Dataset::Resolutions => "Mọi nghị quyết đã đăng: thông tin văn bản, văn bản liên quan và tệp đính kèm.",
            Dataset::Petitions => "Kiến nghị của cử tri gửi đến kỳ họp và nội dung trả lời của cơ quan có trách nhiệm.",
            Dataset::Events => "Các mục của bốn lịch: lịch làm việc HĐND, Đoàn ĐBQH, tiếp công dân, tiếp xúc cử tri.",
            Dataset::Delegates => "Đại biểu HĐND tỉnh và Đoàn ĐBQH tỉnh, với các cơ quan, tổ mà họ tham gia.",
            Dataset::Bodies => "Thường trực, các Ban, các Tổ đại biểu và Đoàn ĐBQH, với thành viên.",
        }
    }

    /// The filters, the same query parameters (and values) as the dataset's list on the portal.
    pub fn filters(self) -> &'static [Field] {
        match self {
            Dataset::Resolutions => RESOLUTION_FILTERS,
            Dataset::Petitions => PETITION_FILTERS,
            Dataset::Events => EVENT_FILTERS,
            Dataset::Delegates => DELEGATE_FILTERS,
            Dataset::Bodies => BODY_FILTERS,
        }
    }

    /// Every field, in the order of the CSV's columns.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Dataset::Resolutions => RESOLUTION_FIELDS,
            Dataset::Petitions => PETITION_FIELDS,
            Dataset::Events => EVENT_FIELDS,
            Dataset::Delegates => DELEGATE_FIELDS,
            Dataset::Bodies => BODY_FIELDS,
        }
    }

    /// "/du-lieu-mo/nghi-quyet.csv".
    pub fn href(self, format: Format) -> String {
        format!("{PATH}/{}.{}", self.key(), format.extension())
    }

    /// The dataset and format of a file name such as "nghi-quyet.json".
    pub fn parse_file(name: &str) -> Option<(Dataset, Format)> {
        let (key, ext) = name.rsplit_once('.')?;
        let format = match ext {
            "json" => Format::Json,
            "csv" => Format::Csv,
            _ => return None,
        };
        Dataset::ALL.into_iter().find(|d| d.key() == key).map(|d| (d, format))
    }
}

/// A JSON page's cursor from the query: none, or the `id` after which the page starts.
pub fn cursor(value: Option<&str>) -> Result<i64, String> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(0),
        Some(v) => v.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| "Con trỏ trang không hợp lệ.".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_name_a_dataset_and_a_format() {
        for d in Dataset::ALL {
            assert_eq!(
                Dataset::parse_file(d.href(Format::Csv).trim_start_matches("/du-lieu-mo/")),
                Some((d, Format::Csv))
            );
            assert_eq!(Dataset::parse_file(&format!("{}.json", d.key())), Some((d, Format::Json)));
            let names: Vec<_> = d.fields().iter().map(|f| f.name).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{names:?}");
            assert_eq!(names[0], "id");
        }
        assert_eq!(Dataset::parse_file("nghi-quyet.xml"), None);
        assert_eq!(Dataset::parse_file("khac.csv"), None);
    }

    #[test]
    fn cursors_are_positive_ids() {
        assert_eq!(cursor(None), Ok(0));
        assert_eq!(cursor(Some("")), Ok(0));
        assert_eq!(cursor(Some("42")), Ok(42));
        assert!(cursor(Some("0")).is_err());
        assert!(cursor(Some("-1")).is_err());
        assert!(cursor(Some("abc")).is_err());
    }
}

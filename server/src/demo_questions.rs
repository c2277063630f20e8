//! Demo questions for Hỏi đáp: three dozen, in every state (waiting for the asker's
//! confirmation, in the moderation queue, published and overdue or not, answered, rejected),
//! dated relative to the day the database is made, all marked as demo. Askers and their
//! addresses are invented. Some have an attached document, as an asker may send.

use crate::demo::DemoError;
use app::records::RecordKind;
use chrono::NaiveDate;
use std::path::Path;

/// (kind, field, locality, title, text, answering body or "" when unanswered)
const QUESTIONS: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("hoi-dap", "dat-dai", "Thủ Dầu Một", "Thời hạn cấp giấy chứng nhận quyền sử dụng đất lần đầu", "Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu đã bốn tháng nhưng chưa nhận được kết quả. Xin hỏi thời hạn giải quyết theo quy định là bao lâu?", "Sở Tài nguyên và Môi trường"),
    ("hoi-dap", "giao-thong", "Dĩ An", "Tiến độ mở rộng đường ĐT743", "Xin cho biết khi nào dự án mở rộng đường ĐT743 đoạn qua phường Bình An được hoàn thành?", "Sở Giao thông vận tải"),
    ("hoi-dap", "giao-duc", "Thuận An", "Tuyển sinh lớp 1 cho con em công nhân tạm trú", "Con tôi có hộ khẩu ở tỉnh khác, gia đình tạm trú tại Thuận An. Cháu có được học trường công lập gần nhà không?", "Sở Giáo dục và Đào tạo"),
    ("hoi-dap", "y-te", "Bến Cát", "Thẻ bảo hiểm y tế hộ gia đình", "Thủ tục gia hạn thẻ bảo hiểm y tế hộ gia đình có thể làm trực tuyến không?", "Bảo hiểm xã hội tỉnh"),
    ("hoi-dap", "moi-truong", "Tân Uyên", "Mùi hôi từ khu công nghiệp", "Khu dân cư gần khu công nghiệp thường xuyên có mùi hôi vào ban đêm. Cơ quan nào kiểm tra và xử lý?", "Sở Tài nguyên và Môi trường"),
    ("hoi-dap", "an-sinh", "Dầu Tiếng - Bàu Bàng", "Trợ cấp cho người cao tuổi", "Người từ đủ 75 tuổi có được hưởng trợ cấp xã hội hằng tháng không, và nộp hồ sơ ở đâu?", "Sở Lao động - Thương binh và Xã hội"),
    ("hoi-dap", "kinh-te", "Phú Giáo - Bắc Tân Uyên", "Hỗ trợ vốn cho hộ kinh doanh nhỏ", "Tỉnh có chương trình cho vay ưu đãi đối với hộ kinh doanh nhỏ ở nông thôn không?", "Ngân hàng Chính sách xã hội tỉnh"),
    ("hoi-dap", "hanh-chinh", "Thủ Dầu Một", "Đăng ký thường trú trực tuyến", "Tôi có thể đăng ký thường trú qua Cổng dịch vụ công không, cần những giấy tờ gì?", "Công an tỉnh"),
    ("gop-y", "du-thao-nghi-quyet", "Dĩ An", "Góp ý dự thảo nghị quyết về học phí", "Đề nghị dự thảo nghị quyết quy định mức học phí có thêm chính sách miễn giảm cho con công nhân có thu nhập thấp.", "Thường trực HĐND tỉnh"),
    ("gop-y", "hoat-dong-hdnd", "Thuận An", "Tăng số buổi tiếp xúc cử tri vào cuối tuần", "Nhiều cử tri là công nhân không dự được các buổi tiếp xúc cử tri trong giờ hành chính; đề nghị tổ chức thêm vào cuối tuần.", "Thường trực HĐND tỉnh"),
    ("gop-y", "cong-thong-tin", "Bến Cát", "Cổng thông tin nên có bản tin qua email", "Đề nghị cổng thông tin cho phép đăng ký nhận tin về các kỳ họp qua email.", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"),
    ("hoi-dap", "dat-dai", "Tân Uyên", "Bồi thường khi thu hồi đất làm đường", "Đất nông nghiệp bị thu hồi để làm đường được bồi thường theo giá nào?", "Ủy ban nhân dân tỉnh"),
];

/// (status, days before today it was asked, days it took to answer)
/// The answered come first (the oldest demo question is a public one).
const STATES: &[(&str, i64, i64)] = &[
    ("da-tra-loi", 120, 30),
    ("da-tra-loi", 40, 20),
    ("da-dang", 10, 0),
    ("da-dang", 75, 0),
    ("cho-duyet", 2, 0),
    ("tu-choi", 15, 0),
    ("cho-xac-nhan", 0, 0),
];

const ASKERS: &[&str] = &[
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Hoàng Thị Em",
    "Võ Thanh Giang",
    "Đặng Hữu Hòa",
    "Bùi Thị Kim",
    "Đỗ Văn Lâm",
    "Huỳnh Thị Mai",
    "Ngô Đức Nam",
    "Dương Thị Oanh",
];

pub async fn load(tx: &mut app::data::Write, files_dir: &Path, today: NaiveDate) -> Result<(), DemoError> {
    let now = app::data::now();
    let mut n = 0_i64;
    for (round, state) in STATES.iter().enumerate() {
        for (i, q) in QUESTIONS.iter().enumerate() {
            // About five per state, spread over the questions.
            if (i + round) % 7 > 4 {
                continue;
            }
            n += 1;
            let (status, days_ago, took) = *state;
            let (kind, field, locality, title, text, agency) = *q;
            let asked = today - chrono::Duration::days(days_ago + (i as i64 % 5));
            let answered = (status == "da-tra-loi").then(|| asked + chrono::Duration::days(took));
            let answer = answered.map(|_| {
                format!("{agency} trả lời như sau: nội dung câu hỏi đã được xem xét theo quy định hiện hành.\n\nCông dân có thể liên hệ bộ phận một cửa của cơ quan để được hướng dẫn chi tiết.")
            });
            let reject = (status == "tu-choi")
                .then_some("Nội dung trùng với câu hỏi đã được trả lời; xin xem mục Hỏi đáp cùng lĩnh vực.");
            let unconfirmed = status == "cho-xac-nhan";
            let id = sqlx::query(
                "INSERT INTO questions (slug, kind, asker, email, locality, field, title, text, asked_on, status, answer, \
                 answered_on, answer_agency, reject_reason, confirm_hash, confirm_until, is_demo, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 1, ?17, ?17)",
            )
            .bind(format!("hd-minh-hoa-{n}"))
            .bind(kind)
            .bind(ASKERS[(i + round) % ASKERS.len()])
            .bind(format!("congdan{n}@example.com"))
            .bind(locality)
            .bind(field)
            .bind(title)
            .bind(text)
            .bind(asked.format("%Y-%m-%d").to_string())
            .bind(status)
            .bind(answer)
            .bind(answered.map(|d| d.format("%Y-%m-%d").to_string()))
            .bind(answered.map(|_| agency))
            .bind(reject)
            .bind(unconfirmed.then(|| format!("minh-hoa-{n}")))
            .bind(unconfirmed.then_some(now + 48 * 3600))
            .bind(now)
            .execute(&mut **tx)
            .await?
            .last_insert_rowid();
            sqlx::query("UPDATE questions SET slug = ?1 WHERE id = ?2")
                .bind(format!("hd-{id}"))
                .bind(id)
                .execute(&mut **tx)
                .await?;
            // Some askers attached a document (the first answered question among them), each
            // its own (its title in it).
            if n % 6 == 1 {
                let name = "Ảnh chụp hiện trạng.pdf";
                let label = format!("{title} (hồ sơ {n})");
                crate::demo_council::attach(tx, files_dir, RecordKind::Question, id, 1, &label, "", name).await?;
            }
        }
    }
    Ok(())
}

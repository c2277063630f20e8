//! Demo resolutions: a realistic, clearly-demo set across terms VIII–X and the three levels,
//! with amend/replace relations and a small generated PDF for each. Deterministic, so every
//! fresh database gets the same records.

use app::data::attachments::{self, NewFile};
use app::records::RecordKind;
use chrono::{Duration, NaiveDate};
use std::path::Path;

struct Topic {
    abstract_text: &'static str,
    normative: bool,
    /// A later resolution on the same topic replaces (true) or amends (false) the earlier one.
    replaces: bool,
}

const PROVINCE_TOPICS: &[Topic] = &[
    Topic { abstract_text: "Về dự toán thu ngân sách nhà nước trên địa bàn, thu, chi ngân sách địa phương và phân bổ ngân sách cấp tỉnh năm {next}", normative: false, replaces: false },
    Topic { abstract_text: "Phê chuẩn quyết toán ngân sách địa phương năm {prev}", normative: false, replaces: false },
    Topic { abstract_text: "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí tham quan di tích lịch sử trên địa bàn tỉnh Bình Dương", normative: true, replaces: true },
    Topic { abstract_text: "Quy định chính sách hỗ trợ học phí cho trẻ em mầm non và học sinh phổ thông trên địa bàn tỉnh", normative: true, replaces: false },
    Topic { abstract_text: "Về chương trình giám sát của Hội đồng nhân dân tỉnh năm {next}", normative: false, replaces: false },
    Topic { abstract_text: "Về kế hoạch đầu tư công năm {next} của tỉnh Bình Dương", normative: false, replaces: false },
    Topic { abstract_text: "Quy định mức chi bảo đảm cho công tác cải cách hành chính nhà nước trên địa bàn tỉnh", normative: true, replaces: true },
    Topic { abstract_text: "Về việc đặt tên, điều chỉnh tên đường trên địa bàn thành phố Thủ Dầu Một và thành phố Dĩ An", normative: false, replaces: false },
];

const LOCAL_ISSUERS: &[(&str, &str)] = &[
    ("HĐND thành phố Thủ Dầu Một", "huyen"),
    ("HĐND thành phố Dĩ An", "huyen"),
    ("HĐND thành phố Thuận An", "huyen"),
    ("HĐND huyện Dầu Tiếng", "huyen"),
    ("HĐND huyện Phú Giáo", "huyen"),
    ("HĐND phường Hiệp Thành", "xa"),
    ("HĐND xã Lai Uyên", "xa"),
];

const LOCAL_TOPICS: &[&str] = &[
    "Về nhiệm vụ phát triển kinh tế - xã hội năm {next}",
    "Về dự toán và phân bổ ngân sách năm {next}",
    "Về kết quả giám sát việc giải quyết kiến nghị của cử tri năm {this}",
];

fn term_of(year: i32) -> (&'static str, i32, &'static str) {
    match year {
        ..=2015 => ("VIII", 2011, "Nguyễn Văn Hòa"),
        2016..=2020 => ("IX", 2016, "Trần Thị Mai"),
        _ => ("X", 2021, "Lê Văn Phúc"),
    }
}

fn fill(template: &str, year: i32) -> String {
    template
        .replace("{next}", &(year + 1).to_string())
        .replace("{prev}", &(year - 1).to_string())
        .replace("{this}", &year.to_string())
}

/// A one-page PDF with the resolution's number and abstract (folded to ASCII for the base
/// fonts), with a correct cross-reference table.
pub fn demo_pdf(number: &str, abstract_text: &str) -> Vec<u8> {
    let escape = |s: &str| deunicode::deunicode(s).replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
    let mut lines = vec![format!("Nghi quyet so {}", escape(number)), String::new()];
    let mut line = String::new();
    for word in escape(abstract_text).split_whitespace() {
        if line.len() + word.len() > 80 {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.push(String::new());
    lines.push("Tai lieu minh hoa - du lieu mau cua cong thong tin.".into());
    let text: String = lines.iter().map(|l| format!("({l}) Tj T* ")).collect();
    let stream = format!("BT /F1 11 Tf 14 TL 56 780 Td {text}ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

struct Inserted {
    id: i64,
    topic: usize,
}

/// One demo resolution to insert.
struct NewResolution<'a> {
    seq: i32,
    year: i32,
    doc_type: &'a str,
    issuer: &'a str,
    level: &'a str,
    sitting: i64,
    signer: &'a str,
    signed: NaiveDate,
    validity: &'a str,
    abstract_text: String,
}

async fn insert(
    tx: &mut app::data::Write,
    files_dir: &Path,
    r: NewResolution<'_>,
) -> Result<i64, super::demo::DemoError> {
    let NewResolution { seq, year, doc_type, issuer, level, sitting, signer, signed, validity, abstract_text } = r;
    let abstract_text = abstract_text.as_str();
    let number = &format!("{seq:02}/{year}/NQ-HĐND");
    let now = app::data::now();
    let slug = app::slug::slugify(number);
    let id = sqlx::query(
        "INSERT INTO resolutions (slug, number, seq, year, doc_type, issuer, level, term, sitting, signer, signed_on, \
         effective_on, validity, abstract, is_demo, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?15, ?15)",
    )
    .bind(&slug)
    .bind(number)
    .bind(seq)
    .bind(year)
    .bind(doc_type)
    .bind(issuer)
    .bind(level)
    .bind(term_of(year).0)
    .bind(sitting)
    .bind(signer)
    .bind(signed.to_string())
    .bind((signed + Duration::days(10)).to_string())
    .bind(validity)
    .bind(abstract_text)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .last_insert_rowid();
    let pdf = demo_pdf(number, abstract_text);
    let stored = crate::files::store(files_dir, &pdf, "pdf")
        .await
        .map_err(|e| super::demo::DemoError::Invalid(format!("ghi tệp: {e}")))?;
    let file_name = format!("{slug}.pdf");
    let file = NewFile {
        file_name: &file_name,
        stored: &stored,
        size: pdf.len() as i64,
        mime: "application/pdf",
        title: "",
        doc_kind: "",
    };
    attachments::insert(tx, RecordKind::Resolution, id, &file, None).await?;
    Ok(id)
}

/// Inserts the demo resolutions (and their files under `files_dir`).
pub async fn load(tx: &mut app::data::Write, files_dir: &Path) -> Result<(), super::demo::DemoError> {
    let mut province: Vec<Inserted> = Vec::new();
    for year in 2011..=2025 {
        let (_, start, signer) = term_of(year);
        for (i, topic) in PROVINCE_TOPICS.iter().enumerate() {
            // Each topic every other year (alternating), so the set is varied but not huge.
            if (year + i as i32) % 2 == 1 && i >= 2 {
                continue;
            }
            let seq = (i as i32) * 4 + (year % 4) + 2;
            let mid_year = i % 2 == 0;
            let signed =
                NaiveDate::from_ymd_opt(year, if mid_year { 7 } else { 12 }, 5 + (i as u32) * 2).unwrap_or_default();
            let sitting = i64::from((year - start) * 2 + if mid_year { 1 } else { 2 });
            let validity = if !topic.normative && year < 2024 { "het-hieu-luc" } else { "con-hieu-luc" };
            let id = insert(
                tx,
                files_dir,
                NewResolution {
                    seq,
                    year,
                    doc_type: if topic.normative { "qppl" } else { "ca-biet" },
                    issuer: "HĐND tỉnh Bình Dương",
                    level: "tinh",
                    sitting,
                    signer,
                    signed,
                    validity,
                    abstract_text: fill(topic.abstract_text, year),
                },
            )
            .await?;
            // A later normative resolution on the same topic replaces or amends the earlier one.
            if topic.normative {
                if let Some(earlier) = province.iter().rev().find(|r| r.topic == i) {
                    let (relation, old_validity) =
                        if topic.replaces { ("replaces", "het-hieu-luc") } else { ("amends", "het-hieu-luc-mot-phan") };
                    sqlx::query("INSERT INTO resolution_relations (from_id, to_id, relation) VALUES (?1, ?2, ?3)")
                        .bind(id)
                        .bind(earlier.id)
                        .bind(relation)
                        .execute(&mut **tx)
                        .await?;
                    sqlx::query("UPDATE resolutions SET validity = ?1 WHERE id = ?2")
                        .bind(old_validity)
                        .bind(earlier.id)
                        .execute(&mut **tx)
                        .await?;
                }
            }
            province.push(Inserted { id, topic: i });
        }
    }
    for year in 2011..=2025 {
        let (issuer, level) = LOCAL_ISSUERS[(year as usize) % LOCAL_ISSUERS.len()];
        let template = LOCAL_TOPICS[(year as usize) % LOCAL_TOPICS.len()];
        let (_, start, _) = term_of(year);
        insert(
            tx,
            files_dir,
            NewResolution {
                seq: 40 + (year % 7),
                year,
                doc_type: "ca-biet",
                issuer,
                level,
                sitting: i64::from((year - start) * 2 + 2),
                signer: "Phạm Văn Tâm",
                signed: NaiveDate::from_ymd_opt(year, 12, 20).unwrap_or_default(),
                validity: if year < 2024 { "het-hieu-luc" } else { "con-hieu-luc" },
                abstract_text: format!("{} ({})", fill(template, year), issuer.trim_start_matches("HĐND ")),
            },
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::demo_pdf;

    #[test]
    fn the_demo_pdf_is_well_formed() {
        let pdf = demo_pdf("12/2022/NQ-HĐND", "Quy định mức thu phí (thử)");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.trim_end().ends_with("%%EOF"));
        assert!(text.contains("(Nghi quyet so 12/2022/NQ-HDND)"));
        assert!(text.contains("\\(thu\\)"), "parentheses are escaped");
        let startxref: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(text[startxref..].starts_with("xref"), "startxref points at the table");
        for (i, line) in text[startxref..].lines().skip(3).take(5).enumerate() {
            let offset: usize = line[..10].parse().expect("offset");
            assert!(text[offset..].starts_with(&format!("{} 0 obj", i + 1)), "object {} at {offset}", i + 1);
        }
    }
}

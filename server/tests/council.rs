//! Council records and search against a real SQLite file with the demo records: every filter,
//! the overdue rule, the iCalendar feed parsed back with a real parser, search folding and
//! ranking, number search, editing records in place, and the index staying in sync.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::council::*;
use app::data::{council, documents, records};
use app::editing::DocKind;
use app::error::ApiError;
use app::records::{
    PetitionStatus, RecordFields, RecordKind, CALENDARS, FIELDS_OF_LIFE, LOCALITIES, SUPERVISION_BODIES,
};
use app::search::{SearchKind, SearchQuery};

/// An editor account (revisions name their author, so it must exist).
async fn editor(pool: &sqlx::SqlitePool) -> app::auth::UserInfo {
    let id = app::data::accounts::add_user(pool, "bientap@hdnd.vn", app::auth::Role::Editor, "mat-khau-du-dai-123")
        .await
        .expect("user");
    app::auth::UserInfo { id, email: "bientap@hdnd.vn".into(), role: app::auth::Role::Editor }
}

async fn find(pool: &sqlx::SqlitePool, q: &str, kind: Option<SearchKind>) -> app::search::SearchResults {
    common::search(pool, &SearchQuery { kind, ..SearchQuery::text(q) }).await.expect("search")
}

fn urls(r: &app::search::SearchResults) -> Vec<String> {
    r.hits.iter().map(|h| h.url.clone()).collect()
}

/// Every petition a filter lists, across all its pages.
async fn all_petitions(pool: &sqlx::SqlitePool, filter: &PetitionFilter) -> (PetitionList, Vec<PetitionSummary>) {
    let first = council::petitions(pool, &PetitionFilter { page: 1, ..filter.clone() }).await.expect("page 1");
    let mut items = first.list.items.clone();
    for page in 2..=first.list.total_pages {
        let next = council::petitions(pool, &PetitionFilter { page, ..filter.clone() }).await.expect("page");
        items.extend(next.list.items);
    }
    assert_eq!(items.len() as u64, first.list.total, "the pages hold exactly the total");
    (first, items)
}

/// Each filter lists exactly the petitions that match it, counted independently from the whole
/// list, on every page; combined filters are the intersection.
#[test]
fn petition_filters_narrow_and_combine() {
    common::run(async {
        let db = common::demo_db().await;
        let (all, everything) = all_petitions(&db.pool, &PetitionFilter::default()).await;
        assert!(everything.len() >= 50, "{}", everything.len());
        let check = |filter: PetitionFilter, keep: &dyn Fn(&PetitionSummary) -> bool, what: String| {
            let expected: Vec<String> = everything.iter().filter(|p| keep(p)).map(|p| p.slug.clone()).collect();
            let pool = db.pool.clone();
            async move {
                let (_, listed) = all_petitions(&pool, &filter).await;
                let listed: Vec<String> = listed.into_iter().map(|p| p.slug).collect();
                assert!(!expected.is_empty(), "{what}: the demo has some");
                assert_eq!(listed, expected, "{what}");
            }
        };
        for status in PetitionStatus::ALL {
            let f = PetitionFilter { status: Some(status), ..Default::default() };
            check(f, &|p| p.status == status, format!("{status:?}")).await;
        }
        for (locality, _) in LOCALITIES {
            let f = PetitionFilter { locality: Some(locality.to_string()), ..Default::default() };
            check(f, &|p| p.locality == *locality, locality.to_string()).await;
        }
        for (field, label) in FIELDS_OF_LIFE {
            let f = PetitionFilter { field: Some(field.to_string()), ..Default::default() };
            check(f, &|p| p.field_label == *label, field.to_string()).await;
        }
        let f = PetitionFilter { channel: Some("doan-dbqh".into()), ..Default::default() };
        check(f, &|p| p.channel_label == "Qua Đoàn ĐBQH", "channel".into()).await;
        let year = all.years[0];
        let f = PetitionFilter { year: Some(year), ..Default::default() };
        check(f, &|p| p.raised.ends_with(&format!("/{year}")), format!("{year}")).await;
        let combined = PetitionFilter {
            status: Some(PetitionStatus::Answered),
            locality: Some("Dầu Tiếng - Bàu Bàng".into()),
            ..Default::default()
        };
        let both = |p: &PetitionSummary| p.status == PetitionStatus::Answered && p.locality == "Dầu Tiếng - Bàu Bàng";
        check(combined, &both, "combined".into()).await;
        let beyond = PetitionFilter { page: all.list.total_pages + 1, ..Default::default() };
        assert!(matches!(council::petitions(&db.pool, &beyond).await, Err(ApiError::NotFound)));
    });
}

/// The overdue rule, checked against petitions counted one by one (not against the same SQL).
#[test]
fn unanswered_petitions_past_the_allowed_days_are_overdue() {
    common::run(async {
        let db = common::demo_db().await;
        assert_eq!(council::answer_days(&db.pool).await.expect("days"), 60);
        let (_, everything) = all_petitions(&db.pool, &PetitionFilter::default()).await;
        let by_rule: Vec<&str> =
            everything.iter().filter(|p| p.status.is_open() && p.days > 60).map(|p| p.slug.as_str()).collect();
        assert!(by_rule.len() >= 5, "{}", by_rule.len());
        assert!(
            everything.iter().all(|p| p.overdue == (p.status.is_open() && p.days > 60)),
            "the flag follows the rule"
        );
        let (overdue, listed) = all_petitions(&db.pool, &PetitionFilter { overdue: true, ..Default::default() }).await;
        assert_eq!(listed.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), by_rule);
        assert_eq!(overdue.overdue_total, by_rule.len() as u64);
        // The number of days is a setting: a longer allowance leaves fewer overdue.
        sqlx::query("INSERT INTO settings (key, value) VALUES ('petition_answer_days', '400')")
            .execute(&db.pool)
            .await
            .expect("setting");
        let (fewer, listed) = all_petitions(&db.pool, &PetitionFilter { overdue: true, ..Default::default() }).await;
        assert_eq!(fewer.answer_days, 400);
        let by_rule: Vec<&str> =
            everything.iter().filter(|p| p.status.is_open() && p.days > 400).map(|p| p.slug.as_str()).collect();
        assert!(!by_rule.is_empty());
        assert_eq!(listed.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), by_rule);
    });
}

#[test]
fn supervision_lists_per_body_and_detail_with_report() {
    common::run(async {
        let db = common::demo_db().await;
        for (body, label) in SUPERVISION_BODIES {
            let list = council::supervisions(&db.pool, &SupervisionFilter { body: Some(body.to_string()), page: 1 })
                .await
                .expect("list");
            assert!(list.total >= 1, "{body}");
            assert!(list.items.iter().all(|s| s.body_label == *label));
        }
        let all = council::supervisions(&db.pool, &SupervisionFilter { body: None, page: 1 }).await.expect("all");
        let with_report = futures_first(&db.pool, &all.items).await;
        assert!(with_report.files[0].url.starts_with("/tai-lieu/") && with_report.files[0].size > 0);
        assert!(!with_report.findings.is_empty());
    });
}

async fn futures_first(pool: &sqlx::SqlitePool, items: &[SupervisionSummary]) -> SupervisionDetail {
    for s in items {
        let d = council::supervision(pool, &s.slug).await.expect("detail");
        if !d.files.is_empty() {
            return d;
        }
    }
    panic!("no supervision with a report");
}

#[test]
fn calendar_weeks_move_and_mark_today() {
    common::run(async {
        let db = common::demo_db().await;
        let today = council::today();
        for (calendar, title) in CALENDARS {
            let week = council::week(&db.pool, calendar, None).await.expect("this week");
            assert_eq!(week.title, *title);
            assert!(week.this_week);
            assert_eq!(week.days.len(), 7);
            assert!(week.days[0].label.starts_with("Thứ 2, ") && week.days[6].label.starts_with("Chủ nhật, "));
            assert_eq!(week.days.iter().filter(|d| d.is_today).count(), 1);
            assert!(week.days.iter().any(|d| d.is_today && d.date == today.to_string()));
            let previous = council::week(&db.pool, calendar, Some(&week.previous)).await.expect("previous week");
            assert!(!previous.this_week && previous.next == week.monday);
            assert!(previous.days.iter().all(|d| !d.is_today));
            // Any day of a week gives that week.
            let mid = council::week(&db.pool, calendar, Some(&previous.days[3].date)).await.expect("mid-week");
            assert_eq!(mid.monday, previous.monday);
        }
        let voter = council::week(&db.pool, "tiep-xuc-cu-tri", None).await.expect("week");
        let around: usize = {
            let mut n = voter.days.iter().map(|d| d.events.len()).sum::<usize>();
            for day in [&voter.previous, &voter.next] {
                n += council::week(&db.pool, "tiep-xuc-cu-tri", Some(day))
                    .await
                    .expect("week")
                    .days
                    .iter()
                    .map(|d| d.events.len())
                    .sum::<usize>();
            }
            n
        };
        assert!(around >= 3, "demo entries around today: {around}");
        assert!(matches!(council::week(&db.pool, "khong-co", None).await, Err(ApiError::NotFound)));
        assert!(matches!(council::week(&db.pool, "hdnd", Some("2026-13-01")).await, Err(ApiError::Invalid(_))));
        let upcoming = council::upcoming(&db.pool, "hdnd", 1).await.expect("upcoming");
        assert!(upcoming.days.iter().all(|d| d.date >= today.to_string()) && !upcoming.days.is_empty());
        // A week across New Year: Monday 28/12/2026 to Sunday 03/01/2027, from either side.
        for day in ["2026-12-31", "2027-01-03", "2026-12-28"] {
            let week = council::week(&db.pool, "hdnd", Some(day)).await.expect("the New Year week");
            assert_eq!(week.monday, "2026-12-28", "{day}");
            assert_eq!((week.previous.as_str(), week.next.as_str()), ("2026-12-21", "2027-01-04"));
            assert_eq!(week.range, "Tuần từ 28/12/2026 đến 03/01/2027");
            let dates: Vec<&str> = week.days.iter().map(|d| d.date.as_str()).collect();
            assert_eq!(
                dates,
                ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]
            );
            assert_eq!(week.days[3].label, "Thứ 5, 31/12/2026");
            assert_eq!(week.days[4].label, "Thứ 6, 01/01/2027");
        }
    });
}

#[test]
fn the_ical_feed_parses_with_times_in_ho_chi_minh() {
    common::run(async {
        let db = common::demo_db().await;
        let events = council::feed_events(&db.pool, "tiep-xuc-cu-tri", 0).await.expect("events");
        assert!(events.len() >= 10);
        let text = server::ical::render("Lịch tiếp xúc cử tri", &events);
        assert!(text.lines().all(|l| l.len() <= 75), "lines are folded at 75 octets");
        let parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let calendars: Vec<_> = parser.collect::<Result<Vec<_>, _>>().expect("valid iCalendar");
        assert_eq!(calendars.len(), 1);
        let cal = &calendars[0];
        let prop = |props: &Vec<ical::property::Property>, name: &str| {
            props.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
        };
        assert_eq!(prop(&cal.properties, "VERSION").as_deref(), Some("2.0"));
        assert_eq!(prop(&cal.properties, "X-WR-CALNAME").as_deref(), Some("Lịch tiếp xúc cử tri"));
        assert_eq!(cal.timezones.len(), 1);
        assert_eq!(prop(&cal.timezones[0].properties, "TZID").as_deref(), Some("Asia/Ho_Chi_Minh"));
        assert_eq!(cal.events.len(), events.len());
        for (parsed, row) in cal.events.iter().zip(&events) {
            let start = parsed.properties.iter().find(|p| p.name == "DTSTART").expect("DTSTART");
            let tzid =
                start.params.as_ref().and_then(|ps| ps.iter().find(|(k, _)| k == "TZID")).map(|(_, v)| v[0].clone());
            assert_eq!(tzid.as_deref(), Some("Asia/Ho_Chi_Minh"));
            // The local wall-clock time is the stored instant seen from UTC+7.
            let local = chrono::NaiveDateTime::parse_from_str(start.value.as_deref().expect("value"), "%Y%m%dT%H%M%S")
                .expect("local time");
            assert_eq!(local.and_utc().timestamp() - 7 * 3600, row.starts_at);
            let summary = prop(&parsed.properties, "SUMMARY").expect("summary");
            // This parser leaves TEXT escaped (the escaping itself is checked below) and trims
            // each physical line, so a space at a fold is lost: decode, then compare words.
            let words = |s: &str| unescape(s).split_whitespace().collect::<String>();
            assert_eq!(words(&summary), words(&row.content));
            assert_eq!(prop(&parsed.properties, "UID"), Some(format!("{}@hdnd.binhduong.gov.vn", row.slug)));
        }
    });
}

/// RFC 5545 TEXT decoding: `\\` `\,` `\;` `\n`.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Commas, semicolons, backslashes and line breaks in an entry reach the feed escaped as RFC
/// 5545 says, in the summary, the location and the description.
#[test]
fn the_ical_feed_escapes_text() {
    let entry = app::data::council::EventRow {
        id: 1,
        slug: "su-kien-1".into(),
        calendar: "hdnd".into(),
        starts_at: 1_700_000_000,
        ends_at: None,
        place: "Hội trường A, tầng 2; phòng \\3".into(),
        content: "Họp, bàn; \\ xong\nDòng hai".into(),
        participants: "Ông A, bà B; ông C\nvà \\D".into(),
        updated_at: 1_700_000_000,
    };
    let text = server::ical::render("Lịch", &[entry]);
    // Unfold (a line break and one space continue a line), then look for whole lines.
    let unfolded = text.replace("\r\n ", "");
    for line in [
        "SUMMARY:Họp\\, bàn\\; \\\\ xong\\nDòng hai",
        "LOCATION:Hội trường A\\, tầng 2\\; phòng \\\\3",
        "DESCRIPTION:Thành phần: Ông A\\, bà B\\; ông C\\nvà \\\\D",
    ] {
        assert!(unfolded.split("\r\n").any(|l| l == line), "{line} in\n{unfolded}");
    }
    assert_eq!(unescape("a\\, b\\; c\\\\d\\ne"), "a, b; c\\d\ne");
}

#[test]
fn search_folds_diacritics_and_ranks_exact_matches_first() {
    common::run(async {
        let db = common::demo_db().await;
        let folded = find(&db.pool, "dau tieng", None).await;
        assert!(folded.total >= 5, "{}", folded.total);
        let exact = find(&db.pool, "Dầu Tiếng", None).await;
        assert_eq!(exact.total, folded.total, "the same matches, folded");
        // "dầu" typed with diacritics puts "Dầu" before "đầu" (which also folds to "dau").
        let dau = find(&db.pool, "dầu", None).await;
        let first_plain = dau.hits.iter().position(|h| {
            let text: String = h.title.iter().chain(&h.snippet).map(|s| s.text.as_str()).collect();
            !text.to_lowercase().contains("dầu")
        });
        if let Some(i) = first_plain {
            assert!(
                dau.hits[i..].iter().all(|h| !h
                    .title
                    .iter()
                    .chain(&h.snippet)
                    .any(|s| s.hit && s.text.to_lowercase() == "dầu")),
                "exact matches come first"
            );
        }
        assert!(dau.hits[0].title.iter().chain(&dau.hits[0].snippet).any(|s| s.hit && s.text.to_lowercase() == "dầu"));
        // "nghi quyet" finds "Nghị quyết"; "d" matches "đ".
        let nq = find(&db.pool, "nghi quyet", Some(SearchKind::Resolution)).await;
        assert!(nq.total >= 60);
        assert!(nq.hits[0].title.iter().any(|s| s.hit && s.text == "Nghị"));
        let dd = find(&db.pool, "dai bieu", None).await;
        assert!(dd.hits.iter().any(|h| h
            .title
            .iter()
            .chain(&h.snippet)
            .any(|s| s.hit && (s.text.starts_with('đ') || s.text.starts_with('Đ')))));
        // The per-type counts add up, and the type filter keeps only that type.
        let all = find(&db.pool, "cu tri", None).await;
        assert_eq!(all.counts.iter().map(|(_, n)| n).sum::<u64>(), all.total);
        let petitions = find(&db.pool, "cu tri", Some(SearchKind::Petition)).await;
        assert!(petitions.total > 0 && petitions.hits.iter().all(|h| h.kind == SearchKind::Petition));
        assert_eq!(find(&db.pool, "   ", None).await.total, 0);
        assert_eq!(find(&db.pool, "xyzkhongco", None).await.total, 0);
        // Quotes and FTS syntax in a query are just text.
        assert_eq!(find(&db.pool, "\"NEAR(", None).await.total, find(&db.pool, "near", None).await.total);
    });
}

#[test]
fn a_resolution_is_found_by_its_number_in_any_spelling() {
    common::run(async {
        let db = common::demo_db().await;
        for q in ["12/2022", "12/2022/NQ-HĐND", "nq 12 2022", "NQ số 12 năm 2022", "12/2022/nq-hdnd"] {
            let r = find(&db.pool, q, None).await;
            assert_eq!(
                r.hits.first().map(|h| h.url.as_str()),
                Some("/nghi-quyet/12-2022-nq-hdnd"),
                "{q}: {:?}",
                urls(&r)
            );
        }
    });
}

fn set(fields: &mut RecordFields, key: &str, value: &str) {
    fields.iter_mut().find(|(k, _)| k == key).expect("field").1 = value.to_string();
}

#[test]
fn the_index_follows_edits_trash_and_restore() {
    common::run(async {
        let db = common::demo_db().await;
        let user = editor(&db.pool).await;
        let slug = "12-2022-nq-hdnd";
        let before = records::editable(&db.pool, RecordKind::Resolution, slug).await.expect("editable");
        let mut fields = before.fields.clone();
        set(&mut fields, "abstract", "Quy định mức thu phí tham quan khu di tích Núi Cậu Dầu Tiếng");
        let saved =
            records::save(&db.pool, &user, RecordKind::Resolution, slug, before.version, &fields).await.expect("save");
        assert_eq!(saved.version, before.version + 1);
        assert_eq!(urls(&find(&db.pool, "nui cau", None).await), vec![format!("/nghi-quyet/{slug}")]);
        // A stale save is a conflict carrying what changed; nothing is overwritten.
        let mut stale = before.fields.clone();
        set(&mut stale, "signer", "Người khác");
        match records::save(&db.pool, &user, RecordKind::Resolution, slug, before.version, &stale).await {
            Err(ApiError::Conflict(c)) => {
                assert_eq!(c.version, saved.version);
                assert!(c.changes.iter().any(|d| d.field == "Trích yếu"));
            }
            other => panic!("expected a conflict: {other:?}"),
        }
        // Bad input is refused with a Vietnamese message and changes nothing.
        let mut bad = fields.clone();
        set(&mut bad, "number", "không có số");
        assert!(
            matches!(records::save(&db.pool, &user, RecordKind::Resolution, slug, saved.version, &bad).await, Err(ApiError::Invalid(m)) if m.contains("Số, ký hiệu"))
        );
        let mut bad = fields.clone();
        set(&mut bad, "validity", "vinh-vien");
        let refused = records::save(&db.pool, &user, RecordKind::Resolution, slug, saved.version, &bad).await;
        assert!(matches!(&refused, Err(ApiError::Invalid(m)) if m.contains("Tình trạng hiệu lực")), "{refused:?}");
        // Trash takes it out of search; restoring puts it back.
        documents::set_trashed(&db.pool, DocKind::Record(RecordKind::Resolution), slug, true).await.expect("trash");
        assert_eq!(find(&db.pool, "nui cau", None).await.total, 0);
        assert!(documents::trash(&db.pool).await.expect("trash list").iter().any(|t| t.slug == slug));
        documents::set_trashed(&db.pool, DocKind::Record(RecordKind::Resolution), slug, false).await.expect("restore");
        assert_eq!(find(&db.pool, "nui cau", None).await.total, 1);
        // Restoring the first version is a new save and takes the new text out again.
        let history =
            documents::history(&db.pool, DocKind::Record(RecordKind::Resolution), slug).await.expect("history");
        assert_eq!(history.len(), 2);
        documents::restore(
            &db.pool,
            &user,
            DocKind::Record(RecordKind::Resolution),
            slug,
            before.version,
            saved.version,
        )
        .await
        .expect("restore version");
        assert_eq!(find(&db.pool, "nui cau", None).await.total, 0);
        assert_eq!(find(&db.pool, "12/2022", None).await.hits[0].url, format!("/nghi-quyet/{slug}"));
    });
}

#[test]
fn articles_follow_the_index_and_drafts_never_show() {
    common::run(async {
        let db = common::demo_db().await;
        let user = editor(&db.pool).await;
        let draft = app::data::editing::create_article(&db.pool, &user, "thong-tin-trong-tinh").await.expect("draft");
        let page = app::data::content::article_page(&db.pool, &draft, true).await.expect("draft page").article;
        let mut fields = page.fields.clone();
        fields.title = "Bản nháp về đầm Ngọc Trai Tràng An".into();
        let first =
            app::data::editing::save_article(&db.pool, &user, &draft, page.version, &fields).await.expect("save draft");
        assert_eq!(find(&db.pool, "ngoc trai trang an", None).await.total, 0, "a draft is not searchable");
        fields.status = app::editing::Status::Published;
        fields.published_local = "2020-01-01T08:00".into();
        let saved = app::data::editing::save_article(&db.pool, &user, &first.slug, first.version, &fields)
            .await
            .expect("publish");
        let found = find(&db.pool, "ngoc trai trang an", None).await;
        assert_eq!(urls(&found), vec![format!("/bai-viet/{}", saved.slug)]);
        documents::set_trashed(&db.pool, DocKind::Article, &saved.slug, true).await.expect("trash");
        assert_eq!(find(&db.pool, "ngoc trai trang an", None).await.total, 0);
        documents::set_trashed(&db.pool, DocKind::Article, &saved.slug, false).await.expect("restore");
        assert_eq!(find(&db.pool, "ngoc trai trang an", None).await.total, 1);
        // A scheduled article waits for its time.
        fields.published_local = "2099-01-01T08:00".into();
        app::data::editing::save_article(&db.pool, &user, &saved.slug, saved.version, &fields).await.expect("schedule");
        assert_eq!(find(&db.pool, "ngoc trai trang an", None).await.total, 0);
    });
}

#[test]
fn every_kind_of_record_can_be_edited_in_place() {
    common::run(async {
        let db = common::demo_db().await;
        let user = editor(&db.pool).await;
        let slugs = [
            (RecordKind::Supervision, sqlx::query_scalar::<_, String>("SELECT slug FROM supervisions LIMIT 1")),
            (RecordKind::Petition, sqlx::query_scalar("SELECT slug FROM petitions LIMIT 1")),
            (RecordKind::Event, sqlx::query_scalar("SELECT slug FROM calendar_events LIMIT 1")),
            (RecordKind::Person, sqlx::query_scalar("SELECT slug FROM people LIMIT 1")),
            (RecordKind::Body, sqlx::query_scalar("SELECT slug FROM bodies LIMIT 1")),
            (RecordKind::Sitting, sqlx::query_scalar("SELECT slug FROM sittings LIMIT 1")),
        ];
        for (kind, query) in slugs {
            let slug = query.fetch_one(&db.pool).await.expect("a record");
            let record = records::editable(&db.pool, kind, &slug).await.expect("editable");
            // Saving unchanged fields round-trips (dates, times and choices come back as sent).
            let saved =
                records::save(&db.pool, &user, kind, &slug, record.version, &record.fields).await.expect("save");
            let again = records::editable(&db.pool, kind, &slug).await.expect("editable");
            assert_eq!(again.fields, record.fields, "{kind:?}");
            assert_eq!(again.version, saved.version);
            let key = kind.fields()[0].key;
            let mut fields = record.fields.clone();
            set(&mut fields, key, "Nội dung đã sửa Quỳnh Lưu");
            let before = find(&db.pool, "quynh luu", None).await.total;
            records::save(&db.pool, &user, kind, &slug, saved.version, &fields).await.expect("edit");
            assert_eq!(
                find(&db.pool, "quynh luu", None).await.total,
                before + 1,
                "{kind:?} is searchable after the edit"
            );
        }
    });
}

fn form(pairs: &[(&str, &str)]) -> RecordFields {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn editors_add_records_that_are_public_and_searchable_at_once() {
    common::run(async {
        let db = common::demo_db().await;
        let user = editor(&db.pool).await;
        let event = form(&[
            ("content", "Thường trực HĐND tỉnh làm việc với Sở Xây dựng về nhà ở xã hội Khánh Bình"),
            ("calendar", "hdnd"),
            ("starts_at", "2026-12-02T08:00"),
            ("ends_at", "2026-12-02T11:00"),
            ("place", "Phòng họp số 2"),
            ("participants", ""),
        ]);
        let saved = records::create(&db.pool, &user, RecordKind::Event, &event).await.expect("event");
        assert!(saved.slug.starts_with("su-kien-"), "{}", saved.slug);
        let week = council::week(&db.pool, "hdnd", Some("2026-12-02")).await.expect("week");
        let wednesday = week.days.iter().find(|d| d.date == "2026-12-02").expect("day");
        assert!(wednesday.events.iter().any(|e| e.slug == saved.slug && e.time == "08:00 – 11:00"));
        assert_eq!(
            urls(&find(&db.pool, "nha o xa hoi khanh binh", None).await),
            vec![RecordKind::Event.href(&saved.slug, &event)]
        );

        let resolution = form(&[
            ("number", "99/2026/NQ-HĐND"),
            ("abstract", "Quy định chính sách hỗ trợ nhà ở xã hội Khánh Bình"),
            ("doc_type", "qppl"),
            ("issuer", "HĐND tỉnh Bình Dương"),
            ("level", "tinh"),
            ("term", "X"),
            ("sitting", "20"),
            ("signer", "Nguyễn Văn A"),
            ("signed_on", "2026-11-20"),
            ("effective_on", ""),
            ("validity", "con-hieu-luc"),
        ]);
        let saved = records::create(&db.pool, &user, RecordKind::Resolution, &resolution).await.expect("resolution");
        assert_eq!(saved.slug, "99-2026-nq-hdnd");
        assert_eq!(find(&db.pool, "99/2026", None).await.hits[0].url, "/nghi-quyet/99-2026-nq-hdnd");
        let listed = app::data::resolutions::list(
            &db.pool,
            &app::resolution::Filter { year: Some(2026), page: 1, ..Default::default() },
        )
        .await
        .expect("list");
        assert!(listed.items.iter().any(|r| r.number == "99/2026/NQ-HĐND"));
        // The same number again is refused with a message; so is a missing required field.
        assert!(
            matches!(records::create(&db.pool, &user, RecordKind::Resolution, &resolution).await, Err(ApiError::Invalid(m)) if m.contains("đã có"))
        );
        let mut missing = resolution.clone();
        set(&mut missing, "signer", " ");
        assert!(
            matches!(records::create(&db.pool, &user, RecordKind::Resolution, &missing).await, Err(ApiError::Invalid(m)) if m.contains("Người ký"))
        );
        // Bodies are fixed; they are edited, not added.
        let refused =
            records::create(&db.pool, &user, RecordKind::Body, &form(&[("name", "Ban mới"), ("duties", "")])).await;
        assert!(matches!(&refused, Err(ApiError::Invalid(m)) if m.contains("Không thể thêm")), "{refused:?}");
        // A person's photo must be an image uploaded to the portal.
        let person = form(&[
            ("name", "Lê Thị Mẫu"),
            ("position", ""),
            ("workplace", ""),
            ("born", "1980"),
            ("photo_url", "https://evil.example/x.jpg"),
            ("bio", ""),
        ]);
        assert!(
            matches!(records::create(&db.pool, &user, RecordKind::Person, &person).await, Err(ApiError::Invalid(m)) if m.contains("Ảnh chân dung"))
        );
        // …one really uploaded: an address under /uploads/ that nothing was uploaded to is refused.
        let mut person = person;
        set(&mut person, "photo_url", "/uploads/abc123.jpg");
        let refused = records::create(&db.pool, &user, RecordKind::Person, &person).await;
        assert!(matches!(&refused, Err(ApiError::Invalid(m)) if m.contains("Ảnh chân dung")), "{refused:?}");
        app::data::uploads::record(&db.pool, "/uploads/abc123.jpg").await.expect("an upload");
        let saved = records::create(&db.pool, &user, RecordKind::Person, &person).await.expect("person");
        assert_eq!(saved.slug, "le-thi-mau");
        assert_eq!(
            council::person(&db.pool, "le-thi-mau").await.expect("person").photo_url.as_deref(),
            Some("/uploads/abc123.jpg")
        );
    });
}

#[test]
fn editors_change_who_sits_on_a_body() {
    common::run(async {
        let db = common::demo_db().await;
        let body = council::body(&db.pool, "ban-phap-che").await.expect("body");
        let leader = body.members[0].clone();
        assert_eq!(leader.role, "Trưởng ban");
        // Someone not yet on the Ban joins it, and is listed after the leaders.
        let outsider: String = sqlx::query_scalar(
            "SELECT p.slug FROM people p WHERE p.id NOT IN (SELECT person_id FROM memberships m JOIN bodies b ON b.id = m.body_id WHERE b.slug = 'ban-phap-che') LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .expect("someone else");
        council::set_membership(&db.pool, "ban-phap-che", &outsider, "Thành viên").await.expect("add");
        let after = council::body(&db.pool, "ban-phap-che").await.expect("body");
        assert_eq!(after.members.len(), body.members.len() + 1);
        assert_eq!(after.members.last().map(|m| m.slug.as_str()), Some(outsider.as_str()));
        assert!(council::person(&db.pool, &outsider)
            .await
            .expect("person")
            .memberships
            .iter()
            .any(|(b, _, r)| b == "ban-phap-che" && r == "Thành viên"));
        // A role change moves them up among the deputies.
        council::set_membership(&db.pool, "ban-phap-che", &outsider, "Phó Trưởng ban").await.expect("role");
        let after = council::body(&db.pool, "ban-phap-che").await.expect("body");
        assert_eq!(after.members[0].slug, leader.slug);
        let at = after.members.iter().position(|m| m.slug == outsider).expect("listed");
        assert!(
            after.members[..at].iter().all(|m| m.role == "Trưởng ban" || m.role.starts_with("Phó")),
            "{:?}",
            after.members
        );
        assert!(matches!(
            council::set_membership(&db.pool, "ban-phap-che", &outsider, "  ").await,
            Err(ApiError::Invalid(_))
        ));
        assert!(matches!(
            council::set_membership(&db.pool, "ban-phap-che", "khong-co-ai", "Thành viên").await,
            Err(ApiError::Invalid(_))
        ));
        council::remove_membership(&db.pool, "ban-phap-che", &outsider).await.expect("remove");
        assert_eq!(council::body(&db.pool, "ban-phap-che").await.expect("body").members.len(), body.members.len());
        assert!(matches!(
            council::remove_membership(&db.pool, "ban-phap-che", &outsider).await,
            Err(ApiError::NotFound)
        ));
    });
}

/// An article scheduled a minute or two ahead is nowhere for visitors (its page, its
/// category, the home page, search) until the clock passes its time; then it is everywhere,
/// with no save in between.
#[test]
fn a_scheduled_article_appears_when_its_time_comes() {
    use app::data::{clock, content, editing, time};
    common::run(async {
        let db = common::demo_db().await;
        let user = editor(&db.pool).await;
        let draft = editing::create_article(&db.pool, &user, "thong-tin-trong-tinh").await.expect("draft");
        let page = content::article_page(&db.pool, &draft, true).await.expect("draft page").article;
        let mut fields = page.fields.clone();
        fields.title = "Khánh thành cầu Bạch Đằng Ba theo lịch hẹn giờ".into();
        fields.status = app::editing::Status::Published;
        // The form has minutes: this is 60 to 120 seconds ahead.
        fields.published_local = time::local_input(clock::now() + 120);
        let saved = editing::save_article(&db.pool, &user, &draft, page.version, &fields).await.expect("schedule");
        let everywhere = |pool: sqlx::SqlitePool, slug: String| async move {
            let page = content::article_page(&pool, &slug, false).await.is_ok();
            let listed = content::category_page(&pool, "thong-tin-trong-tinh", 1)
                .await
                .expect("category")
                .articles
                .iter()
                .any(|a| a.slug == slug);
            let home = content::home_page(&pool).await.expect("home").latest.iter().any(|a| a.slug == slug);
            let found = find(&pool, "cau bach dang ba lich hen gio", None).await.total;
            (page, listed, home, found)
        };
        assert_eq!(everywhere(db.pool.clone(), saved.slug.clone()).await, (false, false, false, 0), "not yet");
        let editor_view = content::article_page(&db.pool, &saved.slug, true).await.expect("editors see it");
        assert_eq!(editor_view.article.visibility, app::model::Visibility::Scheduled);

        let _later = common::ClockMoved::by(180);
        assert_eq!(everywhere(db.pool.clone(), saved.slug.clone()).await, (true, true, true, 1), "its time has come");
        let now_public = content::article_page(&db.pool, &saved.slug, true).await.expect("article");
        assert_eq!(now_public.article.visibility, app::model::Visibility::Public);
    });
}

/// "Overdue" and "this week" follow the clock: a petition raised today becomes overdue once
/// the allowed days have passed, and the calendar's current week moves with the days.
#[test]
fn overdue_and_this_week_follow_the_clock() {
    common::run(async {
        let db = common::demo_db().await;
        let user = editor(&db.pool).await;
        let today = council::today().format("%Y-%m-%d").to_string();
        let petition = form(&[
            ("text", "Cử tri đề nghị sửa đường Bạch Đằng Ba trước mùa mưa."),
            ("meeting", "Tiếp xúc cử tri phường Phú Cường"),
            ("locality", "Thủ Dầu Một"),
            ("raised_on", &today),
            ("field", "giao-thong"),
            ("agency", "Sở Giao thông Vận tải"),
            ("channel", "hdnd"),
            ("status", "cho-tra-loi"),
            ("answer", ""),
            ("answered_on", ""),
            ("answer_agency", ""),
        ]);
        let saved = records::create(&db.pool, &user, RecordKind::Petition, &petition).await.expect("petition");
        let overdue_now = |pool: sqlx::SqlitePool, slug: String| async move {
            council::petition(&pool, &slug).await.expect("petition").summary.overdue
        };
        assert!(!overdue_now(db.pool.clone(), saved.slug.clone()).await, "raised today");
        let week = council::week(&db.pool, "hdnd", None).await.expect("this week");
        let moved = common::ClockMoved::by(60 * 86_400);
        assert!(!overdue_now(db.pool.clone(), saved.slug.clone()).await, "60 days is still within the allowance");
        moved.more(86_400);
        assert!(overdue_now(db.pool.clone(), saved.slug.clone()).await, "61 days is overdue");
        let later = council::week(&db.pool, "hdnd", None).await.expect("the week 61 days on");
        assert_ne!(later.monday, week.monday, "this week is another week once the clock has moved");
        assert!(later.this_week);
    });
}

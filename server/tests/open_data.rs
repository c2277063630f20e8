//! Dữ liệu mở: every dataset as CSV (read back with the `csv` crate, Vietnamese intact, a BOM
//! first, the documented columns) and as JSON pages followed through their cursors; the
//! lists' filters; ETag and 304; streaming; clear 400s for wrong input; the documentation page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::open_data::{Dataset, Format};
use axum::http::{header, StatusCode};
use common::send;
use sqlx::SqlitePool;

const HOST: &str = "localhost:3000";
const BASE: &str = "http://localhost:3000";

fn get(path: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::get(path).header(header::HOST, HOST).body(axum::body::Body::empty()).unwrap()
}

/// The CSV's header and rows; it must start with UTF-8's byte order mark.
fn read_csv(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let rest = body.strip_prefix('\u{FEFF}').expect("a BOM first, for Excel");
    let mut reader = csv::Reader::from_reader(rest.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

/// Every item of a JSON dataset at `path`, following `next` to the last page.
async fn all_pages(app: &axum::Router, path: &str) -> (Vec<serde_json::Value>, usize) {
    let (mut items, mut pages, mut next) = (Vec::new(), 0, Some(format!("{BASE}{path}")));
    while let Some(url) = next {
        let (status, headers, body) = send(app, get(url.strip_prefix(BASE).unwrap())).await;
        assert_eq!(status, StatusCode::OK, "{url}: {body}");
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
        assert!(headers.contains_key(header::ETAG));
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        let got = page["items"].as_array().unwrap();
        assert_eq!(page["count"], got.len());
        assert!(got.len() <= app::open_data::PAGE_SIZE as usize);
        items.extend(got.iter().cloned());
        next = page["next"].as_str().map(str::to_string);
        pages += 1;
    }
    (items, pages)
}

async fn count(pool: &SqlitePool, sql: &str) -> usize {
    let n: i64 = sqlx::query_scalar(sql).fetch_one(pool).await.unwrap();
    n as usize
}

#[test]
fn every_dataset_downloads_as_csv_with_its_documented_columns_and_as_json() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        for (dataset, table) in [
            (Dataset::Resolutions, "resolutions"),
            (Dataset::Petitions, "petitions"),
            (Dataset::Events, "calendar_events"),
            (Dataset::Delegates, "people"),
            (Dataset::Bodies, "bodies"),
        ] {
            let public = count(&db.pool, &format!("SELECT COUNT(*) FROM {table} WHERE deleted_at IS NULL")).await;
            assert!(public > 0, "{table} has demo rows");
            let (status, headers, body) = send(&app, get(&dataset.href(Format::Csv))).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
            assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains(&format!("{}.csv", dataset.key())));
            let (header, rows) = read_csv(&body);
            let documented: Vec<&str> = dataset.fields().iter().map(|f| f.name).collect();
            assert_eq!(header, documented, "{table}: the columns are the documented fields, in order");
            assert_eq!(rows.len(), public, "{table}: every public row");
            for row in &rows {
                assert_eq!(row.len(), documented.len());
                assert!(row[2].starts_with(BASE), "absolute addresses: {}", row[2]);
            }

            let (items, _) = all_pages(&app, &dataset.href(Format::Json)).await;
            assert_eq!(items.len(), public, "{table}: JSON has the same records");
            let keys: std::collections::BTreeSet<String> = items[0].as_object().unwrap().keys().cloned().collect();
            let documented: std::collections::BTreeSet<String> = documented.iter().map(ToString::to_string).collect();
            assert_eq!(keys, documented, "{table}: JSON keys are the documented fields");
            let csv_ids: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
            let json_ids: Vec<String> = items.iter().map(|i| i["id"].to_string()).collect();
            assert_eq!(csv_ids, json_ids, "{table}: the same records in the same order");
        }
    });
}

#[test]
fn resolutions_keep_their_vietnamese_relations_and_files_and_drafts_stay_out() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let (id, number, abstract_text): (i64, String, String) = sqlx::query_as(
            "SELECT id, number, abstract FROM resolutions r WHERE deleted_at IS NULL AND EXISTS \
             (SELECT 1 FROM attachments a WHERE a.kind = 'resolution' AND a.record_id = r.id) LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let (_, body) = {
            let (s, _, b) = send(&app, get("/du-lieu-mo/nghi-quyet.csv")).await;
            (s, b)
        };
        let (header, rows) = read_csv(&body);
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let row = rows.iter().find(|r| r[0] == id.to_string()).expect("the resolution");
        assert_eq!(row[col("number")], number, "“HĐND” survives the round trip");
        assert_eq!(row[col("abstract")], abstract_text);
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(row[col("abstract")].nfc().collect::<String>(), row[col("abstract")], "NFC");
        assert!(row[col("files")].starts_with(&format!("{BASE}/tai-lieu/")), "{}", row[col("files")]);

        // A relation shows on both resolutions, each from its own side.
        let (from, to): (i64, i64) = sqlx::query_as("SELECT from_id, to_id FROM resolution_relations LIMIT 1")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let relations = |id: i64| rows.iter().find(|r| r[0] == id.to_string()).unwrap()[col("relations")].clone();
        assert!(
            relations(from).starts_with("amends ") || relations(from).starts_with("replaces "),
            "{}",
            relations(from)
        );
        assert!(relations(to).contains("_by "), "{}", relations(to));

        sqlx::query("UPDATE resolutions SET deleted_at = 1 WHERE id = ?1").bind(id).execute(&db.pool).await.unwrap();
        let (_, _, body) = send(&app, get("/du-lieu-mo/nghi-quyet.csv")).await;
        assert!(read_csv(&body).1.iter().all(|r| r[0] != id.to_string()), "a trashed resolution is not exported");
        let (items, _) = all_pages(&app, "/du-lieu-mo/nghi-quyet.json").await;
        assert!(items.iter().all(|i| i["id"] != id));
    });
}

#[test]
fn the_lists_filters_apply_and_wrong_ones_are_a_clear_400() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let answered =
            count(&db.pool, "SELECT COUNT(*) FROM petitions WHERE deleted_at IS NULL AND status = 'da-tra-loi'").await;
        let (items, _) = all_pages(&app, "/du-lieu-mo/kien-nghi.json?trang_thai=da-tra-loi").await;
        assert_eq!(items.len(), answered);
        assert!(items.iter().all(|i| i["status"] == "da-tra-loi" && i["answer"].is_string()));

        let term_x = count(&db.pool, "SELECT COUNT(*) FROM resolutions WHERE deleted_at IS NULL AND term = 'X'").await;
        let (_, _, body) = send(&app, get("/du-lieu-mo/nghi-quyet.csv?khoa=X")).await;
        let (header, rows) = read_csv(&body);
        let term = header.iter().position(|h| h == "term").unwrap();
        assert_eq!(rows.len(), term_x);
        assert!(rows.iter().all(|r| r[term] == "X"));

        let hdnd =
            count(&db.pool, "SELECT COUNT(*) FROM calendar_events WHERE deleted_at IS NULL AND calendar = 'hdnd'")
                .await;
        let (items, _) = all_pages(&app, "/du-lieu-mo/lich.json?lich=hdnd").await;
        assert_eq!(items.len(), hdnd);
        assert!(items.iter().all(|i| i["starts_at"].as_str().unwrap().ends_with("+07:00")));

        let (body_slug, members): (String, i64) = sqlx::query_as(
            "SELECT b.slug, COUNT(*) FROM bodies b JOIN memberships m ON m.body_id = b.id JOIN people p ON p.id = m.person_id \
             WHERE p.deleted_at IS NULL GROUP BY b.id LIMIT 1",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        let (items, _) = all_pages(&app, &format!("/du-lieu-mo/dai-bieu.json?co_quan={body_slug}")).await;
        assert_eq!(items.len() as i64, members);
        assert!(items.iter().all(|i| i["memberships"].as_array().unwrap().iter().any(|m| m["slug"] == body_slug)));

        for (path, says) in [
            ("/du-lieu-mo/nghi-quyet.csv?khoa=XX", "khoa"),
            ("/du-lieu-mo/kien-nghi.json?trang_thai=khac", "trang_thai"),
            ("/du-lieu-mo/lich.csv?tu=20-06-2022", "tu"),
            ("/du-lieu-mo/dai-bieu.json?co_quan=khong-co", "khong-co"),
            ("/du-lieu-mo/co-quan.json?loai=hoi-dong", "loai"),
            ("/du-lieu-mo/nghi-quyet.json?sau=abc", "Con trỏ"),
        ] {
            let (status, _, body) = send(&app, get(path)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
            assert!(body.contains(says), "{path}: {body}");
        }
        let (status, _, body) = send(&app, get("/du-lieu-mo/khac.csv")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains("Không có bộ dữ liệu này"));
    });
}

#[test]
fn json_pages_have_stable_cursors_and_an_etag() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let now = app::data::now();
        // Enough resolutions for three pages.
        for i in 0..250 {
            sqlx::query(
                "INSERT INTO resolutions (slug, number, seq, year, doc_type, issuer, level, term, signer, signed_on, \
                 validity, abstract, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, 2030, 'ca-biet', 'HĐND tỉnh Bình Dương', 'tinh', 'X', 'Người ký', '2030-01-02', \
                 'con-hieu-luc', 'Về việc thử phân trang', ?4, ?4)",
            )
            .bind(format!("thu-{i}-2030-nq-hdnd"))
            .bind(format!("{i}/2030/NQ-HĐND"))
            .bind(1000 + i)
            .bind(now)
            .execute(&db.pool)
            .await
            .unwrap();
        }
        let total = count(&db.pool, "SELECT COUNT(*) FROM resolutions WHERE deleted_at IS NULL").await;
        let (items, pages) = all_pages(&app, "/du-lieu-mo/nghi-quyet.json").await;
        assert_eq!(items.len(), total);
        assert_eq!(pages, total.div_ceil(100));
        let ids: Vec<i64> = items.iter().map(|i| i["id"].as_i64().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "in id order, none twice");

        // The second page, then a record added before it: the same cursor gives the same page.
        let (_, _, first) = send(&app, get("/du-lieu-mo/nghi-quyet.json?khoa=X")).await;
        let first: serde_json::Value = serde_json::from_str(&first).unwrap();
        let next = first["next"].as_str().unwrap().strip_prefix(BASE).unwrap().to_string();
        assert!(next.contains("khoa=X") && next.contains("sau="), "the filter is kept: {next}");
        let (_, headers, second) = send(&app, get(&next)).await;
        let etag = headers[header::ETAG].to_str().unwrap().to_string();
        let lowest: i64 = sqlx::query_scalar("SELECT MIN(id) FROM resolutions").fetch_one(&db.pool).await.unwrap();
        sqlx::query("DELETE FROM resolutions WHERE id = ?1").bind(lowest).execute(&db.pool).await.unwrap();
        let (_, headers, again) = send(&app, get(&next)).await;
        assert_eq!(again, second, "a change before the cursor does not move the page");
        assert_eq!(headers[header::ETAG].to_str().unwrap(), etag);

        let conditional = axum::http::Request::get(&next)
            .header(header::HOST, HOST)
            .header(header::IF_NONE_MATCH, &etag)
            .body(axum::body::Body::empty())
            .unwrap();
        let (status, _, body) = send(&app, conditional).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert!(body.is_empty());

        let second: serde_json::Value = serde_json::from_str(&second).unwrap();
        let last = second["items"].as_array().unwrap().last().unwrap()["id"].as_i64().unwrap();
        sqlx::query("UPDATE resolutions SET abstract = 'Đã sửa trích yếu' WHERE id = ?1")
            .bind(last)
            .execute(&db.pool)
            .await
            .unwrap();
        let (_, headers, _) = send(&app, get(&next)).await;
        assert_ne!(headers[header::ETAG].to_str().unwrap(), etag, "a changed page has a new ETag");
    });
}

#[test]
fn a_large_csv_streams_in_pieces() {
    common::run(async {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let db = common::demo_db().await;
        let app = common::router(&db);
        let now = app::data::now();
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) \
             INSERT INTO calendar_events (slug, calendar, starts_at, place, content, created_at, updated_at) \
             SELECT 'thu-' || i, 'hdnd', ?1 + i * 60, 'Hội trường', 'Họp thử số ' || i, ?1, ?1 FROM n",
        )
        .bind(now)
        .execute(&db.pool)
        .await
        .unwrap();
        let response = app.clone().oneshot(get("/du-lieu-mo/lich.csv")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers().get(header::CONTENT_LENGTH).is_none(), "no length: the file is not built first");
        let mut body = response.into_body();
        let (mut pieces, mut bytes) = (0, Vec::new());
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame.unwrap().into_data() {
                pieces += 1;
                bytes.extend_from_slice(&data);
            }
        }
        assert!(pieces > 10, "sent in pieces as it is read ({pieces})");
        let (_, rows) = read_csv(&String::from_utf8(bytes).unwrap());
        let events = count(&db.pool, "SELECT COUNT(*) FROM calendar_events WHERE deleted_at IS NULL").await;
        assert_eq!(rows.len(), events);
        assert!(rows.iter().any(|r| r.contains(&"Họp thử số 3000".to_string())));
    });
}

#[test]
fn the_open_data_page_documents_every_dataset_field_and_filter_and_the_licence() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let (status, _, html) = send(&app, get("/du-lieu-mo")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(app::open_data::LICENCE_URL));
        for d in Dataset::ALL {
            assert!(html.contains(&format!(r#"id="{}""#, d.key())));
            assert!(html.contains(&format!(r#"href="{}""#, d.href(Format::Csv))));
            assert!(html.contains(&format!(r#"href="{}""#, d.href(Format::Json))));
            for f in d.fields().iter().chain(d.filters()) {
                assert!(html.contains(&format!("<code>{}</code>", f.name)), "{}: {}", d.key(), f.name);
            }
        }
    });
}

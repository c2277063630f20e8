//! For search engines: `/robots.txt`, which names the sitemap, and the sitemap itself, an
//! index (`/sitemap.xml`) of parts (`/sitemaps/<n>.xml`) of at most 50.000 addresses each, every
//! address with its last change (`app::data::sitemap`). Addresses are absolute, from
//! `PUBLIC_URL` or the request's origin.

use app::data::sitemap::{all, parts, Listed, PART_URLS};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use sqlx::SqlitePool;

pub fn routes(pool: SqlitePool) -> Router {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(index))
        .route("/sitemaps/{name}", get(part))
        .with_state(pool)
}

/// What crawlers may not fetch: the API, the editors' and administrators' pages, and pages
/// behind a secret link or made of a query (search results).
pub const DISALLOWED: &[&str] = &[
    "/api/",
    "/quan-tri/",
    "/thung-rac",
    "/dang-nhap",
    "/quen-mat-khau",
    "/dat-lai-mat-khau",
    "/hoi-dap/xac-nhan",
    "/dang-ky/",
    "/tim-kiem",
    "/thong-ke/",
];

pub fn robots_txt(base: &str) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    for path in DISALLOWED {
        out.push_str(&format!("Disallow: {path}\n"));
    }
    out.push_str(&format!("\nSitemap: {base}/sitemap.xml\n"));
    out
}

/// Text for XML: the five characters that must be escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// W3C datetime in Viet Nam time: "2022-06-20T08:00:00+07:00".
fn w3c(unix: i64) -> String {
    app::data::time::vn_time(unix).iso
}

pub fn index_xml(base: &str, listed: &[Listed], per_part: usize) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for n in 1..=parts(listed.len(), per_part) {
        let chunk = listed.chunks(per_part.max(1)).nth(n - 1).unwrap_or_default();
        let lastmod = chunk.iter().map(|l| l.lastmod).max().unwrap_or(0);
        out.push_str(&format!(
            "  <sitemap><loc>{}</loc><lastmod>{}</lastmod></sitemap>\n",
            escape(&format!("{base}/sitemaps/{n}.xml")),
            w3c(lastmod)
        ));
    }
    out.push_str("</sitemapindex>\n");
    out
}

pub fn part_xml(base: &str, listed: &[Listed]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for l in listed {
        out.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape(&format!("{base}{}", l.path)),
            w3c(l.lastmod)
        ));
    }
    out.push_str("</urlset>\n");
    out
}

fn base_of(client: Option<Extension<app::client::Client>>) -> String {
    client.map(|Extension(c)| c.base_url).unwrap_or_default()
}

fn xml(body: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        body,
    )
        .into_response()
}

fn failed(e: &app::error::ApiError) -> Response {
    tracing::error!(error = %e, "sitemap not read");
    (StatusCode::INTERNAL_SERVER_ERROR, "Máy chủ đang gặp sự cố, vui lòng thử lại sau.").into_response()
}

async fn robots(client: Option<Extension<app::client::Client>>) -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], robots_txt(&base_of(client)))
        .into_response()
}

async fn index(State(pool): State<SqlitePool>, client: Option<Extension<app::client::Client>>) -> Response {
    match all(&pool, app::data::now()).await {
        Ok(listed) => xml(index_xml(&base_of(client), &listed, PART_URLS)),
        Err(e) => failed(&e),
    }
}

async fn part(
    State(pool): State<SqlitePool>,
    client: Option<Extension<app::client::Client>>,
    Path(name): Path<String>,
) -> Response {
    let not_found = || {
        (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "Không có phần sơ đồ này.")
            .into_response()
    };
    let Some(n) = name.strip_suffix(".xml").and_then(|n| n.parse::<usize>().ok()).filter(|n| *n >= 1) else {
        return not_found();
    };
    match all(&pool, app::data::now()).await {
        Ok(listed) => match listed.chunks(PART_URLS).nth(n - 1) {
            Some(chunk) => xml(part_xml(&base_of(client), chunk)),
            None if n == 1 => xml(part_xml(&base_of(client), &[])),
            None => not_found(),
        },
        Err(e) => failed(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_splits_into_parts_of_the_given_size() {
        let listed: Vec<Listed> =
            (0..5).map(|i| Listed { path: format!("/a?b=1&c={i}"), lastmod: 1_655_686_800 + i }).collect();
        let index = index_xml("https://x.vn", &listed, 2);
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert!(index.contains("<loc>https://x.vn/sitemaps/3.xml</loc><lastmod>2022-06-20T08:00:04+07:00</lastmod>"));
        let part = part_xml("https://x.vn", &listed[..2]);
        assert!(part.contains("<loc>https://x.vn/a?b=1&amp;c=0</loc>"), "{part}");
        assert_eq!(index_xml("https://x.vn", &[], 2).matches("<sitemap>").count(), 1);
        assert!(robots_txt("https://x.vn").ends_with("Sitemap: https://x.vn/sitemap.xml\n"));
    }
}

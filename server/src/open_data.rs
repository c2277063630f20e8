//! The open data exports (`app::open_data`) at `/du-lieu-mo/<dataset>.json` and `.csv`.
//!
//! - JSON comes in pages of `PAGE_SIZE` in `id` order; `next` is the address of the following
//!   page, whose cursor (`sau`, the last `id` given) stays valid however the data changes. A
//!   page carries an `ETag` (a hash of its bytes) and answers `304` to a matching
//!   `If-None-Match`.
//! - CSV is UTF-8 with a byte order mark (so Excel reads the Vietnamese right), a header row of
//!   the documented field names, and every matching record. It is read and sent a window of
//!   `ROWS_PER_CHUNK` records at a time (keyset paging on `id`): no export is ever whole in
//!   memory.
//!
//! Both take the same filters as the dataset's list; a wrong one is a 400 that says which.

use app::data::open_data::{page, Filter, Record, Window};
use app::error::ApiError;
use app::open_data::{cursor, Dataset, Format, CURSOR, LICENCE, LICENCE_URL, PAGE_SIZE, PATH};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use serde::Serialize;
use sqlx::SqlitePool;

/// Records read, written and sent on at a time in a CSV file.
const ROWS_PER_CHUNK: u32 = 200;

/// Pieces of a CSV file waiting for a slow client before the database reading pauses.
const CHUNKS_IN_FLIGHT: usize = 4;

/// UTF-8's byte order mark, which tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn routes(pool: SqlitePool) -> Router {
    Router::new().route(&format!("{PATH}/{{file}}"), get(export)).with_state(pool)
}

fn text(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

fn failure(e: ApiError) -> Response {
    match e {
        ApiError::Invalid(message) => text(StatusCode::BAD_REQUEST, message),
        ApiError::NotFound => text(StatusCode::NOT_FOUND, ApiError::NotFound.to_string()),
        other => {
            tracing::error!(error = %other, "open data export failed");
            text(StatusCode::INTERNAL_SERVER_ERROR, ApiError::Server.to_string())
        }
    }
}

/// The query's pairs, decoded.
fn pairs(uri: &Uri) -> Vec<(String, String)> {
    url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()).into_owned().collect()
}

async fn export(
    State(pool): State<SqlitePool>,
    client: Option<Extension<app::client::Client>>,
    Path(file): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Some((dataset, format)) = Dataset::parse_file(&file) else {
        return text(StatusCode::NOT_FOUND, "Không có bộ dữ liệu này. Danh sách ở trang /du-lieu-mo.".into());
    };
    let query = pairs(&uri);
    let get = |key: &str| query.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let filter = match Filter::from_query(dataset, get) {
        Ok(filter) => filter,
        Err(message) => return text(StatusCode::BAD_REQUEST, message),
    };
    if let Err(e) = app::data::open_data::check(&pool, &filter).await {
        return failure(e);
    }
    let base = client.map(|Extension(c)| c.base_url).unwrap_or_default();
    match format {
        Format::Json => json_page(pool, base, dataset, filter, &query, &headers).await,
        Format::Csv => csv_file(pool, base, dataset, filter),
    }
}

#[derive(Serialize)]
struct Licence {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct Page<'a> {
    dataset: &'static str,
    title: &'static str,
    documentation: String,
    licence: Licence,
    count: usize,
    items: &'a [Record],
    /// The next page's address, or `null` on the last page.
    next: Option<String>,
}

async fn json_page(
    pool: SqlitePool,
    base: String,
    dataset: Dataset,
    filter: Filter,
    query: &[(String, String)],
    headers: &HeaderMap,
) -> Response {
    let after = match cursor(query.iter().find(|(k, _)| k == CURSOR).map(|(_, v)| v.as_str())) {
        Ok(after) => after,
        Err(message) => return text(StatusCode::BAD_REQUEST, message),
    };
    let window = Window { after, limit: Some(PAGE_SIZE + 1) };
    let mut items = match page(&pool, &base, &filter, window).await {
        Ok(items) => items,
        Err(e) => return failure(e),
    };
    let more = items.len() > PAGE_SIZE as usize;
    items.truncate(PAGE_SIZE as usize);
    let next = match (more, items.last()) {
        (true, Some(last)) => {
            let mut next = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in query.iter().filter(|(k, _)| k != CURSOR) {
                next.append_pair(k, v);
            }
            next.append_pair(CURSOR, &last.id().to_string());
            Some(format!("{base}{}?{}", dataset.href(Format::Json), next.finish()))
        }
        _ => None,
    };
    let body = Page {
        dataset: dataset.key(),
        title: dataset.title(),
        documentation: format!("{base}{PATH}#{}", dataset.key()),
        licence: Licence { name: LICENCE, url: LICENCE_URL },
        count: items.len(),
        items: &items,
        next,
    };
    let body = match serde_json::to_vec(&body) {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "open data page not written");
            return failure(ApiError::Server);
        }
    };
    let etag = {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(&body);
        format!("\"{}\"", digest.iter().take(16).map(|b| format!("{b:02x}")).collect::<String>())
    };
    let mut response = if crate::files::none_match(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response()
    };
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new())
}

/// The bytes written so far, leaving `w` a fresh writer.
fn take(w: &mut csv::Writer<Vec<u8>>) -> Result<Bytes, ApiError> {
    std::mem::replace(w, writer()).into_inner().map(Bytes::from).map_err(|e| {
        tracing::error!(error = %e.error(), "csv not written");
        ApiError::Server
    })
}

fn csv_error(e: csv::Error) -> ApiError {
    tracing::error!(error = %e, "csv not written");
    ApiError::Server
}

/// The CSV file, streamed: a task reads the records and sends the file on in pieces; it
/// stops if the client goes away, and breaks the download off (rather than end it as if
/// complete) if reading fails.
fn csv_file(pool: SqlitePool, base: String, dataset: Dataset, filter: Filter) -> Response {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(CHUNKS_IN_FLIGHT);
    tokio::spawn(async move {
        let mut out = writer();
        let header: Vec<&str> = dataset.fields().iter().map(|f| f.name).collect();
        if tx.send(Ok(Bytes::from_static(BOM))).await.is_err() {
            return;
        }
        let written: Result<(), ApiError> = async {
            out.write_record(&header).map_err(csv_error)?;
            let mut after = 0;
            loop {
                let window = Window { after, limit: Some(ROWS_PER_CHUNK) };
                let records = page(&pool, &base, &filter, window).await?;
                for record in &records {
                    out.write_record(record.csv_row()).map_err(csv_error)?;
                }
                // The client went away: stop reading.
                tx.send(Ok(take(&mut out)?)).await.map_err(|_| ApiError::Server)?;
                match records.last() {
                    Some(last) if records.len() == ROWS_PER_CHUNK as usize => after = last.id(),
                    _ => return Ok(()),
                }
            }
        }
        .await;
        if written.is_err() {
            let _ = tx.send(Err(std::io::Error::other("export interrupted"))).await;
        }
    });
    let stream = futures::stream::poll_fn(move |cx| rx.poll_recv(cx));
    let mut response = Response::new(Body::from_stream(stream));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}.csv\"", dataset.key())) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

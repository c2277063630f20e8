//! At most a few page renders at once; the others wait their turn.
//!
//! A render holds its page, its data and Leptos' reactive state until its last byte is written,
//! and two cores finish renders no faster whether 4 or 64 of them are under way. Without a
//! bound, 64 editors' requests at once (the `make bench` row) had 64 pages in memory together;
//! with it, only [`RenderSlots::default`]'s few, and the rest queue for microseconds. Answers from
//! the page cache and the API never wait here: only a page that is rendered.
//!
//! The page is read whole inside its slot, so that the slot is held until the render is done,
//! not only until its headers are. And the render runs in a task of its own, which finishes it
//! even when the client goes away meanwhile: Leptos renders in a task it spawns, and dropping
//! the answer halfway disposed the page's reactive state under that task, which then rendered
//! on without its contexts (panics in components that need the router) outside any slot.

use crate::page_cache::is_page;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// A rendered page larger than this is an error (the largest real page is about 200 KB).
const LARGEST_RENDER: usize = 16 * 1024 * 1024;

/// The slots, shared by every page route.
#[derive(Clone)]
pub struct RenderSlots(Arc<Semaphore>);

impl RenderSlots {
    pub fn new(slots: usize) -> Self {
        RenderSlots(Arc::new(Semaphore::new(slots.max(1))))
    }
}

impl Default for RenderSlots {
    /// Two renders per core: one computing while the other waits for SQLite.
    fn default() -> Self {
        RenderSlots::new(2 * std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get))
    }
}

/// The middleware: a page render waits for a slot and keeps it until the page is whole.
pub async fn take_turn(State(slots): State<RenderSlots>, req: Request, next: Next) -> Response {
    if !is_page(req.method(), req.uri().path()) {
        return next.run(req).await;
    }
    // The semaphore is never closed, so this waits and then succeeds.
    let Ok(slot) = slots.0.clone().acquire_owned().await else {
        return next.run(req).await;
    };
    let render = tokio::spawn(async move {
        let _slot = slot;
        let (parts, body) = next.run(req).await.into_parts();
        axum::body::to_bytes(body, LARGEST_RENDER).await.map(|bytes| Response::from_parts(parts, Body::from(bytes)))
    });
    match render.await {
        Ok(Ok(page)) => page,
        Ok(Err(e)) => failed(&e),
        Err(e) => failed(&e),
    }
}

fn failed(e: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %e, "a page render failed or was too large");
    crate::http::server_trouble()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use axum::routing::get;
    use axum::Router;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tower::ServiceExt;

    #[tokio::test]
    async fn no_more_renders_run_at_once_than_there_are_slots() {
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let page = {
            let (running, most) = (running.clone(), most.clone());
            move || {
                let (running, most) = (running.clone(), most.clone());
                async move {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    running.fetch_sub(1, Ordering::SeqCst);
                    "<p>trang</p>"
                }
            }
        };
        let app = Router::new()
            .route("/trang", get(page.clone()))
            .route("/api/ham", get(page))
            .layer(axum::middleware::from_fn_with_state(RenderSlots::new(2), take_turn));
        let pages = (0..8).map(|_| app.clone().oneshot(Request::get("/trang").body(Body::empty()).unwrap_or_default()));
        for answer in futures::future::join_all(pages).await {
            assert_eq!(answer.map(|r| r.status()).ok(), Some(StatusCode::OK));
        }
        assert_eq!(most.load(Ordering::SeqCst), 2, "pages are rendered two at a time");

        most.store(0, Ordering::SeqCst);
        let calls =
            (0..8).map(|_| app.clone().oneshot(Request::get("/api/ham").body(Body::empty()).unwrap_or_default()));
        futures::future::join_all(calls).await;
        assert_eq!(most.load(Ordering::SeqCst), 8, "the API does not wait for a slot");
    }

    #[tokio::test]
    async fn a_render_whose_client_has_gone_still_finishes_in_its_slot() {
        let steps = Arc::new(std::sync::Mutex::new(Vec::new()));
        let page = {
            let steps = steps.clone();
            move || {
                let steps = steps.clone();
                async move {
                    steps.lock().map(|mut s| s.push("start")).ok();
                    tokio::time::sleep(std::time::Duration::from_millis(40)).await;
                    steps.lock().map(|mut s| s.push("end")).ok();
                    "<p>trang</p>"
                }
            }
        };
        let app = Router::new()
            .route("/trang", get(page))
            .layer(axum::middleware::from_fn_with_state(RenderSlots::new(1), take_turn));
        let request = || Request::get("/trang").body(Body::empty()).unwrap_or_default();
        // The client gives up after 10 ms, halfway through the render.
        let gone = tokio::time::timeout(std::time::Duration::from_millis(10), app.clone().oneshot(request())).await;
        assert!(gone.is_err(), "the first client went away before its page");
        let next = app.oneshot(request()).await.map(|r| r.status()).ok();
        assert_eq!(next, Some(StatusCode::OK));
        let steps = steps.lock().map(|s| s.clone()).unwrap_or_default();
        assert_eq!(
            steps,
            ["start", "end", "start", "end"],
            "the first render finished, in its slot, before the next began"
        );
    }
}

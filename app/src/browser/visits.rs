//! Counting the page being read, and showing what the count answers: the sidebar's visitor
//! numbers and, on an article, its views. A page may come from a cache, so the count is made
//! by the browser once the page is on screen (never by the page's own request), and the
//! numbers the server rendered ("…", or the cached views) are replaced by the answer's.
//!
//! While the whole app hydrates (editors' pages), a text changed under it would break
//! hydration: the numbers are written only once the page says it has hydrated.

use crate::api::CountVisit;
use crate::format;
use crate::model::VisitStats;
use leptos::prelude::document;
use leptos::server_fn::ServerFn;
use std::cell::RefCell;

/// Marks the element that shows an article's views, with the article's path as its value;
/// the number itself is its `.view-number` (see `pages::article`).
const COUNTED_PAGE_ATTR: &str = "data-counted-page";

#[derive(Default)]
struct Visits {
    hydrated: bool,
    /// The page counted last, and the answer.
    counted: Option<(String, VisitStats)>,
}

thread_local! {
    static VISITS: RefCell<Visits> = RefCell::default();
}

/// A page is on screen (loaded, or navigated to): counts it, then shows the numbers.
pub fn page_shown() {
    let Ok(page) = document().location().map(|l| l.pathname()).unwrap_or(Ok(String::new())) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let body = format!("page={}", crate::search::encode(&page));
        let Some(answer) = super::fetch::post_form(CountVisit::url(), &body).await.filter(|a| a.ok) else {
            return;
        };
        let Ok(stats) = serde_json::from_str::<VisitStats>(&answer.text) else {
            return;
        };
        VISITS.with_borrow_mut(|v| v.counted = Some((page, stats)));
        show();
    });
}

/// The page has hydrated: the numbers may be written from now on.
pub fn page_hydrated() {
    VISITS.with_borrow_mut(|v| v.hydrated = true);
    show();
}

fn show() {
    let Some((page, stats)) = VISITS.with_borrow(|v| v.counted.clone().filter(|_| v.hydrated)) else {
        return;
    };
    let doc = document();
    for (selector, n) in [(".visit-total", stats.total), (".visit-online", stats.online)] {
        if let Ok(Some(el)) = doc.query_selector(selector) {
            el.set_text_content(Some(&format::number(n)));
        }
    }
    let Some(views) = stats.views else { return };
    let selector = format!("[{COUNTED_PAGE_ATTR}=\"{page}\"] .view-number");
    if let Ok(Some(el)) = doc.query_selector(&selector) {
        el.set_text_content(Some(&format::number(views)));
    }
}

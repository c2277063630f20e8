//! The `<link rel="preload">` hints for the WASM chunks a page's code lives in (`--split`), so
//! that a phone fetches them alongside the main module instead of after it has started.
//!
//! Leptos 0.8.23 writes these hints itself, but outside the request's reactive state: whether a
//! page got them depended on what that worker thread had rendered last (7 of 15 renders in a
//! row had none; under load a page could carry another page's list, twice). So the server
//! writes them: each page render gets a set of its own for the lazy functions it calls (given
//! to the render as Leptos' `PrefetchLazyFn`, which replaces the set Leptos would fill and so
//! leaves its own hint code nothing to write), and once the page is whole, the hints for those
//! functions' chunks, from the build's split manifest, go in before `</head>`.
//!
//! Only the whole app (editors' pages, `app::app::wants_whole_app`) runs those functions in
//! the browser, from the editors' module (`/pkg/editors`): a readers' page hydrates islands
//! from the readers' module and gets no hints (its render still has a set of its own, which
//! keeps Leptos' hint code from writing any).
//!
//! Measured (Lighthouse mobile, simulated slow 4G, five page types): with the hints, Total
//! Blocking Time 108–264 ms and performance 82–95 (three runs); without, 273–859 ms and 76–92
//! (two runs), as the chunks then arrive only after the main module has run. The price is the
//! largest paint: 2,3–2,7 s without, 2,7–4,2 s with, since a news page's hints name 95 modules
//! (about 330 KiB) that share the bandwidth with its styles and lead image. The hints ask for
//! low priority so that a browser may let those go first; Lighthouse's simulation showed no
//! clear difference (3,0–4,2 s at the default priority, one run).

use crate::page_cache::is_page;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, request::Parts};
use axum::middleware::Next;
use axum::response::Response;
use leptos::config::LeptosOptions;
use leptos::prelude::*;
use leptos::PrefetchLazyFn;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// What the build's split manifest says: for each lazy function, the modules it needs.
#[derive(Debug, Default)]
pub struct Manifest {
    /// Where the modules are served from, e.g. `/pkg`.
    pkg: String,
    /// Lazy function → its modules' file names without `.wasm`, in the order to fetch them.
    modules: HashMap<String, Vec<String>>,
    /// The split loader's file name (`__wasm_split.<hash>.js`).
    loader: String,
}

impl Manifest {
    /// The manifest of the editors' module being served (the only one whose lazy functions
    /// pages call, see `app::wasm_modules`), if it was built with `--split` (names by content
    /// when the build left its hash file beside the server binary, as Leptos reads them).
    pub fn of_build(options: &LeptosOptions) -> Option<Self> {
        let options = &app::wasm_modules::editors(options);
        let hashes = options
            .hash_files
            .then(|| {
                let exe = std::env::current_exe().ok()?;
                std::fs::read_to_string(exe.parent()?.join(options.hash_file.as_ref())).ok()
            })
            .flatten();
        let named = |key: &str, stem: &str, ext: &str| match hashes.as_deref().and_then(|h| hash_of(h, key)) {
            Some(hash) => format!("{stem}.{hash}.{ext}"),
            None => format!("{stem}.{ext}"),
        };
        let pkg_dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
        let json = std::fs::read_to_string(pkg_dir.join(named("manifest", "__wasm_split_manifest", "json"))).ok()?;
        Self::parse(&format!("/{}", options.site_pkg_dir), &json, named("split", "__wasm_split", "js"))
    }

    /// The manifest from its JSON; `None` if it is not one.
    pub fn parse(pkg: &str, json: &str, loader: String) -> Option<Self> {
        let modules = serde_json::from_str(json).map_err(|e| tracing::error!(error = %e, "bad split manifest")).ok()?;
        Some(Manifest { pkg: pkg.trim_end_matches('/').to_string(), modules, loader })
    }

    /// The hints for these lazy functions: each module once, in manifest order, then the
    /// loader. Empty when none of them is split out.
    pub fn hints<'a>(&self, lazy_functions: impl IntoIterator<Item = &'a str>) -> String {
        let mut names: Vec<&str> = lazy_functions.into_iter().collect();
        names.sort_unstable();
        let mut seen = std::collections::HashSet::new();
        let mut out = String::new();
        for module in names.iter().filter_map(|n| self.modules.get(*n)).flatten() {
            if seen.insert(module.as_str()) {
                out.push_str(&format!(
                    r#"<link rel="preload" href="{}/{module}.wasm" as="fetch" type="application/wasm" crossorigin="" fetchpriority="low">"#,
                    self.pkg
                ));
            }
        }
        if !out.is_empty() {
            out.push_str(&format!(r#"<link rel="modulepreload" href="{}/{}" crossorigin="">"#, self.pkg, self.loader));
        }
        out
    }
}

/// The hash the build's hash file gives for `key` (lines like `manifest: <hash>`).
fn hash_of<'a>(hashes: &'a str, key: &str) -> Option<&'a str> {
    hashes.lines().filter_map(|l| l.trim().split_once(':')).find(|(k, _)| k.trim() == key).map(|(_, h)| h.trim())
}

/// The set of lazy functions one render calls, carried in its request until the app's context
/// is set up (see [`provide`]).
#[derive(Clone)]
struct LazyFunctions(PrefetchLazyFn);

/// Called where the app's context is provided: gives this render the set its request carries.
pub fn provide() {
    if let Some(set) = use_context::<Parts>().and_then(|parts| parts.extensions.get::<LazyFunctions>().cloned()) {
        provide_context(set.0);
    }
}

/// The middleware: a page is rendered with a set of its own, then gets the hints for it.
pub async fn add(State(manifest): State<Option<Arc<Manifest>>>, mut req: Request, next: Next) -> Response {
    let Some(manifest) = manifest.filter(|_| is_page(req.method(), req.uri().path())) else {
        return next.run(req).await;
    };
    let whole_app = app::app::wants_whole_app(req.headers());
    let set = PrefetchLazyFn::default();
    req.extensions_mut().insert(LazyFunctions(set.clone()));
    let response = next.run(req).await;
    if !crate::http::is_html(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Read whole by the render's slot already: this takes its one chunk.
    let page = match axum::body::to_bytes(body, crate::render_slots::LARGEST_RENDER).await {
        Ok(page) => page,
        Err(e) => {
            tracing::error!(error = %e, "a page could not be read whole");
            return crate::http::server_trouble();
        }
    };
    let hints = match whole_app {
        true => set.0.try_with_value(|names| manifest.hints(names.iter().copied())).unwrap_or_default(),
        false => String::new(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(with_hints(page, &hints)))
}

/// The page with `hints` at the end of its `<head>` (the same bytes, not a copy, if there is
/// nothing to add or no `<head>`).
fn with_hints(page: Bytes, hints: &str) -> Bytes {
    const HEAD_END: &[u8] = b"</head>";
    match page.windows(HEAD_END.len()).position(|w| w == HEAD_END) {
        Some(at) if !hints.is_empty() => [&page[..at], hints.as_bytes(), &page[at..]].concat().into(),
        _ => page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        let json = r#"{"news_1":["chunk_1.aa","chunk_2.bb","split_news_1.cc"],"records_2":["chunk_2.bb","split_records_2.dd"]}"#;
        Manifest::parse("/pkg/", json, "__wasm_split.ee.js".into()).unwrap_or_default()
    }

    #[test]
    fn a_page_gets_each_module_of_its_lazy_functions_once_then_the_loader() {
        let hints = manifest().hints(["records_2", "news_1"]);
        let hrefs: Vec<&str> = hints.split("href=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        assert_eq!(
            hrefs,
            [
                "/pkg/chunk_1.aa.wasm",
                "/pkg/chunk_2.bb.wasm",
                "/pkg/split_news_1.cc.wasm",
                "/pkg/split_records_2.dd.wasm",
                "/pkg/__wasm_split.ee.js"
            ]
        );
        assert!(hints.starts_with(
            r#"<link rel="preload" href="/pkg/chunk_1.aa.wasm" as="fetch" type="application/wasm" crossorigin="" fetchpriority="low">"#
        ));
        assert!(hints.ends_with(r#"<link rel="modulepreload" href="/pkg/__wasm_split.ee.js" crossorigin="">"#));
    }

    #[test]
    fn a_page_without_split_code_gets_no_hints() {
        assert_eq!(manifest().hints([]), "");
        assert_eq!(manifest().hints(["load_editor_3"]), "", "a function the manifest does not name");
        assert!(Manifest::parse("/pkg", "not json", String::new()).is_none());
    }

    #[test]
    fn hints_go_at_the_end_of_the_head() {
        let page = Bytes::from_static(b"<html><head><title>T</title></head><body>x</body></html>");
        assert_eq!(
            String::from_utf8_lossy(&with_hints(page.clone(), "<link>")),
            "<html><head><title>T</title><link></head><body>x</body></html>"
        );
        assert_eq!(with_hints(page.clone(), ""), page);
        let headless = Bytes::from_static(b"<p>no head</p>");
        assert_eq!(with_hints(headless.clone(), "<link>"), headless);
    }

    #[test]
    fn the_hash_file_names_the_manifest_and_the_loader() {
        let hashes = "js: a1\nwasm: b2\nmanifest: c3\nsplit: d4\n";
        assert_eq!(hash_of(hashes, "manifest"), Some("c3"));
        assert_eq!(hash_of(hashes, "split"), Some("d4"));
        assert_eq!(hash_of(hashes, "css"), None);
    }

    #[tokio::test]
    async fn each_editors_render_gets_the_hints_of_the_functions_it_called() {
        use axum::routing::get;
        use tower::ServiceExt;
        // A stand-in for the Leptos handler: it sets up the render's context as the app does,
        // and calls a lazy function named by the address.
        let page = |req: Request| async move {
            let (parts, _) = req.into_parts();
            let name: &'static str = if parts.uri.path() == "/tin" { "news_1" } else { "records_2" };
            let owner = Owner::new();
            owner.with(|| {
                provide_context(parts);
                provide();
                leptos::prefetch_lazy_fn_on_server(name);
            });
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], "<html><head></head><body></body></html>")
        };
        let app = axum::Router::new()
            .route("/tin", get(page))
            .route("/nghi-quyet", get(page))
            .route("/api/x", get(page))
            .layer(axum::middleware::from_fn_with_state(Some(Arc::new(manifest())), add));
        // An editor's pages (the login cookie came along) hydrate the whole app; readers' do not.
        let cookie = format!("{}={}", app::auth::LOGIN_SESSION_COOKIE, "ab".repeat(32));
        let body = |path: &'static str, editor: bool| {
            let app = app.clone();
            let cookie = cookie.clone();
            async move {
                let mut req = Request::get(path);
                if editor {
                    req = req.header(header::COOKIE, cookie);
                }
                let res = app.oneshot(req.body(Body::empty()).unwrap_or_default()).await;
                let bytes = match res {
                    Ok(r) => axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap_or_default(),
                    Err(e) => match e {},
                };
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        let (news, records, api, reader) =
            tokio::join!(body("/tin", true), body("/nghi-quyet", true), body("/api/x", true), body("/tin", false));
        assert!(news.contains("/pkg/split_news_1.cc.wasm") && !news.contains("split_records_2"), "{news}");
        assert!(records.contains("/pkg/split_records_2.dd.wasm") && !records.contains("split_news_1"), "{records}");
        assert_eq!(api, "<html><head></head><body></body></html>", "the API is not a page");
        assert_eq!(reader, "<html><head></head><body></body></html>", "a reader's page hydrates islands only");
    }
}

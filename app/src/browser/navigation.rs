//! Client-side navigation for readers' pages. Following a link to another page of the portal,
//! sending a GET form (the search box, the filters) or going back and forward fetches that
//! page's HTML and swaps it in: the document stays, its module and the visit count's state
//! stay, and only the new page's islands are hydrated. Links to files (documents, feeds,
//! calendars, exports), other sites, new windows and downloads, and anything that is not
//! HTML, load as they always do; so does every POST form.
//!
//! A page that needs the whole app (an editor signed in meanwhile in another tab) is loaded
//! the ordinary way.

use super::fetch;
use leptos::prelude::{document, window};
use std::cell::{Cell, RefCell};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlAnchorElement, HtmlElement, HtmlFormElement, MouseEvent, SubmitEvent};

thread_local! {
    /// The newest navigation: an older one answering late is dropped.
    static LATEST: Cell<u64> = const { Cell::new(0) };
    /// The address of the page on screen, without its fragment (the window's location has
    /// already changed when back or forward is reported).
    static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
}

/// How the history changes with a navigation.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    /// A link or a form: a new entry.
    Forward,
    /// Back or forward: the entry is already there, with its scroll position.
    Traverse,
}

/// Takes over links, GET forms and the history buttons for the rest of the page's life.
pub fn listen() {
    SHOWN.set(url_key(&window().location().href().unwrap_or_default()));
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let doc = document();
    let on_click = Closure::<dyn Fn(MouseEvent)>::new(on_click);
    let on_submit = Closure::<dyn Fn(SubmitEvent)>::new(on_submit);
    let on_popstate = Closure::<dyn Fn(web_sys::Event)>::new(|_| {
        let Ok(url) = window().location().href() else { return };
        if url_key(&url) != shown_key() {
            leptos::task::spawn_local(visit(url, Step::Traverse));
        }
    });
    let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    let _ = window().add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
    on_click.forget();
    on_submit.forget();
    on_popstate.forget();
}

/// Shows the page at `url` (an island's way to navigate, as the search box's suggestions do).
pub fn go(url: &str) {
    match page_url(url) {
        Some(url) => leptos::task::spawn_local(visit(url, Step::Forward)),
        None => {
            let _ = window().location().assign(url);
        }
    }
}

fn on_click(ev: MouseEvent) {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
        return;
    }
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("a[href]").ok().flatten())
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    if !matches!(link.target().as_str(), "" | "_self") || link.has_attribute("download") {
        return;
    }
    let Some(url) = page_url(&link.href()) else { return };
    // A fragment of the page shown: the browser scrolls to it.
    if url_key(&url) == shown_key() && url.contains('#') {
        return;
    }
    ev.prevent_default();
    leptos::task::spawn_local(visit(url, Step::Forward));
}

fn on_submit(ev: SubmitEvent) {
    if ev.default_prevented() {
        return;
    }
    let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else {
        return;
    };
    if !form.method().eq_ignore_ascii_case("get") || !matches!(form.target().as_str(), "" | "_self") {
        return;
    }
    let Some(action) = page_url(&form.action()) else { return };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
    let Ok(query) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return;
    };
    let base = action.split(['?', '#']).next().unwrap_or_default();
    ev.prevent_default();
    leptos::task::spawn_local(visit(format!("{base}?{}", String::from(query.to_string())), Step::Forward));
}

/// `url` made absolute, when it is a page of this portal.
fn page_url(url: &str) -> Option<String> {
    let base = window().location().href().ok()?;
    let url = web_sys::Url::new_with_base(url, &base).ok()?;
    let here = window().location().origin().ok()?;
    (url.origin() == here && crate::page_links::is_page_path(&url.pathname())).then(|| url.href())
}

/// A URL without its fragment: what tells two pages apart.
fn url_key(url: &str) -> String {
    url.split('#').next().unwrap_or_default().to_string()
}

/// The page on screen.
fn shown_key() -> String {
    SHOWN.with_borrow(String::clone)
}

async fn visit(url: String, step: Step) {
    let mine = LATEST.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    if step == Step::Forward {
        remember_scroll();
    }
    let indicator = show_loading();
    let answer = fetch::get(&url, "text/html").await;
    if LATEST.with(Cell::get) != mine {
        return;
    }
    let page = answer.filter(|a| a.content_type.starts_with("text/html")).and_then(|a| {
        let doc = web_sys::DomParser::new().ok()?.parse_from_string(&a.text, web_sys::SupportedType::TextHtml).ok()?;
        Some((a.url, doc))
    });
    let Some((shown_url, doc)) = page.filter(|(_, doc)| !needs_whole_app(doc)) else {
        // Not a page this way can show (a network error, a file, the editors' app): the
        // browser loads it itself.
        if let Some(el) = indicator {
            el.remove();
        }
        let _ = match step {
            Step::Forward => window().location().assign(&url),
            Step::Traverse => window().location().reload(),
        };
        return;
    };
    if step == Step::Forward {
        // The answer's own address: a redirect shows where the reader ended up. The
        // fragment asked for stays.
        let fragment = url.find('#').map(|i| &url[i..]).unwrap_or_default();
        let address = format!("{}{fragment}", url_key(&shown_url));
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&address));
        }
    }
    SHOWN.set(url_key(&window().location().href().unwrap_or_default()));
    swap(&doc);
    hydrate_islands().await;
    match step {
        Step::Forward => scroll_to_fragment_or_top(),
        Step::Traverse => restore_scroll(),
    }
    if step == Step::Forward {
        focus_main();
    }
    super::visits::page_shown();
}

/// Whether `doc` is a page of the editors' app (it must be loaded whole).
fn needs_whole_app(doc: &web_sys::Document) -> bool {
    doc.document_element().is_some_and(|html| html.has_attribute(crate::app::WHOLE_APP_ATTR))
}

/// Puts the page `doc` in place of the one shown: its title, language, description and other
/// page-specific head elements, and its body.
fn swap(doc: &web_sys::Document) {
    let here = document();
    here.set_title(&doc.title());
    if let (Some(html), Some(new_html)) = (here.document_element(), doc.document_element()) {
        let _ = html.set_attribute("lang", &new_html.get_attribute("lang").unwrap_or_else(|| "vi".into()));
    }
    if let (Some(head), Some(new_head)) = (here.head(), doc.head()) {
        remove_all(&head, PAGE_HEAD);
        if let Ok(list) = new_head.query_selector_all(PAGE_HEAD) {
            for i in 0..list.length() {
                if let Some(node) = list.item(i) {
                    let _ = head.append_child(&node);
                }
            }
        }
    }
    if let (Some(body), Some(new_body)) = (here.body(), doc.body()) {
        // Parsed without scripting, a `<noscript>`'s content is elements: the counting image
        // would load (and count the visit a second time).
        remove_all(&new_body, "noscript");
        let nodes = js_sys_array(&new_body.child_nodes());
        body.replace_children_with_node(&nodes);
    }
}

/// The head elements that belong to one page (the rest are the site's: styles, scripts).
const PAGE_HEAD: &str = "meta[name]:not([name=viewport]):not([name=theme-color]), meta[property], link[rel=canonical], link[rel=alternate], link[rel=prev], link[rel=next], script[type=\"application/ld+json\"]";

fn remove_all(parent: &Element, selector: &str) {
    if let Ok(list) = parent.query_selector_all(selector) {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                el.remove();
            }
        }
    }
}

fn js_sys_array(nodes: &web_sys::NodeList) -> web_sys::js_sys::Array {
    let array = web_sys::js_sys::Array::new();
    for i in 0..nodes.length() {
        if let Some(node) = nodes.item(i) {
            array.push(&node);
        }
    }
    array
}

/// Hydrates the islands of the page just swapped in, in document order (an island inside
/// another comes after it), with the function the islands' loader left on `window`.
async fn hydrate_islands() {
    let Ok(hydrate) = web_sys::js_sys::Reflect::get(&window(), &JsValue::from_str("__hydrateIsland")) else {
        return;
    };
    let Some(hydrate) = hydrate.dyn_ref::<web_sys::js_sys::Function>() else {
        return;
    };
    let Ok(islands) = document().query_selector_all("leptos-island") else {
        return;
    };
    for i in 0..islands.length() {
        let Some(island) = islands.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        let name = island.dataset().get("component").unwrap_or_default();
        if let Ok(done) = hydrate.call2(&JsValue::NULL, &island, &JsValue::from_str(&name)) {
            if let Ok(done) = done.dyn_into::<web_sys::js_sys::Promise>() {
                let _ = wasm_bindgen_futures::JsFuture::from(done).await;
            }
        }
    }
}

/// A thin bar at the top while the next page loads (gone with the old page's body).
fn show_loading() -> Option<Element> {
    let doc = document();
    let bar = doc.create_element("div").ok()?;
    bar.set_class_name("route-loading");
    let _ = bar.set_attribute("role", "progressbar");
    let _ = bar.set_attribute("aria-label", "Đang tải trang");
    doc.body()?.append_child(&bar).ok()?;
    Some(bar)
}

/// Keeps the scroll position of the page being left in its history entry.
fn remember_scroll() {
    let (Ok(history), Ok(y)) = (window().history(), window().scroll_y()) else { return };
    let _ = history.replace_state(&JsValue::from_f64(y), "");
}

fn restore_scroll() {
    let y = window().history().ok().and_then(|h| h.state().ok()).and_then(|s| s.as_f64()).unwrap_or(0.0);
    window().scroll_to_with_x_and_y(0.0, y);
}

fn scroll_to_fragment_or_top() {
    let fragment = window().location().hash().unwrap_or_default();
    let target = fragment.strip_prefix('#').filter(|f| !f.is_empty()).and_then(|id| document().get_element_by_id(id));
    match target {
        Some(el) => el.scroll_into_view(),
        None => window().scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// Moves the focus to the new page's content, as a page load would put a screen reader there.
fn focus_main() {
    let Ok(Some(main)) = document().query_selector("main") else { return };
    if let Ok(main) = main.dyn_into::<HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = main.focus_with_options(&options);
    }
}

//! The behaviour of the chrome the server renders on every page, attached once to the
//! document (so it also serves every page swapped in later): the main menu's sub-menus and
//! its phone fold, the video player, and the "In" buttons.
//!
//! The menu: a sub-menu opens with its toggle button (hover and focus open it by CSS on wide
//! screens); Escape closes it and gives the focus back to its toggle, then folds the phone
//! menu and gives the focus to its summary; following a link folds the menu again.

use leptos::prelude::{document, window};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, MouseEvent};

const OPEN: &str = "open";

/// Attaches the chrome's behaviour to the document.
pub fn listen() {
    let doc = document();
    let on_click = Closure::<dyn Fn(MouseEvent)>::new(on_click);
    let on_keydown = Closure::<dyn Fn(KeyboardEvent)>::new(on_keydown);
    let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("keydown", on_keydown.as_ref().unchecked_ref());
    // Attached for the page's whole life.
    on_click.forget();
    on_keydown.forget();
}

/// Folds the menu and closes every sub-menu (a new page is shown).
pub fn fold_menu() {
    if let Ok(Some(fold)) = document().query_selector("details.menu-fold") {
        let _ = fold.remove_attribute("open");
    }
    if let Ok(open) = document().query_selector_all(".main-nav .menu-item.open") {
        for i in 0..open.length() {
            if let Some(item) = open.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                set_submenu(&item, false);
            }
        }
    }
}

fn on_click(ev: MouseEvent) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if let Some(toggle) = closest(&target, ".main-nav .submenu-toggle") {
        if let Some(item) = closest(&toggle, ".menu-item") {
            let open = !item.class_list().contains(OPEN);
            set_submenu(&item, open);
        }
    } else if closest(&target, ".main-nav a").is_some() {
        fold_menu();
    } else if closest(&target, "a.print-button").is_some() {
        ev.prevent_default();
        let _ = window().print();
    } else if let Some(link) = closest(&target, "a.video-link") {
        ev.prevent_default();
        play_video(&link);
    }
}

fn on_keydown(ev: KeyboardEvent) {
    if ev.key() != "Escape" {
        return;
    }
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if let Some(item) = closest(&target, ".main-nav .menu-item.open") {
        ev.prevent_default();
        set_submenu(&item, false);
        focus(item.query_selector(".submenu-toggle").ok().flatten());
    }
    // Read from the element itself: a key pressed just after the fold opened must fold it.
    if let Some(fold) = closest(&target, "details.menu-fold[open]") {
        let _ = fold.remove_attribute("open");
        focus(fold.query_selector("summary").ok().flatten());
    }
}

fn set_submenu(item: &Element, open: bool) {
    let _ = if open { item.class_list().add_1(OPEN) } else { item.class_list().remove_1(OPEN) };
    if let Ok(Some(toggle)) = item.query_selector(":scope > .submenu-toggle") {
        let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
    }
}

/// Plays a video in the sidebar's player: nothing from YouTube loads before a reader picks one.
fn play_video(link: &Element) {
    let (Some(id), Some(widget)) = (link.get_attribute("data-youtube-id"), closest(link, ".video-widget")) else {
        return;
    };
    let Ok(Some(player)) = widget.query_selector(".video-player") else {
        return;
    };
    let title = link.text_content().unwrap_or_default();
    let doc = document();
    let (Ok(frame), Ok(caption)) = (doc.create_element("iframe"), doc.create_element("p")) else {
        return;
    };
    let youtube_id: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    for (name, value) in [
        ("src", format!("https://www.youtube-nocookie.com/embed/{youtube_id}?autoplay=1").as_str()),
        ("title", title.as_str()),
        ("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen"),
        ("referrerpolicy", "strict-origin-when-cross-origin"),
    ] {
        let _ = frame.set_attribute(name, value);
    }
    caption.set_class_name("video-now");
    caption.set_text_content(Some(&title));
    player.set_text_content(None);
    let _ = player.append_child(&frame);
    let _ = player.append_child(&caption);
}

fn closest(el: &Element, selector: &str) -> Option<Element> {
    el.closest(selector).ok().flatten()
}

fn focus(el: Option<Element>) {
    if let Some(el) = el.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

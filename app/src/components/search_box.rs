//! The header's search box. Without JavaScript it is a plain GET form to `/tim-kiem`. Once the
//! page runs in the browser it also becomes a combobox (the ARIA 1.2 pattern): as the visitor
//! types, up to eight titles are suggested under it; the arrow keys move through them, Enter
//! opens the one chosen (or searches, if none is), Escape closes the list (and then clears the
//! box), and a status line tells screen readers how many suggestions there are.

use crate::search::{Suggestion, QUERY_MAX};
use leptos::prelude::*;
use std::time::Duration;

const LIST_ID: &str = "header-q-list";
/// Typing pauses this long before suggestions are asked for.
const PAUSE: Duration = Duration::from_millis(120);
/// Suggestions start from this many letters.
const MIN_CHARS: usize = 2;

/// Asks `/api/goi-y` and reads the JSON answer.
#[cfg(feature = "hydrate")]
async fn fetch_suggestions(q: &str) -> Option<Vec<Suggestion>> {
    let url = format!("/api/goi-y?q={}", crate::search::encode(q));
    let answer = crate::browser::get(&url, "application/json").await.filter(|a| a.ok)?;
    serde_json::from_str(&answer.text).ok()
}

/// Never called on the server (only from the box's input handler).
#[cfg(not(feature = "hydrate"))]
async fn fetch_suggestions(_q: &str) -> Option<Vec<Suggestion>> {
    None
}

fn option_id(i: usize) -> String {
    format!("header-q-option-{i}")
}

/// The box: an island on readers' pages (the one part of their header that runs in the
/// browser), a component inside the whole app (see `app::island_for_readers`).
#[component]
pub fn SearchBox() -> impl IntoView {
    crate::app::island_for_readers(|| view! { <SearchBoxIsland/> }, || view! { <Combobox/> })
}

#[island]
fn SearchBoxIsland() -> impl IntoView {
    view! { <Combobox/> }
}

#[component]
fn Combobox() -> impl IntoView {
    // Only after hydration is the box a combobox: the server renders the plain form.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let items = RwSignal::new(Vec::<Suggestion>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let status = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    // Suggestions arriving after the box lost focus are not shown.
    let focused = StoredValue::new(false);
    // The newest request: older answers arriving late are dropped.
    let asked = StoredValue::new(0u64);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let navigate = crate::app::navigator();
    let go = navigate.clone();
    let input = NodeRef::<leptos::html::Input>::new();

    // Closing also forgets any question not answered yet, so a late answer cannot open the
    // list again.
    let close = move || {
        asked.update_value(|n| *n += 1);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        open.set(false);
        active.set(None);
    };
    let ask = move |q: String| {
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            let Some(found) = fetch_suggestions(&q).await else { return };
            if asked.get_value() != mine || !focused.get_value() {
                return;
            }
            status.set(match found.len() {
                0 => "Không có gợi ý.".to_string(),
                n => format!("Có {n} gợi ý; dùng phím mũi tên lên, xuống để chọn."),
            });
            open.set(!found.is_empty());
            active.set(None);
            items.set(found);
        });
    };
    let on_input = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        typed.set(q.clone());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        if q.trim().chars().count() < MIN_CHARS {
            asked.update_value(|n| *n += 1);
            items.set(Vec::new());
            status.set(String::new());
            close();
            return;
        }
        pending.set_value(set_timeout_with_handle(move || ask(q), PAUSE).ok());
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = items.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if n > 0 => {
                ev.prevent_default();
                let down = ev.key() == "ArrowDown";
                let next = match (active.get_untracked(), down) {
                    (None, true) => 0,
                    (None, false) => n - 1,
                    (Some(i), true) => (i + 1) % n,
                    (Some(i), false) => (i + n - 1) % n,
                };
                open.set(true);
                active.set(Some(next));
            }
            "Enter" => {
                let chosen = active
                    .get_untracked()
                    .filter(|_| open.get_untracked())
                    .and_then(|i| items.with_untracked(|v| v.get(i).map(|s| s.url.clone())));
                if let Some(url) = chosen {
                    ev.prevent_default();
                    close();
                    go(&url);
                }
            }
            "Escape" => {
                if open.get_untracked() {
                    ev.prevent_default();
                    close();
                } else if !typed.get_untracked().is_empty() {
                    ev.prevent_default();
                    close();
                    typed.set(String::new());
                    if let Some(el) = input.get_untracked() {
                        el.set_value("");
                    }
                    items.set(Vec::new());
                    status.set(String::new());
                }
            }
            _ => {}
        }
    };

    view! {
        <form class="header-search" method="get" action="/tim-kiem" role="search">
            <label for="header-q" class="visually-hidden">"Tìm kiếm trên cổng thông tin"</label>
            <div class="combo">
                <input
                    id="header-q"
                    type="search"
                    name="q"
                    placeholder="Tìm kiếm (gõ có dấu hoặc không dấu)…"
                    maxlength=QUERY_MAX
                    node_ref=input
                    role=move || live.get().then_some("combobox")
                    autocomplete=move || live.get().then_some("off")
                    aria-autocomplete=move || live.get().then_some("list")
                    aria-controls=move || live.get().then_some(LIST_ID)
                    aria-expanded=move || live.get().then(|| if open.get() { "true" } else { "false" })
                    aria-activedescendant=move || active.get().filter(|_| open.get()).map(option_id)
                    on:input=on_input
                    on:keydown=on_keydown
                    on:focus=move |_| focused.set_value(true)
                    on:blur=move |_| {
                        focused.set_value(false);
                        close();
                    }
                />
                <ul id=LIST_ID class="suggestions" role="listbox" aria-label="Gợi ý tìm kiếm" hidden=move || !open.get()>
                    {move || {
                        let navigate = navigate.clone();
                        items
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, s)| {
                                let chosen = move || active.get() == Some(i);
                                let navigate = navigate.clone();
                                let url = s.url;
                                // Pressing on a suggestion must not blur the box first (which
                                // would close the list before the click).
                                view! {
                                    <li
                                        id=option_id(i)
                                        role="option"
                                        aria-selected=move || if chosen() { "true" } else { "false" }
                                        class:active=chosen
                                        on:mousedown=|ev| ev.prevent_default()
                                        on:click=move |_| {
                                            close();
                                            navigate(&url);
                                        }
                                    >
                                        <span class="suggestion-title">{s.title}</span>
                                        <span class="suggestion-kind">{s.kind.label()}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</p>
            <button type="submit">"Tìm"</button>
        </form>
    }
}

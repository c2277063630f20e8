//! The multi-level main menu: hover and focus open sub-menus on desktop; the toggle buttons
//! open them by keyboard and touch; Escape closes; on phones the whole menu folds into a
//! `<details>` whose summary reads "Menu", closed in the server's HTML and opened with or
//! without JavaScript. Without JavaScript the CSS alone keeps every item reachable.

use crate::model::MenuItem;
use crate::tree::TreeNode;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn MainNav(menu: Vec<TreeNode<MenuItem>>) -> impl IntoView {
    // On phones the menu folds into a `<details>`: closed in the server's HTML (nothing moves
    // when the app takes over) and opened by its summary with or without JavaScript. On wide
    // screens CSS shows its content and hides the summary.
    let open = RwSignal::new(false);
    let fold = NodeRef::<leptos::html::Details>::new();
    let summary = NodeRef::<leptos::html::Summary>::new();
    // Following a link folds the menu again (the page below is what the reader asked for).
    let on_link_click = move |ev: leptos::ev::MouseEvent| {
        let on_link = event_target::<leptos::web_sys::Element>(&ev).closest("a").ok().flatten().is_some();
        if on_link {
            open.set(false);
        }
    };
    // Escape reads the element itself: the `toggle` event that updates `open` comes a task
    // after the fold opens, and a key pressed in between must still fold it.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(details) = fold.get_untracked() else {
            return;
        };
        if ev.key() == "Escape" && details.open() {
            details.set_open(false);
            open.set(false);
            if let Some(summary) = summary.get_untracked() {
                let _ = summary.focus();
            }
        }
    };
    view! {
        <nav class="main-nav" aria-label="Menu chính">
            <details
                class="menu-fold"
                node_ref=fold
                prop:open=move || open.get()
                on:toggle=move |_| {
                    if let Some(details) = fold.get_untracked() {
                        open.set(details.open());
                    }
                }
                on:keydown=on_keydown
            >
                <summary class="menu-button" node_ref=summary>
                    <span class="menu-icon" aria-hidden="true"></span>
                    "Menu"
                </summary>
                <ul id="menu-chinh" class="menu" on:click=on_link_click>
                    {menu
                        .into_iter()
                        .enumerate()
                        .map(|(i, node)| view! { <TopItem node index=i/> })
                        .collect_view()}
                </ul>
            </details>
        </nav>
    }
}

#[component]
fn TopItem(node: TreeNode<MenuItem>, index: usize) -> impl IntoView {
    let TreeNode { item, children } = node;
    if children.is_empty() {
        return view! { <li class="menu-item"><a href=item.href>{item.label}</a></li> }.into_any();
    }
    let open = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    let sub_id = format!("menu-con-{index}");
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    view! {
        <li class="menu-item has-children" class:open=move || open.get() on:keydown=on_keydown>
            <a href=item.href.clone()>{item.label.clone()}</a>
            <button
                type="button"
                class="submenu-toggle"
                node_ref=toggle
                aria-expanded=move || open.get().to_string()
                aria-controls=sub_id.clone()
                aria-label=format!("Mở menu con: {}", item.label)
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"▾"</span>
            </button>
            <ul class="submenu" id=sub_id>
                {sub_items(children)}
            </ul>
        </li>
    }
    .into_any()
}

/// Second and deeper levels: nested lists, always shown inside an open sub-menu.
fn sub_items(nodes: Vec<TreeNode<MenuItem>>) -> AnyView {
    nodes
        .into_iter()
        .map(|TreeNode { item, children }| {
            let nested = (!children.is_empty()).then(|| view! { <ul>{sub_items(children)}</ul> });
            view! { <li><a href=item.href>{item.label}</a>{nested}</li> }
        })
        .collect_view()
        .into_any()
}

//! The multi-level main menu: hover and focus open sub-menus on desktop; the toggle buttons
//! open them by keyboard and touch; Escape closes; on phones the whole menu folds into a
//! `<details>` whose summary reads "Menu", closed in the server's HTML and opened with or
//! without JavaScript. Without JavaScript the CSS alone keeps every item reachable.

use crate::model::MenuItem;
use crate::tree::TreeNode;
use leptos::prelude::*;

/// The menu as the server renders it; its behaviour is attached in the browser
/// (`browser::chrome`), once for every page.
#[component]
pub fn MainNav(menu: Vec<TreeNode<MenuItem>>) -> impl IntoView {
    // On phones the menu folds into a `<details>`: closed in the server's HTML (nothing moves
    // when the page comes alive) and opened by its summary with or without JavaScript. On
    // wide screens CSS shows its content and hides the summary.
    view! {
        <nav class="main-nav" aria-label="Menu chính">
            <details class="menu-fold">
                <summary class="menu-button">
                    <span class="menu-icon" aria-hidden="true"></span>
                    "Menu"
                </summary>
                <ul id="menu-chinh" class="menu">
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
    let sub_id = format!("menu-con-{index}");
    view! {
        <li class="menu-item has-children">
            <a href=item.href.clone()>{item.label.clone()}</a>
            <button
                type="button"
                class="submenu-toggle"
                aria-expanded="false"
                aria-controls=sub_id.clone()
                aria-label=format!("Mở menu con: {}", item.label)
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

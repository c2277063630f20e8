//! What the portal does in the browser (the `hydrate` build only).
//!
//! Readers get server-rendered pages with a few islands (the search box, the album's viewer,
//! the hydration mark) and this module: the chrome's behaviour, counting the visit, and
//! client-side navigation. Signed-in editors get the whole app hydrated instead (a module of
//! its own, see `wasm_modules`), for editing in place; the chrome and the count work the same
//! there, and the app's router navigates.

mod chrome;
mod fetch;
#[cfg(not(feature = "whole-app"))]
mod navigation;
mod visits;

pub use fetch::get;

use leptos::prelude::{document, request_animation_frame};

/// Called once by the module's `hydrate()`, before any island hydrates.
pub fn start() {
    chrome::listen();
    #[cfg(feature = "whole-app")]
    {
        // Leptos' task executor starts inside (`hydrate_body`).
        crate::app::hydrate_whole_app();
    }
    #[cfg(not(feature = "whole-app"))]
    {
        // Starts Leptos' task executor too.
        leptos::mount::hydrate_islands();
        navigation::listen();
        visits::page_shown();
    }
}

/// The app's router showed a new page (editors' pages; readers' pages are swapped in by
/// `navigation`, with a fresh menu).
pub fn route_changed() {
    chrome::fold_menu();
    visits::page_shown();
}

/// Goes to `url` by the readers' client-side navigation (the whole app navigates with its
/// router, and would load the page).
pub fn go(url: &str) {
    #[cfg(not(feature = "whole-app"))]
    navigation::go(url);
    #[cfg(feature = "whole-app")]
    let _ = leptos::prelude::window().location().assign(url);
}

/// Once the page has hydrated, marks `<html>`: CSS switches menus to their scripted behaviour,
/// tests know the page is ready, and the visit numbers may be written. Two frames later, so
/// that the whole app's last boundaries have hydrated too.
pub fn page_hydrated() {
    request_animation_frame(move || {
        request_animation_frame(move || {
            if let Some(root) = document().document_element() {
                let _ = root.class_list().add_1("js");
                let _ = root.set_attribute("data-hydrated", "true");
            }
            visits::page_hydrated();
        });
    });
}

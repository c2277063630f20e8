#![recursion_limit = "256"]
//! The browser entry point. A readers' page hydrates its islands (their exports come from
//! `app`); an editor's page hydrates the whole app. See `app::browser`.

extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::browser::start();
}

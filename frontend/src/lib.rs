#![recursion_limit = "256"]
//! The browser entry point, built twice (`make build`): the readers' module hydrates a page's
//! islands (their exports come from `app`); the editors' module (feature `whole-app`) hydrates
//! the whole app. See `app::browser` and `app::wasm_modules`.

extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::browser::start();
}

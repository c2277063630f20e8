//! The two WASM modules a page may load, and where each is served from.
//!
//! - **Readers' module** (a `hydrate` build): the islands, the chrome's behaviour, counting the
//!   visit and client-side navigation (`browser`). Served from `/pkg`, named as cargo-leptos
//!   names it (the hash file beside the server binary).
//! - **Editors' module** (`hydrate` + `whole-app`): the whole app, hydrated for signed-in
//!   editors: every page and the in-place editor, in one file (split by route, it came to over
//!   a hundred files for one page). Built first by `make build` and moved to `/pkg/editors`,
//!   its hash file renamed `hash-editors.txt`.
//!
//! The server picks one per request (`app::wants_whole_app`): readers never download the
//! editors' module, nor the text and code it alone holds.

use leptos::config::LeptosOptions;

/// The editors' module's folder under the site's `/pkg`.
pub const EDITORS_DIR: &str = "editors";
/// The editors' module's hash file, beside the server binary (cargo-leptos writes `hash.txt`).
pub const EDITORS_HASH_FILE: &str = "hash-editors.txt";

/// `options` pointing at the editors' module: its folder and its hash file.
pub fn editors(options: &LeptosOptions) -> LeptosOptions {
    let mut editors = options.clone();
    editors.site_pkg_dir = format!("{}/{EDITORS_DIR}", options.site_pkg_dir.trim_end_matches('/')).into();
    editors.hash_file = EDITORS_HASH_FILE.into();
    editors
}

/// The options for the module a page loads.
pub fn for_page(options: LeptosOptions, whole_app: bool) -> LeptosOptions {
    if whole_app {
        editors(&options)
    } else {
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editors_module_is_served_from_its_own_folder_with_its_own_hash_file() {
        let readers = LeptosOptions::builder().output_name("hdnd").site_pkg_dir("pkg").build();
        let editors = for_page(readers.clone(), true);
        assert_eq!(editors.site_pkg_dir.as_ref(), "pkg/editors");
        assert_eq!(editors.hash_file.as_ref(), "hash-editors.txt");
        assert_eq!(editors.output_name, readers.output_name);
        let same = for_page(readers.clone(), false);
        assert_eq!(same.site_pkg_dir.as_ref(), "pkg");
        assert_eq!(same.hash_file, readers.hash_file);
    }
}

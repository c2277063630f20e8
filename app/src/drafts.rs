//! Unsaved copies of articles the editor keeps in the browser (`localStorage`, one key per
//! article), and clearing them all when an editor logs out, so whoever uses the computer next
//! finds none. Kept out of the editor's lazily loaded module: logging out is in every page's
//! header, and needs only this.

/// Every draft's key starts with this; the rest is the article's slug.
pub const KEY_PREFIX: &str = "hdnd:ban-nhap:";

/// The key of an article's draft.
pub fn key(slug: &str) -> String {
    format!("{KEY_PREFIX}{slug}")
}

/// Removes every draft from this browser (nothing else in its storage).
#[cfg(feature = "hydrate")]
pub fn clear_all() {
    let Some(storage) = leptos::prelude::window().local_storage().ok().flatten() else {
        return;
    };
    let count = storage.length().unwrap_or(0);
    // Collected first: removing while walking the keys would shift their indexes.
    let keys: Vec<String> =
        (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(KEY_PREFIX)).collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}

/// On the server there is no browser storage.
#[cfg(not(feature = "hydrate"))]
pub fn clear_all() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_keys_carry_the_prefix() {
        assert_eq!(key("bai-moi"), "hdnd:ban-nhap:bai-moi");
        assert!(key("x").starts_with(KEY_PREFIX));
    }
}

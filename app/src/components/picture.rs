//! An image from the photo library: every stored size in `srcset`, what the layout gives it
//! in `sizes`, and the widest size's width and height, so the page keeps its room while the
//! image loads and never moves.

use crate::photos::Picture;
use leptos::prelude::*;

/// `lazy`: below the fold, the browser fetches it only when it comes near.
#[component]
pub fn LibraryImage(picture: Picture, alt: String, sizes: &'static str, #[prop(optional)] lazy: bool) -> impl IntoView {
    let largest = picture.largest().cloned();
    let (src, width, height) = largest.map(|s| (s.url, s.width, s.height)).unwrap_or_default();
    view! {
        <img
            src=src
            srcset=picture.srcset()
            sizes=sizes
            width=width
            height=height
            alt=alt
            loading=lazy.then_some("lazy")
            decoding="async"
        />
    }
}

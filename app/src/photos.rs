//! Thư viện ảnh (the photo library): albums and photos as the pages show them, their
//! addresses, the widths an upload is resized into, `srcset`, and the rules for what editors
//! type.

use crate::format::VnDateTime;
use serde::{Deserialize, Serialize};

/// The library's own page.
pub const LIBRARY_HREF: &str = "/thu-vien-anh";
pub const LIBRARY_TITLE: &str = "Thư viện ảnh";

/// The widths (in pixels) an uploaded photo is resized into: a phone's thumbnail, a phone's
/// full width or a desktop column, and a large screen. A narrower original is not enlarged.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// `sizes` for a thumbnail in the album grid (two columns on phones, four on wide screens).
pub const GRID_SIZES: &str = "(min-width: 60em) 14rem, 50vw";
/// `sizes` for a photo shown on its own (its page, the viewer).
pub const FULL_SIZES: &str = "(min-width: 70em) 60rem, 100vw";
/// `sizes` for an article's lead image (the article column).
pub const ARTICLE_SIZES: &str = "(min-width: 60em) 44rem, 100vw";

/// The widths to make of an original `width` pixels wide: those of [`WIDTHS`] below it, and
/// the original's own when it is narrower than the largest.
pub fn widths_for(width: u32) -> Vec<u32> {
    let largest = WIDTHS[WIDTHS.len() - 1];
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    if width <= largest {
        out.push(width);
    } else {
        out.push(largest);
    }
    out.dedup();
    out
}

/// One stored size of a photo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoSize {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// The stored sizes of one image, narrowest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    pub sizes: Vec<PhotoSize>,
}

impl Picture {
    /// The widest size: the one `src` falls back to and the width and height given to the
    /// `<img>` (the browser keeps their ratio, so nothing moves while it loads).
    pub fn largest(&self) -> Option<&PhotoSize> {
        self.sizes.last()
    }

    /// The narrowest size at least `width` wide (or the widest there is).
    pub fn at_least(&self, width: u32) -> Option<&PhotoSize> {
        self.sizes.iter().find(|s| s.width >= width).or_else(|| self.largest())
    }

    /// "a.jpg 480w, b.jpg 960w"
    pub fn srcset(&self) -> String {
        self.sizes.iter().map(|s| format!("{} {}w", s.url, s.width)).collect::<Vec<_>>().join(", ")
    }
}

/// A photo in an album.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub id: i64,
    pub album: String,
    pub caption: String,
    /// "YYYY-MM-DD"
    pub taken_on: String,
    pub day: VnDateTime,
    pub picture: Picture,
    pub is_demo: bool,
}

impl Photo {
    pub fn href(&self) -> String {
        photo_href(&self.album, self.id)
    }
}

/// An album as the library lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlbumSummary {
    pub slug: String,
    pub title: String,
    pub description: String,
    /// "YYYY-MM-DD"
    pub taken_on: String,
    pub day: VnDateTime,
    pub count: u64,
    pub cover: Option<Photo>,
    pub is_demo: bool,
}

impl AlbumSummary {
    pub fn href(&self) -> String {
        album_href(&self.slug)
    }
}

/// An album's page: the album and its photos, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlbumPage {
    pub album: AlbumSummary,
    pub photos: Vec<Photo>,
}

/// A photo's own page (what a thumbnail links to): the photo, where it stands in its album,
/// and its neighbours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoPage {
    pub album: AlbumSummary,
    pub photo: Photo,
    /// 1-based.
    pub position: u64,
    pub previous: Option<i64>,
    pub next: Option<i64>,
}

/// A library photo offered to an editor choosing an article's lead image.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryPhoto {
    pub album_title: String,
    pub photo: Photo,
}

/// The answer to a photo upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedPhoto {
    pub id: i64,
    pub href: String,
}

pub fn album_href(slug: &str) -> String {
    format!("{LIBRARY_HREF}/{slug}")
}

pub fn photo_href(album: &str, id: i64) -> String {
    format!("{LIBRARY_HREF}/{album}/{id}")
}

/// What an editor types for an album.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlbumFields {
    pub title: String,
    pub description: String,
    /// "YYYY-MM-DD", from `<input type="date">`.
    pub taken_on: String,
}

/// What an editor types for a photo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoFields {
    pub caption: String,
    /// "YYYY-MM-DD"
    pub taken_on: String,
}

pub const MAX_TITLE: usize = 200;
pub const MAX_TEXT: usize = 2000;

/// The message for a title that is empty or too long.
pub fn check_title(title: &str) -> Result<(), String> {
    let n = title.trim().chars().count();
    if n == 0 {
        return Err("Vui lòng nhập tên album.".into());
    }
    if n > MAX_TITLE {
        return Err(format!("Tên album dài quá {MAX_TITLE} ký tự."));
    }
    Ok(())
}

/// The message for a caption (or a description) that is too long; a photo's caption is also
/// its text alternative, so it may not be empty.
pub fn check_caption(caption: &str) -> Result<(), String> {
    let n = caption.trim().chars().count();
    if n == 0 {
        return Err("Vui lòng nhập chú thích ảnh (cũng là mô tả cho người không xem được ảnh).".into());
    }
    if n > MAX_TEXT {
        return Err(format!("Chú thích dài quá {MAX_TEXT} ký tự."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_is_never_enlarged() {
        assert_eq!(widths_for(4000), vec![480, 960, 1600]);
        assert_eq!(widths_for(1600), vec![480, 960, 1600]);
        assert_eq!(widths_for(1200), vec![480, 960, 1200]);
        assert_eq!(widths_for(960), vec![480, 960]);
        assert_eq!(widths_for(300), vec![300]);
    }

    #[test]
    fn srcset_lists_every_width() {
        let size = |w: u32| PhotoSize { url: format!("/uploads/{w}.jpg"), width: w, height: w / 2 };
        let p = Picture { sizes: vec![size(480), size(960)] };
        assert_eq!(p.srcset(), "/uploads/480.jpg 480w, /uploads/960.jpg 960w");
        assert_eq!(p.largest().map(|s| s.width), Some(960));
        assert_eq!(p.at_least(500).map(|s| s.width), Some(960));
        assert_eq!(p.at_least(2000).map(|s| s.width), Some(960));
        assert_eq!(Picture::default().srcset(), "");
    }

    #[test]
    fn titles_and_captions_are_checked() {
        assert!(check_title("  ").is_err());
        assert!(check_title(&"á".repeat(MAX_TITLE + 1)).is_err());
        assert!(check_title("Kỳ họp thứ 7").is_ok());
        assert!(check_caption("").is_err());
        assert!(check_caption("Đại biểu biểu quyết").is_ok());
    }
}

//! A library photo's sizes: the upright image, flattened onto white, scaled down to each of
//! `app::photos::widths_for` its width (never up) and encoded as JPEG. Each size is stored
//! like any upload (by content hash, recorded in `uploads`), so an article may point at one.

use app::photos::{widths_for, PhotoSize};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, Rgb, RgbImage};
use sqlx::SqlitePool;
use std::io::Cursor;
use std::path::Path;

/// JPEG quality of the sizes: photographs on a web page, where bytes count on a phone.
pub const QUALITY: u8 = 82;

/// One size, encoded.
#[derive(Clone)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// The image without transparency: what was transparent shows white, as on the page.
fn on_white(image: &DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba = image.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        Rgb([blend(p[0]), blend(p[1]), blend(p[2])])
    })
}

/// Every size of `image`, narrowest first; the error is the message for the editor.
pub fn encode(image: &DynamicImage) -> Result<Vec<Encoded>, &'static str> {
    let (width, height) = (image.width().max(1), image.height().max(1));
    let flat = DynamicImage::ImageRgb8(on_white(image));
    let mut out = Vec::new();
    for w in widths_for(width) {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width)).max(1) as u32;
        let scaled = if w == width { flat.clone() } else { flat.thumbnail_exact(w, h) };
        let mut bytes = Cursor::new(Vec::new());
        scaled.write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, QUALITY)).map_err(|e| {
            tracing::error!(error = %e, "could not encode a photo size");
            "Không xử lý được ảnh này, vui lòng thử ảnh khác."
        })?;
        out.push(Encoded { width: w, height: h, bytes: bytes.into_inner() });
    }
    Ok(out)
}

/// Why storing the sizes failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("file store: {0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Db(#[from] app::error::ApiError),
}

/// Stores each size under `dir` and records it as an upload; answers their addresses.
pub async fn store(pool: &SqlitePool, dir: &Path, sizes: Vec<Encoded>) -> Result<Vec<PhotoSize>, StoreError> {
    let mut out = Vec::with_capacity(sizes.len());
    for size in sizes {
        let name = crate::files::store(dir, &size.bytes, "jpg").await?;
        let url = format!("/uploads/{name}");
        app::data::uploads::record(pool, &url).await?;
        out.push(PhotoSize { url, width: size.width, height: size.height });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_keep_the_ratio_and_never_enlarge() {
        let image = DynamicImage::ImageRgb8(RgbImage::from_pixel(1200, 800, Rgb([10, 120, 200])));
        let sizes = encode(&image).unwrap();
        let dims: Vec<(u32, u32)> = sizes.iter().map(|s| (s.width, s.height)).collect();
        assert_eq!(dims, vec![(480, 320), (960, 640), (1200, 800)]);
        for s in &sizes {
            let decoded = image::load_from_memory(&s.bytes).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (s.width, s.height));
        }
    }

    #[test]
    fn transparency_becomes_white() {
        let image = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(10, 10, image::Rgba([0, 0, 0, 0])));
        assert_eq!(on_white(&image).get_pixel(3, 3).0, [255, 255, 255]);
    }
}

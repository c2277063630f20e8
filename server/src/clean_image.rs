//! Cleaning an uploaded image before it is stored: decoded (which proves it is a whole image
//! of an accepted kind), turned the way its EXIF orientation says, and encoded again, so what
//! is published carries no metadata: no camera, no time, no GPS position. JPEG is encoded
//! again at quality 88, PNG as PNG, WebP as lossless WebP. A GIF is kept as uploaded (after
//! decoding it): the format has no EXIF block, and encoding an animation again would lose it.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{ColorType, DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use std::io::Cursor;

/// Larger images (in pixels) are refused: decoding them would cost too much memory.
pub const MAX_PIXELS: u64 = 40_000_000;

/// JPEG quality when encoding again: no visible loss for photographs on a web page.
pub const JPEG_QUALITY: u8 = 88;

const CORRUPT: &str = "Tệp ảnh bị hỏng hoặc không đọc được.";

/// An image ready to store.
#[derive(Debug)]
pub struct Cleaned {
    pub ext: &'static str,
    /// As shown, after the orientation was applied.
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// The accepted format of an upload and its file extension, or the message saying why not.
fn accepted(bytes: &[u8]) -> Result<(ImageFormat, &'static str), &'static str> {
    let format = image::guess_format(bytes).map_err(|_| "Tệp không phải là ảnh JPEG, PNG, GIF hoặc WebP.")?;
    let ext = match format {
        ImageFormat::Jpeg => "jpg",
        ImageFormat::Png => "png",
        ImageFormat::Gif => "gif",
        ImageFormat::WebP => "webp",
        _ => return Err("Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP."),
    };
    Ok((format, ext))
}

/// Its width and height, once the pixel count is known to be acceptable.
fn dimensions(bytes: &[u8], format: ImageFormat) -> Result<(u32, u32), &'static str> {
    let (width, height) =
        ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(|_| CORRUPT)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err("Ảnh quá lớn (tối đa 40 triệu điểm ảnh).");
    }
    Ok((width, height))
}

/// Decodes an upload and turns it the way its EXIF orientation says (a GIF: its first frame).
pub fn decode_upright(bytes: &[u8]) -> Result<DynamicImage, &'static str> {
    let (format, _) = accepted(bytes)?;
    dimensions(bytes, format)?;
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format).into_decoder().map_err(|_| CORRUPT)?;
    let orientation = decoder.orientation().map_err(|_| CORRUPT)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| CORRUPT)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Checks and cleans an uploaded image; the error is the message for the editor.
pub fn clean(bytes: &[u8]) -> Result<Cleaned, &'static str> {
    let (format, ext) = accepted(bytes)?;
    let (width, height) = dimensions(bytes, format)?;
    if format == ImageFormat::Gif {
        ImageReader::with_format(Cursor::new(bytes), format).decode().map_err(|_| CORRUPT)?;
        return Ok(Cleaned { ext, width, height, bytes: bytes.to_vec() });
    }
    let image = decode_upright(bytes)?;
    let (width, height) = (image.width(), image.height());
    let mut out = Cursor::new(Vec::new());
    let written = match format {
        ImageFormat::Jpeg => {
            let image = match image.color() {
                ColorType::L8 | ColorType::Rgb8 => image,
                _ => DynamicImage::ImageRgb8(image.to_rgb8()),
            };
            image.write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
        }
        ImageFormat::WebP => {
            let image = match image.color() {
                ColorType::L8 | ColorType::La8 | ColorType::Rgb8 | ColorType::Rgba8 => image,
                _ => DynamicImage::ImageRgba8(image.to_rgba8()),
            };
            image.write_with_encoder(WebPEncoder::new_lossless(&mut out))
        }
        _ => image.write_with_encoder(PngEncoder::new(&mut out)),
    };
    written.map_err(|e| {
        tracing::error!(error = %e, "could not encode an uploaded image again");
        "Không xử lý được ảnh này, vui lòng thử ảnh khác."
    })?;
    Ok(Cleaned { ext, width, height, bytes: out.into_inner() })
}

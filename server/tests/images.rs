//! Uploaded images through the whole HTTP stack: turned the way their EXIF orientation says and
//! stored without their metadata (no GPS position).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

const PASSWORD: &str = "mat-khau-du-dai-1";

async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, Vec<u8>) {
    let res = app.clone().oneshot(req).await.expect("response");
    let status = res.status();
    (status, res.into_body().collect().await.expect("body").to_bytes().to_vec())
}

fn post(path: &str) -> axum::http::request::Builder {
    Request::post(path).header(header::HOST, "localhost:3000").header(header::ORIGIN, "http://localhost:3000")
}

async fn editor_login(db: &common::TestDb, app: &axum::Router) -> String {
    app::data::accounts::add_user(&db.pool, "bientap@hdnd.vn", Role::Editor, PASSWORD).await.unwrap();
    let login = post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("email=bientap%40hdnd.vn&password={PASSWORD}")))
        .unwrap();
    let res = app.clone().oneshot(login).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap();
    cookie.split(';').next().unwrap().to_string()
}

fn upload(cookie: &str, file_name: &str, bytes: &[u8]) -> Request<Body> {
    let mut body = format!(
        "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XYZ--\r\n");
    post("/api/upload")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XYZ")
        .body(Body::from(body))
        .unwrap()
}

/// Somewhere recognisable in the test image's GPS block.
const GPS_MARKER: &[u8] = b"GPS 10.9804N 106.6519E";

/// A `width` × `height` JPEG with an EXIF block (spliced in after the start marker, as cameras
/// write it): IFD0 holds the orientation and a pointer to a GPS IFD, then the marker text.
fn jpeg_with_exif(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 20) as u8, (y * 40) as u8, 90]))
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    let jpeg = out.into_inner();
    // TIFF header, big-endian, IFD0 at offset 8 with two entries.
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend(2u16.to_be_bytes());
    // Orientation: tag 0x0112, SHORT, one value (left-aligned in the four value bytes).
    tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0, 0]);
    // GPSInfo: tag 0x8825, LONG, the offset of the GPS IFD (right after IFD0).
    let gps_ifd: u32 = 8 + 2 + 2 * 12 + 4;
    tiff.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1]);
    tiff.extend(gps_ifd.to_be_bytes());
    tiff.extend(0u32.to_be_bytes());
    // GPS IFD: GPSLatitudeRef "N".
    tiff.extend(1u16.to_be_bytes());
    tiff.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend(0u32.to_be_bytes());
    tiff.extend(GPS_MARKER);
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend(tiff);
    let mut with_exif = jpeg[..2].to_vec();
    with_exif.extend([0xFF, 0xE1]);
    with_exif.extend(u16::try_from(segment.len() + 2).unwrap().to_be_bytes());
    with_exif.extend(segment);
    with_exif.extend(&jpeg[2..]);
    with_exif
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn uploaded_images_are_turned_upright_and_lose_their_metadata() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let editor = editor_login(&db, &app).await;
        // Orientation 6: the camera was turned; shown upright, the image is 8 wide and 12 high.
        let photo = jpeg_with_exif(12, 8, 6);
        assert!(contains(&photo, b"Exif\0\0") && contains(&photo, GPS_MARKER));
        let decoded = image::load_from_memory(&photo).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (12, 8), "the test image is what it says");

        let (status, body) = send(&app, upload(&editor, "anh.jpg", &photo)).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let uploaded: app::model::Uploaded = serde_json::from_slice(&body).unwrap();
        assert_eq!((uploaded.width, uploaded.height), (8, 12), "the width and height after turning");
        assert!(uploaded.url.ends_with(".jpg"));
        let name = uploaded.url.trim_start_matches("/uploads/");
        let stored = std::fs::read(db._dir.path().join("uploads").join(name)).unwrap();
        assert!(!contains(&stored, b"Exif\0\0"), "no EXIF block is stored");
        assert!(!contains(&stored, GPS_MARKER), "nor the position");
        let shown = image::load_from_memory_with_format(&stored, image::ImageFormat::Jpeg).unwrap();
        assert_eq!((shown.width(), shown.height()), (8, 12));
        let (status, served) = send(&app, Request::get(&uploaded.url).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(served, stored);

        // Without an orientation the image keeps its shape, and still loses its metadata.
        let upright = server::clean_image::clean(&jpeg_with_exif(12, 8, 1)).unwrap();
        assert_eq!((upright.ext, upright.width, upright.height), ("jpg", 12, 8));
        assert!(!contains(&upright.bytes, b"Exif\0\0"));
        // PNG and WebP are encoded again in their own format; GIF is kept as it is.
        let rgba = image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(5, 3, image::Rgba([1, 2, 3, 200])));
        for (format, ext) in [(image::ImageFormat::Png, "png"), (image::ImageFormat::WebP, "webp")] {
            let mut out = std::io::Cursor::new(Vec::new());
            rgba.write_to(&mut out, format).unwrap();
            let cleaned = server::clean_image::clean(out.get_ref()).unwrap();
            assert_eq!((cleaned.ext, cleaned.width, cleaned.height), (ext, 5, 3));
            assert_eq!(image::guess_format(&cleaned.bytes).unwrap(), format);
            assert_eq!(image::load_from_memory(&cleaned.bytes).unwrap().to_rgba8(), rgba.to_rgba8(), "lossless");
        }
        let mut gif = std::io::Cursor::new(Vec::new());
        rgba.write_to(&mut gif, image::ImageFormat::Gif).unwrap();
        assert_eq!(server::clean_image::clean(gif.get_ref()).unwrap().bytes, gif.into_inner());
    });
}

//! The photo library through the whole HTTP stack: the demo albums' pages (with `srcset`,
//! `sizes` and dimensions), photos uploaded by an editor and resized into the library's
//! widths, albums and captions checked, and an article's lead image taken from the library.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::Role;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{json, send};

const ALBUM: &str = "ky-hop-thu-hai-muoi-hdnd-tinh-khoa-x";
const SEED: &str = "trien-khai-de-an-xay-dung-thanh-pho-thong-minh-khang-dinh-thuong-hieu-vi-the-binh-duong";

fn get(path: &str) -> Request<Body> {
    Request::get(path).header(header::HOST, "localhost:3000").body(Body::empty()).unwrap()
}

fn photo_upload(album: &str, cookie: Option<&str>, caption: &str, bytes: &[u8]) -> Request<Body> {
    let mut body = format!(
        "--XYZ\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n{caption}\r\n\
         --XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anh.png\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--XYZ--\r\n");
    common::post(&format!("/api/albums/{album}/photos"), cookie)
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XYZ")
        .body(Body::from(body))
        .unwrap()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_fn(width, height, |x, y| image::Rgba([(x % 256) as u8, (y % 256) as u8, 120, 255]))
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

#[test]
fn the_demo_library_has_pages_that_never_shift() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let (status, _, html) = send(&app, get("/thu-vien-anh")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Kỳ họp thứ Hai mươi, HĐND tỉnh khóa X"), "{html}");
        assert!(html.contains("Tiếp xúc cử tri trước kỳ họp"));
        assert!(html.contains(&format!("href=\"/thu-vien-anh/{ALBUM}\"")));
        assert!(html.contains("Nội dung minh họa"), "demo albums say so");

        let page = app::data::photos::album_page(&db.pool, ALBUM).await.unwrap();
        assert_eq!(page.photos.len(), 4);
        let first = &page.photos[0];
        let widths: Vec<u32> = first.picture.sizes.iter().map(|s| s.width).collect();
        assert_eq!(widths, vec![480, 960, 1200]);
        let (status, _, html) = send(&app, get(&format!("/thu-vien-anh/{ALBUM}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(&format!("href=\"{}\"", first.href())), "each thumbnail links to its page");
        assert!(html.contains(" 480w, ") && html.contains(" 960w, ") && html.contains(" 1200w\""), "srcset: {html}");
        assert!(html.contains(&format!("sizes=\"{}\"", app::photos::GRID_SIZES)));
        assert!(html.contains("width=\"1200\"") && html.contains("height=\"800\""), "dimensions given");
        assert!(
            html.contains("<dialog ") && html.contains("class=\"photo-viewer\""),
            "the viewer is there for the browser"
        );
        assert!(html.contains("loading=\"lazy\""), "thumbnails far down load lazily");

        // Each photo has its own page, with its neighbours.
        let second = &page.photos[1];
        let (status, _, html) = send(&app, get(&second.href())).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(&second.caption));
        assert!(html.contains(&format!("rel=\"prev\" href=\"{}\"", first.href())), "{html}");
        assert!(html.contains(&format!("rel=\"next\" href=\"{}\"", page.photos[2].href())));
        assert!(html.contains("Ảnh 2 / 4"));
        assert!(html.contains("property=\"og:image\""), "a shared photo shows a preview");

        // Unknown albums and photos, and a photo under another album, are 404s.
        for path in
            ["/thu-vien-anh/khong-co", &format!("/thu-vien-anh/{ALBUM}/999999"), &format!("/thu-vien-anh/{ALBUM}/x")]
        {
            assert_eq!(send(&app, get(path)).await.0, StatusCode::NOT_FOUND, "{path}");
        }
        let other = app::data::photos::album_page(&db.pool, "tiep-xuc-cu-tri-truoc-ky-hop").await.unwrap();
        let elsewhere = format!("/thu-vien-anh/{ALBUM}/{}", other.photos[0].id);
        assert_eq!(send(&app, get(&elsewhere)).await.0, StatusCode::NOT_FOUND);

        // The sitemap lists the library, its albums and photos.
        let listed = app::data::sitemap::all(&db.pool, app::data::now()).await.unwrap();
        let paths: Vec<&str> = listed.iter().map(|l| l.path.as_str()).collect();
        assert!(paths.contains(&"/thu-vien-anh"));
        assert!(paths.contains(&format!("/thu-vien-anh/{ALBUM}").as_str()));
        assert!(paths.contains(&second.href().as_str()));
    });
}

#[test]
fn an_editor_uploads_photos_resized_into_the_library_widths() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let upload = png(2000, 1000);

        // Only a signed-in editor may add photos.
        let (status, _, _) = send(&app, photo_upload(ALBUM, None, "Ảnh mới", &upload)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let cookie = common::signed_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;

        let (status, _, body) = send(&app, photo_upload(ALBUM, Some(&cookie), "Đại biểu phát biểu", &upload)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let added: app::photos::AddedPhoto = serde_json::from_str(&body).unwrap();
        assert_eq!(added.href, format!("/thu-vien-anh/{ALBUM}/{}", added.id));

        let page = app::data::photos::photo_page(&db.pool, ALBUM, added.id).await.unwrap();
        assert_eq!(page.photo.caption, "Đại biểu phát biểu");
        assert_eq!(page.position, 5, "added at the end of the album");
        assert_eq!(page.photo.taken_on, "2024-12-10", "without a day it takes the album's");
        let sizes: Vec<(u32, u32)> = page.photo.picture.sizes.iter().map(|s| (s.width, s.height)).collect();
        assert_eq!(sizes, vec![(480, 240), (960, 480), (1600, 800)], "never wider than 1600, ratio kept");
        for size in &page.photo.picture.sizes {
            let name = size.url.strip_prefix("/uploads/").unwrap();
            let bytes = std::fs::read(db._dir.path().join("uploads").join(name)).unwrap();
            let decoded = image::load_from_memory(&bytes).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (size.width, size.height));
            assert_eq!(image::guess_format(&bytes).unwrap(), image::ImageFormat::Jpeg);
            // Served like any upload.
            let (status, _, _) = send(&app, get(&size.url)).await;
            assert_eq!(status, StatusCode::OK, "{}", size.url);
        }

        // Without a caption, the album's title describes the photo.
        let (status, _, body) = send(&app, photo_upload(ALBUM, Some(&cookie), "", &png(300, 200))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let id = serde_json::from_str::<app::photos::AddedPhoto>(&body).unwrap().id;
        let small = app::data::photos::photo_page(&db.pool, ALBUM, id).await.unwrap().photo;
        assert_eq!(small.caption, "Kỳ họp thứ Hai mươi, HĐND tỉnh khóa X");
        assert_eq!(small.picture.sizes.iter().map(|s| s.width).collect::<Vec<_>>(), vec![300], "not enlarged");

        // Refusals, in Vietnamese, with the right status; nothing is added.
        let before = app::data::photos::album_page(&db.pool, ALBUM).await.unwrap().photos.len();
        let (status, _, body) = send(&app, photo_upload(ALBUM, Some(&cookie), "x", b"not an image")).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(body.contains("không phải là ảnh"), "{body}");
        let (status, _, body) = send(&app, photo_upload(ALBUM, Some(&cookie), "x", b"")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("Chưa chọn tệp ảnh"), "{body}");
        let (status, _, _) = send(&app, photo_upload("khong-co", Some(&cookie), "x", &upload)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(app::data::photos::album_page(&db.pool, ALBUM).await.unwrap().photos.len(), before);
    });
}

#[test]
fn albums_and_captions_are_checked_and_saved() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let album = |title: &str, day: &str| serde_json::json!({ "fields": { "title": title, "description": "Mô tả", "taken_on": day } });
        let (status, _, _) = send(&app, json("/api/create_album", None, album("Album", "2025-01-02"))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous callers create nothing");
        let cookie = common::signed_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;
        let (status, _, body) = send(&app, json("/api/create_album", Some(&cookie), album("  ", "2025-01-02"))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("Vui lòng nhập tên album"), "{body}");
        let (status, _, body) =
            send(&app, json("/api/create_album", Some(&cookie), album("Giám sát", "2025-13-40"))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("Ngày không hợp lệ"), "{body}");
        let (status, _, body) =
            send(&app, json("/api/create_album", Some(&cookie), album("Giám sát tại Bến Cát", "2025-03-04"))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let slug: String = serde_json::from_str(&body).unwrap();
        assert_eq!(slug, "giam-sat-tai-ben-cat");
        let (status, _, html) = send(&app, get(&format!("/thu-vien-anh/{slug}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Album chưa có ảnh.") && html.contains("Thứ 3, 04/03/2025"), "{html}");

        let saved = serde_json::json!({ "slug": slug, "fields": { "title": "Giám sát tại thị xã Bến Cát", "description": "", "taken_on": "2025-03-05" } });
        let (status, _, body) = send(&app, json("/api/save_album", Some(&cookie), saved)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page = app::data::photos::album_page(&db.pool, &slug).await.unwrap();
        assert_eq!(
            (page.album.title.as_str(), page.album.taken_on.as_str()),
            ("Giám sát tại thị xã Bến Cát", "2025-03-05")
        );

        let photo = app::data::photos::album_page(&db.pool, ALBUM).await.unwrap().photos[0].clone();
        let caption =
            |text: &str| serde_json::json!({ "id": photo.id, "fields": { "caption": text, "taken_on": "2024-12-11" } });
        let (status, _, body) = send(&app, json("/api/save_photo", Some(&cookie), caption(""))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("Vui lòng nhập chú thích ảnh"), "{body}");
        let (status, _, body) =
            send(&app, json("/api/save_photo", Some(&cookie), caption("Toàn cảnh hội trường"))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, _, html) = send(&app, get(&photo.href())).await;
        assert!(html.contains("Toàn cảnh hội trường") && html.contains("Thứ 4, 11/12/2024"), "{html}");
    });
}

#[test]
fn an_article_takes_its_lead_image_from_the_library() {
    common::run(async {
        let db = common::demo_db().await;
        let app = common::router(&db);
        let cookie = common::signed_in(&db, &app, "bientap@hdnd.vn", Role::Editor).await;
        let photo = app::data::photos::album_page(&db.pool, ALBUM).await.unwrap().photos[1].clone();
        let widest = photo.picture.largest().unwrap().url.clone();
        let a = app::data::content::article_page(&db.pool, SEED, true).await.unwrap().article;
        let mut fields = a.fields.clone();
        fields.image_url = Some(widest.clone());
        fields.image_caption = Some(photo.caption.clone());
        let save = serde_json::json!({ "slug": SEED, "base_version": a.version, "fields": fields });
        let (status, _, body) = send(&app, json("/api/save_article", Some(&cookie), save)).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let (status, _, html) = send(&app, get(&format!("/bai-viet/{SEED}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(&format!("srcset=\"{}\"", photo.picture.srcset())), "{html}");
        assert!(html.contains(&format!("sizes=\"{}\"", app::photos::ARTICLE_SIZES)));
        assert!(html.contains("width=\"1200\" height=\"800\""), "the photo's own dimensions");

        // An address that was never uploaded is refused, and the article keeps its image.
        let a = app::data::content::article_page(&db.pool, SEED, true).await.unwrap().article;
        let mut fields = a.fields.clone();
        fields.image_url = Some("/uploads/khong-co.jpg".into());
        let save = serde_json::json!({ "slug": SEED, "base_version": a.version, "fields": fields });
        let (status, _, _) = send(&app, json("/api/save_article", Some(&cookie), save)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let kept = app::data::content::article_page(&db.pool, SEED, true).await.unwrap().article;
        assert_eq!(kept.fields.image_url, Some(widest));
    });
}

//! Demo albums for the photo library. Their photos are drawn here (a council hall under a
//! sky, in a few lights), not photographs of real events, and every album, photo and caption
//! says so. They go through the same resizing as an upload.

use crate::photo_sizes::{self, Encoded};
use app::photos::AlbumFields;
use image::{DynamicImage, Rgb, RgbImage};
use sqlx::SqlitePool;
use std::path::Path;
use std::sync::OnceLock;

struct DemoAlbum {
    title: &'static str,
    description: &'static str,
    taken_on: &'static str,
    /// Caption, and the light the picture is drawn in (0 = morning … 3 = evening).
    photos: &'static [(&'static str, u8)],
}

const ALBUMS: [DemoAlbum; 2] = [
    DemoAlbum {
        title: "Kỳ họp thứ Hai mươi, HĐND tỉnh khóa X",
        description:
            "Ảnh minh họa do cổng thông tin tự vẽ để trình diễn thư viện ảnh, không phải ảnh chụp sự kiện thật.",
        taken_on: "2024-12-10",
        photos: &[
            ("Quang cảnh hội trường trước phiên khai mạc (ảnh minh họa)", 0),
            ("Đại biểu biểu quyết thông qua các nghị quyết (ảnh minh họa)", 1),
            ("Phiên chất vấn và trả lời chất vấn (ảnh minh họa)", 2),
            ("Bế mạc kỳ họp (ảnh minh họa)", 3),
        ],
    },
    DemoAlbum {
        title: "Tiếp xúc cử tri trước kỳ họp",
        description:
            "Ảnh minh họa do cổng thông tin tự vẽ để trình diễn thư viện ảnh, không phải ảnh chụp sự kiện thật.",
        taken_on: "2024-11-20",
        photos: &[
            ("Cử tri phường Phú Cường đến dự buổi tiếp xúc (ảnh minh họa)", 1),
            ("Đại biểu ghi nhận ý kiến, kiến nghị của cử tri (ảnh minh họa)", 2),
            ("Toàn cảnh buổi tiếp xúc cử tri (ảnh minh họa)", 0),
        ],
    },
];

/// Width and height of a drawn photo.
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 800;

/// A council hall (columns under a pediment, a red flag) on a lawn, under a sky of `light`.
fn draw(light: u8) -> DynamicImage {
    let (top, bottom): ([f32; 3], [f32; 3]) = match light {
        0 => ([120.0, 170.0, 230.0], [225.0, 235.0, 245.0]),
        1 => ([40.0, 110.0, 200.0], [170.0, 210.0, 240.0]),
        2 => ([70.0, 90.0, 160.0], [240.0, 190.0, 140.0]),
        _ => ([30.0, 30.0, 80.0], [230.0, 120.0, 80.0]),
    };
    let horizon = HEIGHT * 2 / 3;
    let (left, right) = (WIDTH / 4, WIDTH * 3 / 4);
    let roof = HEIGHT / 3;
    let image = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let in_hall = x >= left && x < right && y >= roof && y < horizon;
        let pediment_height = HEIGHT / 8;
        let half = (right - left) / 2;
        let from_middle = x.abs_diff(left + half);
        let in_pediment = y < roof
            && y + pediment_height >= roof
            && from_middle * pediment_height <= (y + pediment_height - roof) * half;
        let pole = WIDTH / 2;
        let in_pole = x.abs_diff(pole) < 3 && y + HEIGHT / 4 >= roof && y < roof;
        let in_flag = x > pole && x < pole + 60 && y + HEIGHT / 4 >= roof && y + HEIGHT / 4 < roof + 40;
        if in_flag {
            return Rgb([218, 37, 29]);
        }
        if in_pole {
            return Rgb([90, 90, 90]);
        }
        if in_pediment {
            return Rgb([236, 226, 205]);
        }
        if in_hall {
            let column = ((x - left) / 30) % 2 == 0;
            let door = x.abs_diff(left + half) < 40 && y > horizon - 120;
            return if door {
                Rgb([110, 70, 40])
            } else if column {
                Rgb([245, 240, 228])
            } else {
                Rgb([200, 190, 170])
            };
        }
        if y >= horizon {
            let shade = 120 + ((y - horizon) * 60 / (HEIGHT - horizon)) as u8;
            return Rgb([40, shade, 60]);
        }
        let t = y as f32 / horizon as f32;
        let mix = |i: usize| (top[i] + (bottom[i] - top[i]) * t) as u8;
        Rgb([mix(0), mix(1), mix(2)])
    });
    DynamicImage::ImageRgb8(image)
}

/// The encoded sizes of each light, drawn once per process.
fn drawn(light: u8) -> Result<Vec<Encoded>, &'static str> {
    static DRAWN: OnceLock<Result<Vec<Vec<Encoded>>, &'static str>> = OnceLock::new();
    let all = DRAWN.get_or_init(|| (0..4).map(|l| photo_sizes::encode(&draw(l))).collect());
    all.as_ref().map_err(|e| *e).map(|all| all.get(usize::from(light)).cloned().unwrap_or_default())
}

/// Loads the demo albums (their photos' sizes under `uploads_dir`).
pub async fn load(pool: &SqlitePool, uploads_dir: &Path) -> Result<(), crate::demo::DemoError> {
    use crate::demo::DemoError;
    // The files first: the rows that point at them are written after, in one transaction.
    let mut stored = Vec::new();
    for album in &ALBUMS {
        let mut sizes = Vec::new();
        for (_, light) in album.photos {
            let encoded = drawn(*light).map_err(|e| DemoError::Invalid(e.to_string()))?;
            let size =
                photo_sizes::store(pool, uploads_dir, encoded).await.map_err(|e| DemoError::Invalid(e.to_string()))?;
            sizes.push(size);
        }
        stored.push(sizes);
    }
    let mut tx = app::data::write(pool).await?;
    for (album, sizes) in ALBUMS.iter().zip(stored) {
        let fields = AlbumFields {
            title: album.title.into(),
            description: album.description.into(),
            taken_on: album.taken_on.into(),
        };
        let slug = app::data::photos::create_album(&mut tx, &fields, true, app::data::now())
            .await
            .map_err(|e| DemoError::Invalid(e.to_string()))?;
        for ((caption, _), sizes) in album.photos.iter().zip(sizes) {
            app::data::photos::add_photo(&mut tx, &slug, caption, None, &sizes, true)
                .await
                .map_err(|e| DemoError::Invalid(e.to_string()))?;
        }
    }
    tx.commit().await?;
    Ok(())
}

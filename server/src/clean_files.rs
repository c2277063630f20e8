//! `server clean-files`: lists (or, with `--apply`, deletes) stored files nothing points at:
//! documents under `DATA_DIR/files/` no attachment names, and images under
//! `DATA_DIR/uploads/` that were never recorded as uploaded and that no article, page,
//! delegate, revision, menu, link or setting names. Conservative: only names the server gives
//! files ("<sha256>.<ext>") are considered, never anything else in those directories, never a
//! directory or a link, and never a file younger than an hour (an upload may be on its way).

use app::data::attachments::is_stored_name;
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Files younger than this are left alone.
pub const MIN_AGE: Duration = Duration::from_secs(60 * 60);

/// The extensions uploaded images are stored with.
const IMAGE_EXTS: [&str; 4] = ["jpg", "png", "gif", "webp"];

#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    #[error("không đọc được thư mục {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("không xóa được {path}: {source}")]
    Remove { path: PathBuf, source: std::io::Error },
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Database(#[from] app::error::ApiError),
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Orphans {
    /// Unreferenced stored files, oldest enough to go.
    pub files: Vec<PathBuf>,
    /// Unreferenced files kept because they are younger than `MIN_AGE`.
    pub young: usize,
}

/// The stored files under `data_dir` nothing points at, as of `now`.
pub async fn find(pool: &SqlitePool, data_dir: &Path, now: SystemTime) -> Result<Orphans, CleanError> {
    let mut found = Orphans::default();
    for (name, path, modified) in candidates(&data_dir.join("files"), |_| true)? {
        if !app::data::attachments::is_attached(pool, &name).await? {
            found.push(path, modified, now);
        }
    }
    let is_image = |ext: &str| IMAGE_EXTS.contains(&ext);
    for (name, path, modified) in candidates(&data_dir.join("uploads"), is_image)? {
        if !app::data::uploads::is_referenced(pool, &name).await? {
            found.push(path, modified, now);
        }
    }
    Ok(found)
}

impl Orphans {
    fn push(&mut self, path: PathBuf, modified: Option<SystemTime>, now: SystemTime) {
        // A time in the future (or none) counts as young.
        match modified.and_then(|m| now.duration_since(m).ok()) {
            Some(age) if age >= MIN_AGE => self.files.push(path),
            _ => self.young += 1,
        }
    }
}

/// Plain files in `dir` with a stored name whose extension passes `ext_ok`: name, path and
/// modification time. A missing directory has none.
fn candidates(
    dir: &Path,
    ext_ok: impl Fn(&str) -> bool,
) -> Result<Vec<(String, PathBuf, Option<SystemTime>)>, CleanError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(CleanError::Read { path: dir.to_path_buf(), source }),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| CleanError::Read { path: dir.to_path_buf(), source })?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        if !is_stored_name(&name) || !ext_ok(ext) {
            continue;
        }
        // `DirEntry::metadata` does not follow links: a link is not a plain file.
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_file() {
            out.push((name, entry.path(), meta.modified().ok()));
        }
    }
    out.sort();
    Ok(out)
}

/// Runs the command: lists what would go, or deletes it with `apply`; returns what to print.
pub async fn run(pool: &SqlitePool, data_dir: &Path, apply: bool) -> Result<String, CleanError> {
    let found = find(pool, data_dir, SystemTime::now()).await?;
    let mut lines = Vec::new();
    for path in &found.files {
        if apply {
            match std::fs::remove_file(path) {
                Ok(()) => {}
                // Gone in the meantime: nothing left to do.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(CleanError::Remove { path: path.clone(), source }),
            }
            lines.push(format!("Đã xóa {}", path.display()));
        } else {
            lines.push(format!("Sẽ xóa {}", path.display()));
        }
    }
    let count = found.files.len();
    lines.push(if apply {
        format!("Đã xóa {count} tệp không còn được dùng.")
    } else if count > 0 {
        format!("{count} tệp không còn được dùng; chạy lại với --apply để xóa.")
    } else {
        "Không có tệp nào thừa.".to_string()
    });
    if found.young > 0 {
        lines.push(format!("Bỏ qua {} tệp mới hơn một giờ (có thể đang được tải lên).", found.young));
    }
    Ok(lines.join("\n"))
}

//! Backups and restoring them: `server backup --to DIR` while the portal runs, `server restore
//! --from DIR` while it is stopped.
//!
//! A backup is a directory holding `hdnd.db` (the database), `files/` (documents attached to
//! records) and `uploads/` (editors' images). The database is copied first, with SQLite's
//! `VACUUM INTO`, which reads one consistent snapshot while editors go on writing; the stored
//! files are copied after it. Files are named by their content and never changed or removed,
//! and every row that names a file is written after the file, so every file the copied
//! database names is already there when the files are copied: the set is consistent (files
//! written later come along too, unused, which does no harm).
//!
//! Restoring checks the backup (`PRAGMA integrity_check`), copies the files back first and
//! replaces the database last, through a temporary file and a rename, so a restore that stops
//! half-way leaves either the old database or the new one, never a mix.

use app::resolution::file_size as size;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqlitePool};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The database's name inside a backup.
pub const DATABASE: &str = "hdnd.db";
/// The stored files' directories, the same in `DATA_DIR` and in a backup.
pub const FILE_DIRS: [&str; 2] = ["files", "uploads"];

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("thư mục {0} đã có một bản sao lưu; hãy chọn một thư mục khác (bản sao lưu cũ không bị ghi đè)")]
    AlreadyThere(PathBuf),
    #[error("đường dẫn {0} có ký tự không phải UTF-8; hãy chọn một đường dẫn khác")]
    NotUtf8(PathBuf),
    #[error("không tìm thấy bản sao lưu: {0} không có tệp {DATABASE}")]
    Missing(PathBuf),
    #[error("bản sao lưu {0} còn tệp nhật ký {DATABASE}-wal: đây không phải bản sao lưu do lệnh backup tạo ra, hãy dùng lệnh backup")]
    LeftoverLog(PathBuf),
    #[error("tệp {path} không phải cơ sở dữ liệu SQLite hợp lệ: {reason}")]
    NotSqlite { path: PathBuf, reason: String },
    #[error("tệp {path} bị hỏng (PRAGMA integrity_check): {report}")]
    Damaged { path: PathBuf, report: String },
    #[error("tệp {0} là cơ sở dữ liệu SQLite nhưng không phải của cổng thông tin")]
    NotPortal(PathBuf),
    #[error("cơ sở dữ liệu {0} không nằm trong một tệp nên không khôi phục vào được")]
    NoFile(String),
    #[error("không sao lưu được cơ sở dữ liệu: {0}")]
    Database(#[from] sqlx::Error),
    #[error("lỗi đọc/ghi {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// An I/O error with the path it concerns.
fn at(path: &Path) -> impl FnOnce(io::Error) -> BackupError + '_ {
    move |source| BackupError::Io { path: path.to_path_buf(), source }
}

/// What was copied from one directory of stored files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Copied {
    /// Files copied.
    pub files: u64,
    /// Their bytes.
    pub bytes: u64,
    /// Files left as they were because the destination already had them (same name, so the
    /// same content).
    pub present: u64,
}

/// What `backup` wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupSummary {
    pub dir: PathBuf,
    pub database_bytes: u64,
    pub files: Copied,
    pub uploads: Copied,
}

/// What `restore` wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreSummary {
    pub database: PathBuf,
    pub database_bytes: u64,
    pub files: Copied,
    pub uploads: Copied,
}

fn copied_line(what: &str, dir: &str, c: Copied) -> String {
    let mut line = format!("  {what} ({dir}/): {} tệp, {}", c.files, size(c.bytes));
    if c.present > 0 {
        line.push_str(&format!("; {} tệp đã có sẵn", c.present));
    }
    line
}

impl fmt::Display for BackupSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Đã sao lưu vào {}:", self.dir.display())?;
        writeln!(f, "  cơ sở dữ liệu ({DATABASE}): {}", size(self.database_bytes))?;
        writeln!(f, "{}", copied_line("tài liệu đính kèm", FILE_DIRS[0], self.files))?;
        write!(f, "{}", copied_line("ảnh tải lên", FILE_DIRS[1], self.uploads))
    }
}

impl fmt::Display for RestoreSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Đã khôi phục:")?;
        writeln!(f, "  cơ sở dữ liệu {}: {}", self.database.display(), size(self.database_bytes))?;
        writeln!(f, "{}", copied_line("tài liệu đính kèm", FILE_DIRS[0], self.files))?;
        write!(f, "{}", copied_line("ảnh tải lên", FILE_DIRS[1], self.uploads))
    }
}

/// Copies the database in `pool` and the files under `data_dir` into `to` (created if
/// missing), while the portal goes on serving and saving. Refuses a directory that already
/// holds a backup.
pub async fn backup(pool: &SqlitePool, data_dir: &Path, to: &Path) -> Result<BackupSummary, BackupError> {
    tokio::fs::create_dir_all(to).await.map_err(at(to))?;
    let database = to.join(DATABASE);
    for taken in std::iter::once(DATABASE).chain(FILE_DIRS) {
        if tokio::fs::symlink_metadata(to.join(taken)).await.is_ok() {
            return Err(BackupError::AlreadyThere(to.to_path_buf()));
        }
    }
    let target = database.to_str().ok_or_else(|| BackupError::NotUtf8(database.clone()))?;
    // One read transaction: the copy is the database as it was at one moment, whatever is
    // being written meanwhile.
    sqlx::query("VACUUM INTO ?1").bind(target).execute(pool).await?;
    let database_bytes = sync_file(&database).await?;
    let files = copy_files(data_dir.join(FILE_DIRS[0]), to.join(FILE_DIRS[0])).await?;
    let uploads = copy_files(data_dir.join(FILE_DIRS[1]), to.join(FILE_DIRS[1])).await?;
    crate::files::sync_dir(to).await.map_err(at(to))?;
    Ok(BackupSummary { dir: to.to_path_buf(), database_bytes, files, uploads })
}

/// The file a database setting names (`DATABASE_URL` or `DATA_DIR/hdnd.db`).
pub fn database_file(database: &crate::config::Database) -> Result<PathBuf, BackupError> {
    use std::str::FromStr;
    match database {
        crate::config::Database::File(path) => Ok(path.clone()),
        crate::config::Database::Url(url) => {
            if url.contains(":memory:") || url.contains("mode=memory") {
                return Err(BackupError::NoFile(url.clone()));
            }
            let options = SqliteConnectOptions::from_str(url).map_err(|_| BackupError::NoFile(url.clone()))?;
            Ok(options.get_filename().to_path_buf())
        }
    }
}

/// Checks the backup in `from`, then puts its files under `data_dir` and its database at
/// `database`, replacing what is there. The portal must be stopped.
pub async fn restore(from: &Path, database: &Path, data_dir: &Path) -> Result<RestoreSummary, BackupError> {
    let source = from.join(DATABASE);
    if !tokio::fs::metadata(&source).await.is_ok_and(|m| m.is_file()) {
        return Err(BackupError::Missing(from.to_path_buf()));
    }
    if tokio::fs::symlink_metadata(from.join(format!("{DATABASE}-wal"))).await.is_ok() {
        return Err(BackupError::LeftoverLog(from.to_path_buf()));
    }
    check(&source).await?;
    // Files first: a database must never name a file that is not there yet.
    let files = copy_files(from.join(FILE_DIRS[0]), data_dir.join(FILE_DIRS[0])).await?;
    let uploads = copy_files(from.join(FILE_DIRS[1]), data_dir.join(FILE_DIRS[1])).await?;
    let database_bytes = replace_database(&source, database).await?;
    Ok(RestoreSummary { database: database.to_path_buf(), database_bytes, files, uploads })
}

/// Whether `path` is a sound SQLite database of this portal, opened read-only.
pub async fn check(path: &Path) -> Result<(), BackupError> {
    let not_sqlite = |e: sqlx::Error| BackupError::NotSqlite { path: path.to_path_buf(), reason: e.to_string() };
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false)
        .connect()
        .await
        .map_err(not_sqlite)?;
    let report: Result<Vec<String>, sqlx::Error> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await;
    let portal: Result<Option<String>, sqlx::Error> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?1")
            .bind("_sqlx_migrations")
            .fetch_optional(&mut conn)
            .await;
    let _ = sqlx::Connection::close(conn).await;
    let report = report.map_err(not_sqlite)?;
    if report != ["ok"] {
        return Err(BackupError::Damaged { path: path.to_path_buf(), report: report.join("; ") });
    }
    if portal.map_err(not_sqlite)?.is_none() {
        return Err(BackupError::NotPortal(path.to_path_buf()));
    }
    Ok(())
}

/// Writes `source` over `database` through a temporary file beside it; the old database's
/// write-ahead log and shared memory go first (they belong to the old file, and SQLite would
/// replay the log into the new one).
async fn replace_database(source: &Path, database: &Path) -> Result<u64, BackupError> {
    let dir = match database.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    tokio::fs::create_dir_all(&dir).await.map_err(at(&dir))?;
    let name = database.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| DATABASE.into());
    let tmp = dir.join(format!(".{name}.restore.tmp"));
    let bytes = copy_synced(source.to_path_buf(), tmp.clone()).await?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut stale = database.as_os_str().to_owned();
        stale.push(suffix);
        let stale = PathBuf::from(stale);
        match tokio::fs::remove_file(&stale).await {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(at(&stale)(e)),
        }
    }
    tokio::fs::rename(&tmp, database).await.map_err(at(database))?;
    crate::files::sync_dir(&dir).await.map_err(at(&dir))?;
    Ok(bytes)
}

/// Syncs a file to disk; returns its size.
async fn sync_file(path: &Path) -> Result<u64, BackupError> {
    let file = tokio::fs::File::open(path).await.map_err(at(path))?;
    file.sync_all().await.map_err(at(path))?;
    Ok(file.metadata().await.map_err(at(path))?.len())
}

/// Copies every stored file directly in `from` (if it exists) into `to`, skipping temporary
/// files (names starting with a dot) and names `to` already has.
async fn copy_files(from: PathBuf, to: PathBuf) -> Result<Copied, BackupError> {
    tokio::task::spawn_blocking(move || copy_files_blocking(&from, &to))
        .await
        .map_err(|e| BackupError::Io { path: PathBuf::new(), source: io::Error::other(e) })?
}

fn copy_files_blocking(from: &Path, to: &Path) -> Result<Copied, BackupError> {
    let mut copied = Copied::default();
    std::fs::create_dir_all(to).map_err(at(to))?;
    let entries = match std::fs::read_dir(from) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(copied),
        Err(e) => return Err(at(from)(e)),
    };
    for entry in entries {
        let entry = entry.map_err(at(from))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || !entry.file_type().map_err(at(from))?.is_file() {
            continue;
        }
        let target = to.join(&name);
        if target.exists() {
            copied.present += 1;
            continue;
        }
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(&name);
        tmp_name.push(".tmp");
        let tmp = to.join(tmp_name);
        copied.bytes += copy_synced_blocking(&entry.path(), &tmp)?;
        std::fs::rename(&tmp, &target).map_err(at(&target))?;
        copied.files += 1;
    }
    #[cfg(unix)]
    std::fs::File::open(to).and_then(|d| d.sync_all()).map_err(at(to))?;
    Ok(copied)
}

async fn copy_synced(from: PathBuf, to: PathBuf) -> Result<u64, BackupError> {
    tokio::task::spawn_blocking(move || copy_synced_blocking(&from, &to))
        .await
        .map_err(|e| BackupError::Io { path: PathBuf::new(), source: io::Error::other(e) })?
}

/// Copies one file and syncs the copy to disk; returns its size.
fn copy_synced_blocking(from: &Path, to: &Path) -> Result<u64, BackupError> {
    let mut source = std::fs::File::open(from).map_err(at(from))?;
    let mut target = std::fs::File::create(to).map_err(at(to))?;
    let bytes = io::copy(&mut source, &mut target).map_err(at(to))?;
    target.sync_all().map_err(at(to))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_file_follows_the_setting() {
        use crate::config::Database;
        assert_eq!(database_file(&Database::File("d/hdnd.db".into())).unwrap(), PathBuf::from("d/hdnd.db"));
        assert_eq!(
            database_file(&Database::Url("sqlite:///srv/hdnd/hdnd.db".into())).unwrap(),
            PathBuf::from("/srv/hdnd/hdnd.db")
        );
        assert!(matches!(database_file(&Database::Url("sqlite::memory:".into())), Err(BackupError::NoFile(_))));
    }
}

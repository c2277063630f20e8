//! Configuration from the environment.
//!
//! - `DATA_DIR` (default `data`): holds the database and, later, uploaded files; created if missing.
//! - `DATABASE_URL`: overrides the database location (e.g. `sqlite:///srv/hdnd/hdnd.db`).
//! - `DEMO_CONTENT` (default `1`): load the demo content into an empty database at start-up.
//! - `PUBLIC_URL` (e.g. `https://hdnd.binhduong.gov.vn`): the address readers use. Its scheme
//!   decides `Secure` cookies and HSTS; writes must come from its origin. Unset: the `Host` a
//!   request names, over plain http (as in development).
//! - `TRUSTED_PROXIES` (e.g. `127.0.0.1,10.0.0.0/8`): reverse proxies whose `X-Forwarded-For`
//!   and `X-Forwarded-Proto` are believed; nobody else's are.
//! - `VISITS_PER_ADDRESS_PER_HOUR` (default 100): visits one client address may start in an
//!   hour (see `app::data::visits`). Behind a proxy, set `TRUSTED_PROXIES` too, or every reader
//!   shares the proxy's address.
//! - `LEPTOS_SITE_ADDR`, `LEPTOS_SITE_ROOT`, … as cargo-leptos sets them (read by Leptos).

use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database: Database,
    pub demo_content: bool,
    pub site: crate::site::Site,
    pub visits_per_address_per_hour: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Database {
    /// A SQLite file at this path.
    File(PathBuf),
    /// A connection URL given explicitly.
    Url(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("không tạo được thư mục dữ liệu {path}: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error("giá trị DEMO_CONTENT không hợp lệ: {0:?} (dùng 1 hoặc 0)")]
    DemoFlag(String),
    #[error("giá trị VISITS_PER_ADDRESS_PER_HOUR không hợp lệ: {0:?} (một số nguyên dương)")]
    VisitLimit(String),
    #[error(transparent)]
    Site(#[from] crate::site::SiteError),
}

impl Config {
    /// Reads the environment through `get` (so tests need not touch the process environment)
    /// and makes sure the data directory exists.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let data_dir = PathBuf::from(get("DATA_DIR").filter(|s| !s.is_empty()).unwrap_or_else(|| "data".into()));
        std::fs::create_dir_all(&data_dir).map_err(|source| ConfigError::DataDir { path: data_dir.clone(), source })?;
        let database = match get("DATABASE_URL").filter(|s| !s.is_empty()) {
            Some(url) => Database::Url(url),
            None => Database::File(data_dir.join("hdnd.db")),
        };
        let demo_content = match get("DEMO_CONTENT").as_deref() {
            None | Some("" | "1" | "true") => true,
            Some("0" | "false") => false,
            Some(other) => return Err(ConfigError::DemoFlag(other.to_string())),
        };
        let site = crate::site::Site::from_settings(get("PUBLIC_URL").as_deref(), get("TRUSTED_PROXIES").as_deref())?;
        let visits_per_address_per_hour = match get("VISITS_PER_ADDRESS_PER_HOUR").filter(|s| !s.is_empty()) {
            None => app::data::visits::MAX_VISITS_PER_ADDRESS_PER_HOUR,
            Some(n) => n.parse().ok().filter(|&n: &u32| n > 0).ok_or(ConfigError::VisitLimit(n))?,
        };
        Ok(Config { data_dir, database, demo_content, site, visits_per_address_per_hour })
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_put_the_database_in_the_data_dir() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("nested/data");
        let data_str = data.to_string_lossy().to_string();
        let cfg = Config::from_lookup(|k| (k == "DATA_DIR").then(|| data_str.clone())).expect("config");
        assert!(data.is_dir(), "DATA_DIR is created");
        assert_eq!(cfg.database, Database::File(data.join("hdnd.db")));
        assert!(cfg.demo_content);
    }

    #[test]
    fn database_url_overrides_and_bad_flags_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data_str = dir.path().to_string_lossy().to_string();
        let cfg = Config::from_lookup(|k| match k {
            "DATA_DIR" => Some(data_str.clone()),
            "DATABASE_URL" => Some("sqlite::memory:".into()),
            "DEMO_CONTENT" => Some("0".into()),
            _ => None,
        })
        .expect("config");
        assert_eq!(cfg.database, Database::Url("sqlite::memory:".into()));
        assert!(!cfg.demo_content);
        let bad = Config::from_lookup(|k| match k {
            "DATA_DIR" => Some(data_str.clone()),
            "DEMO_CONTENT" => Some("có".into()),
            _ => None,
        });
        assert!(matches!(bad, Err(ConfigError::DemoFlag(_))));
    }
}

//! The search index's writer at work: the index lives in `DATA_DIR/search`; at start-up it
//! catches up with everything committed to SQLite (rebuilding if it must), then a task applies
//! new outbox rows as they come (those written by this process are applied sooner, by the
//! first search after them; these are the ones written by another process, such as the
//! command line).

use app::data::search::SearchIndex;
use app::error::ApiError;
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How often the task looks for outbox rows.
const EVERY: Duration = Duration::from_secs(2);

pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("search")
}

/// The index for the database behind `pool` (one per process: a second call gives the same).
pub fn open(data_dir: &Path, pool: SqlitePool) -> Result<Arc<SearchIndex>, ApiError> {
    SearchIndex::open(&dir(data_dir), pool)
}

/// Starts applying outbox rows every few seconds; abort the task to stop it (a catch-up cut
/// short is applied again by the next one).
pub fn spawn(index: Arc<SearchIndex>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = index.catch_up().await {
                tracing::error!(error = %e, "search index did not catch up");
            }
        }
    })
}

/// A progress bar on the terminal for a full rebuild.
pub fn progress_bar() -> impl Fn(u64, u64) + Sync {
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("Lập chỉ mục {bar:40} {pos}/{len} mục ({per_sec}, còn {eta})")
    {
        bar.set_style(style);
    }
    move |done, total| {
        bar.set_length(total);
        bar.set_position(done);
        if done >= total {
            bar.finish();
        }
    }
}

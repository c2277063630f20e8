//! How the server keeps its resident memory small (issue 11's budget is 64 MB at 100.000
//! records).
//!
//! glibc's allocator gives each thread that allocates an arena of its own, up to eight per
//! core. A burst of renders spread over the runtime's workers, SQLite's connection threads and
//! tantivy's search threads then leaves freed memory in a dozen arenas, where no other thread
//! reuses it and the kernel never gets it back. Measured on the demo + 100.000 records after
//! `make bench`'s rows: 68,6 MB of anonymous memory with eight arenas per core, 31,9 MB with two.
//!
//! glibc also raises its threshold for serving a large block with `mmap` to the largest block
//! freed so far: after the first brotli compression (a few MB of window and tables) every later
//! one comes from an arena and stays there once freed. A fixed [`MMAP_THRESHOLD`] keeps such
//! blocks in their own mappings, returned to the kernel the moment they are freed.
//!
//! So the process uses [`ARENAS`] arenas and the fixed threshold, and gives what it has freed
//! back to the kernel every [`TRIM_EVERY`] (after a burst, not at every `free`, which would cost
//! every request). With these three, bounded renders (`render_slots`), a smaller SQLite cache
//! and code built for size, the peak of a `make bench` run at 100.000 records went from
//! 113,9 MB to 57,4 MB (`bench/load.sh`, issue 11's closing note).

use std::time::Duration;

/// Arenas for the whole process: the workers rarely allocate at the same instant (a render is
/// mostly waiting for SQLite), so two keep contention low.
pub const ARENAS: i32 = 2;
/// Blocks from this size up get a mapping of their own (glibc's starting value, kept fixed).
pub const MMAP_THRESHOLD: i32 = 256 * 1024;
/// How often freed memory goes back to the kernel.
pub const TRIM_EVERY: Duration = Duration::from_secs(10);

/// Sets the allocator's arena limit and large-block threshold. Call it first in `main`, before
/// any thread exists: a thread that already has an arena keeps it.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets the allocator's parameters, and no other thread exists yet to
    // allocate meanwhile.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, ARENAS);
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Gives memory the allocator holds but nobody uses back to the kernel, every [`TRIM_EVERY`].
pub fn spawn_trimmer() -> tokio::task::JoinHandle<()> {
    tokio::spawn(async {
        let mut every = tokio::time::interval(TRIM_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            // It walks the arenas' free lists under their locks: off the runtime's workers.
            if tokio::task::spawn_blocking(trim).await.is_err() {
                tracing::warn!("memory trim did not run");
            }
        }
    })
}

/// Returns free memory at the end of each arena and whole free pages inside them.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` takes the allocator's own locks; it frees nothing in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

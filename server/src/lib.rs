//! The portal's server: configuration, the SQLite database, demo content, and the HTTP stack
//! around the Leptos app. `main.rs` wires them together; the integration tests use them too.

pub mod ask;
pub mod attach;
pub mod backup;
pub mod clean_files;
pub mod clean_image;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod demo_council;
pub mod demo_photos;
pub mod demo_questions;
pub mod demo_records;
pub mod digests;
pub mod feeds;
pub mod files;
pub mod generate;
pub mod http;
pub mod ical;
pub mod indexer;
pub mod mailer;
pub mod memory;
pub mod open_data;
pub mod page_cache;
pub mod photo_sizes;
pub mod photo_upload;
pub mod precompress;
pub mod render_slots;
pub mod security_headers;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod upload;
pub mod visitor;

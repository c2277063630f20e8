//! The shared crate of the portal: components, routes and server functions.
//!
//! Compiled three ways: with `ssr` into the server binary (rendering and data access), with
//! `hydrate` into the readers' WASM module (islands), and with `hydrate` and `whole-app` into
//! the editors' module (the whole app; see `wasm_modules`). Modules that touch the database
//! live behind `ssr`.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
#[cfg(feature = "hydrate")]
pub mod browser;
pub mod components;
pub mod council;
pub mod drafts;
pub mod editing;
pub mod english;
pub mod error;
pub mod feeds;
pub mod format;
pub mod mail;
pub mod model;
pub mod open_data;
pub mod page_links;
pub mod pages;
pub mod paste;
pub mod photos;
pub mod questions;
pub mod records;
pub mod resolution;
pub mod search;
pub mod seo;
pub mod share;
pub mod structured;
pub mod subscriptions;
pub mod tree;
pub mod wasm_modules;

#[cfg(feature = "ssr")]
pub mod client;
#[cfg(feature = "ssr")]
pub mod csp;
#[cfg(feature = "ssr")]
pub mod data;
#[cfg(feature = "ssr")]
pub mod fold;
#[cfg(feature = "ssr")]
pub mod login_session;
#[cfg(feature = "ssr")]
pub mod sanitize;
#[cfg(feature = "ssr")]
pub mod slug;

pub use app::{shell, App};

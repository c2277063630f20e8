//! Pieces of the page shared by several routes.

pub mod article_list;
pub mod bot_guard;
pub mod breadcrumb;
pub mod confirm_link;
pub mod contact_form;
pub mod editor;
pub mod editor_slot;
pub mod feed_link;
pub mod filter;
pub mod form_post;
pub mod form_status;
pub mod language;
pub mod layout;
pub mod menu;
pub mod picture;
pub mod print;
pub mod search_box;
pub mod seo_head;
pub mod share_form;
pub mod sidebar;
pub mod status;
pub mod subscribe_link;

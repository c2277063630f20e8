//! One module per route.

mod accounts;
mod article;
mod audit_log;
mod calendar;
mod category;
mod content;
mod feeds;
mod home;
mod login;
mod open_data;
mod outbox;
mod password_reset;
mod people;
mod petitions;
mod photos;
mod privacy;
mod questions;
mod resolutions;
mod search;
mod site_map;
mod sittings;
mod subscriptions;
mod supervision;
mod trash;

pub use accounts::AccountsView;
pub use article::ArticleView;
pub use audit_log::AuditLogView;
pub use calendar::{feed_href, CalendarView};
pub use category::CategoryView;
pub use content::{ContentPageView, EnglishPageView};
pub use feeds::FeedsView;
pub use home::HomeView;
pub use login::LoginView;
pub use open_data::OpenDataView;
pub use outbox::OutboxView;
pub use password_reset::{ForgotPasswordView, ResetPasswordView};
pub use people::{body_section, BodyView, DelegatesView, PersonView};
pub use petitions::{PetitionView, PetitionsView};
pub use photos::{AlbumView, AlbumsView, PhotoView};
pub use privacy::{PrivacyView, PRIVACY_PATH};
pub use questions::{AskQuestionView, ConfirmQuestionView, QuestionView, QuestionsView};
pub use resolutions::{ResolutionView, ResolutionsView};
pub use search::SearchView;
pub use site_map::SiteMapView;
pub use sittings::{SittingView, SittingsView};
pub use subscriptions::{ConfirmSubscriptionView, ManageSubscriptionView, SubscribeView};
pub use supervision::{SupervisionView, SupervisionsView};
pub use trash::TrashView;

use crate::components::status::{LoadError, Loading};
use crate::error::ApiError;
use leptos::prelude::*;

/// Renders a page's data once loaded: `render` on success, the 404 page or an error message
/// otherwise. Server rendering waits for it (the routes are `SsrMode::Async`), so titles and
/// status codes are right in the first response.
pub fn load_page<T, V>(
    resource: Resource<Result<T, ApiError>>,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => render(data).into_any(),
                        Err(error) => view! { <LoadError error/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// Marks the page being rendered as one person's: it answers a secret link (confirming,
/// managing a subscription, resetting a password) or shows their data. Neither the page cache
/// nor any shared cache keeps it, and the next visit renders it afresh.
pub(crate) fn private_page() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("private, no-store"),
        );
    }
}

/// A value of the address's query (or path) parameters for what goes into the document head,
/// or None once the route's reactive owner is gone. The server renders `<title>` after the
/// body, and under load a title can be asked for after a lazily loaded route has replaced the
/// view that registered it: reading the disposed map panicked (a 500 seen once in some 40.000
/// searches during a benchmark).
pub(crate) fn head_param(map: Memo<leptos_router::params::ParamsMap>, key: &str) -> Option<String> {
    map.try_read().and_then(|m| m.get(key))
}

/// A short plain-text description for `<meta name="description">`.
pub fn describe(text: &str) -> String {
    const MAX: usize = 160;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX {
        return text;
    }
    let cut: String = text.chars().take(MAX - 1).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head.to_string()).unwrap_or(cut);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn descriptions_are_short_and_cut_at_a_word() {
        assert_eq!(describe("  Hai   từ "), "Hai từ");
        let long = "Bình Dương ".repeat(40);
        let d = describe(&long);
        assert!(d.chars().count() <= 160);
        assert!(d.ends_with('…') && !d.ends_with(" …"));
        let words = d.trim_end_matches('…').split(' ');
        assert!(words.into_iter().all(|w| w == "Bình" || w == "Dương"), "cut between words: {d}");
    }
}

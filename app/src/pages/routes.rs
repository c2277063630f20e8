//! The page types, lazily loaded in groups. Only the whole app (the editors' WASM module, see
//! `wasm_modules`) runs them in the browser: there each group's code is a chunk of its own,
//! fetched the first time one of its pages is shown (before hydration on a direct load, before
//! rendering on client-side navigation). The server renders every route at once.
//!
//! The groups are lazy only where that is so (`ssr` and `whole-app`): a lazy function is
//! exported from the module, so the readers' module (islands) would keep every page's code and
//! text. There they are plain functions that nothing calls, and none of it is built in.
//!
//! Groups, not one chunk per page: the splitter gives every set of chunks that share code a
//! chunk of its own, so twenty page chunks came to about a hundred tiny files per page. A few
//! groups of pages that share most of their code keep a first visit to a handful of requests.

use leptos::prelude::*;
use leptos_router::LazyRoute;

/// News and the site's own pages, and the photo library (which shares most of their code: a
/// group of its own moved that shared code into the shell, 38 KiB more on every page).
#[derive(Clone, Copy, Debug)]
pub enum NewsPage {
    Home,
    Category,
    Article,
    ContentPage,
    SiteMap,
    Privacy,
    Feeds,
    English,
    Albums,
    Album,
    Photo,
}

#[cfg_attr(any(feature = "ssr", feature = "whole-app"), lazy)]
async fn news_pages(page: NewsPage) -> AnyView {
    use super::*;
    match page {
        NewsPage::Home => view! { <HomeView/> }.into_any(),
        NewsPage::Category => view! { <CategoryView/> }.into_any(),
        NewsPage::Article => view! { <ArticleView/> }.into_any(),
        NewsPage::ContentPage => view! { <ContentPageView/> }.into_any(),
        NewsPage::SiteMap => view! { <SiteMapView/> }.into_any(),
        NewsPage::Privacy => view! { <PrivacyView/> }.into_any(),
        NewsPage::Feeds => view! { <FeedsView/> }.into_any(),
        NewsPage::English => view! { <EnglishPageView/> }.into_any(),
        NewsPage::Albums => view! { <AlbumsView/> }.into_any(),
        NewsPage::Album => view! { <AlbumView/> }.into_any(),
        NewsPage::Photo => view! { <PhotoView/> }.into_any(),
    }
}

/// The council's records.
#[derive(Clone, Copy, Debug)]
pub enum RecordPage {
    Resolutions,
    Resolution,
    Supervisions,
    Supervision,
    Petitions,
    Petition,
    Sittings,
    Sitting,
    Questions,
    Question,
    AskQuestion,
    ConfirmQuestion,
}

#[cfg_attr(any(feature = "ssr", feature = "whole-app"), lazy)]
async fn record_pages(page: RecordPage) -> AnyView {
    use super::*;
    match page {
        RecordPage::Resolutions => view! { <ResolutionsView/> }.into_any(),
        RecordPage::Resolution => view! { <ResolutionView/> }.into_any(),
        RecordPage::Supervisions => view! { <SupervisionsView/> }.into_any(),
        RecordPage::Supervision => view! { <SupervisionView/> }.into_any(),
        RecordPage::Petitions => view! { <PetitionsView/> }.into_any(),
        RecordPage::Petition => view! { <PetitionView/> }.into_any(),
        RecordPage::Sittings => view! { <SittingsView/> }.into_any(),
        RecordPage::Sitting => view! { <SittingView/> }.into_any(),
        RecordPage::Questions => view! { <QuestionsView/> }.into_any(),
        RecordPage::Question => view! { <QuestionView/> }.into_any(),
        RecordPage::AskQuestion => view! { <AskQuestionView/> }.into_any(),
        RecordPage::ConfirmQuestion => view! { <ConfirmQuestionView/> }.into_any(),
    }
}

/// Delegates and the council's bodies.
#[derive(Clone, Copy, Debug)]
pub enum PeoplePage {
    Delegates,
    Person,
    Body,
}

#[cfg_attr(any(feature = "ssr", feature = "whole-app"), lazy)]
async fn people_pages(page: PeoplePage) -> AnyView {
    use super::*;
    match page {
        PeoplePage::Delegates => view! { <DelegatesView/> }.into_any(),
        PeoplePage::Person => view! { <PersonView/> }.into_any(),
        PeoplePage::Body => view! { <BodyView/> }.into_any(),
    }
}

/// The editors' own pages (the trash, the accounts, the audit log): a visitor who opens one gets the
/// "Cần đăng nhập" page, and downloads none of the editor itself.
#[derive(Clone, Copy, Debug)]
pub enum StaffPage {
    Trash,
    Accounts,
    AuditLog,
    Outbox,
    ForgotPassword,
    ResetPassword,
}

#[cfg_attr(any(feature = "ssr", feature = "whole-app"), lazy)]
async fn staff_pages(page: StaffPage) -> AnyView {
    use super::*;
    match page {
        StaffPage::Trash => view! { <TrashView/> }.into_any(),
        StaffPage::Accounts => view! { <AccountsView/> }.into_any(),
        StaffPage::AuditLog => view! { <AuditLogView/> }.into_any(),
        StaffPage::Outbox => view! { <OutboxView/> }.into_any(),
        StaffPage::ForgotPassword => view! { <ForgotPasswordView/> }.into_any(),
        StaffPage::ResetPassword => view! { <ResetPasswordView/> }.into_any(),
    }
}

/// Subscribing by email, and managing a subscription: a chunk of its own, fetched only by
/// those who subscribe.
#[derive(Clone, Copy, Debug)]
pub enum SubscriptionPage {
    Subscribe,
    Confirm,
    Manage,
}

#[cfg_attr(any(feature = "ssr", feature = "whole-app"), lazy)]
async fn subscription_pages(page: SubscriptionPage) -> AnyView {
    use super::*;
    match page {
        SubscriptionPage::Subscribe => view! { <SubscribeView/> }.into_any(),
        SubscriptionPage::Confirm => view! { <ConfirmSubscriptionView/> }.into_any(),
        SubscriptionPage::Manage => view! { <ManageSubscriptionView/> }.into_any(),
    }
}

/// The four calendars.
#[cfg_attr(any(feature = "ssr", feature = "whole-app"), lazy)]
async fn calendar_page() -> AnyView {
    view! { <super::CalendarView/> }.into_any()
}

/// Dữ liệu mở (for data users: its field documentation stays out of every other page).
#[cfg_attr(any(feature = "ssr", feature = "whole-app"), lazy)]
async fn open_data_page() -> AnyView {
    view! { <super::OpenDataView/> }.into_any()
}

/// Search.
#[cfg_attr(any(feature = "ssr", feature = "whole-app"), lazy)]
async fn search_page() -> AnyView {
    view! { <super::SearchView/> }.into_any()
}

/// `Route => lazy call, its loader`: a unit route whose view comes from its group's chunk.
/// The router awaits `preload` before it hydrates a route, so the chunk is there when the
/// server's HTML is taken over; `#[lazy]` names the loader `__preload_<function>`.
macro_rules! lazy_pages {
    ($($route:ident => $view:expr, $preload:ident);* $(;)?) => {
        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $view.await
                }

                async fn preload() {
                    #[cfg(all(target_arch = "wasm32", feature = "whole-app"))]
                    $preload().await;
                }
            }
        )*
    };
}

lazy_pages! {
    HomeRoute => news_pages(NewsPage::Home), __preload_news_pages;
    CategoryRoute => news_pages(NewsPage::Category), __preload_news_pages;
    ArticleRoute => news_pages(NewsPage::Article), __preload_news_pages;
    ContentPageRoute => news_pages(NewsPage::ContentPage), __preload_news_pages;
    SiteMapRoute => news_pages(NewsPage::SiteMap), __preload_news_pages;
    PrivacyRoute => news_pages(NewsPage::Privacy), __preload_news_pages;
    FeedsRoute => news_pages(NewsPage::Feeds), __preload_news_pages;
    EnglishPageRoute => news_pages(NewsPage::English), __preload_news_pages;
    ResolutionsRoute => record_pages(RecordPage::Resolutions), __preload_record_pages;
    ResolutionRoute => record_pages(RecordPage::Resolution), __preload_record_pages;
    SupervisionsRoute => record_pages(RecordPage::Supervisions), __preload_record_pages;
    SupervisionRoute => record_pages(RecordPage::Supervision), __preload_record_pages;
    PetitionsRoute => record_pages(RecordPage::Petitions), __preload_record_pages;
    PetitionRoute => record_pages(RecordPage::Petition), __preload_record_pages;
    SittingsRoute => record_pages(RecordPage::Sittings), __preload_record_pages;
    SittingRoute => record_pages(RecordPage::Sitting), __preload_record_pages;
    QuestionsRoute => record_pages(RecordPage::Questions), __preload_record_pages;
    QuestionRoute => record_pages(RecordPage::Question), __preload_record_pages;
    AskQuestionRoute => record_pages(RecordPage::AskQuestion), __preload_record_pages;
    ConfirmQuestionRoute => record_pages(RecordPage::ConfirmQuestion), __preload_record_pages;
    DelegatesRoute => people_pages(PeoplePage::Delegates), __preload_people_pages;
    PersonRoute => people_pages(PeoplePage::Person), __preload_people_pages;
    BodyRoute => people_pages(PeoplePage::Body), __preload_people_pages;
    SubscribeRoute => subscription_pages(SubscriptionPage::Subscribe), __preload_subscription_pages;
    ConfirmSubscriptionRoute => subscription_pages(SubscriptionPage::Confirm), __preload_subscription_pages;
    ManageSubscriptionRoute => subscription_pages(SubscriptionPage::Manage), __preload_subscription_pages;
    CalendarRoute => calendar_page(), __preload_calendar_page;
    SearchRoute => search_page(), __preload_search_page;
    OpenDataRoute => open_data_page(), __preload_open_data_page;
    AlbumsRoute => news_pages(NewsPage::Albums), __preload_news_pages;
    AlbumRoute => news_pages(NewsPage::Album), __preload_news_pages;
    PhotoRoute => news_pages(NewsPage::Photo), __preload_news_pages;
    TrashRoute => staff_pages(StaffPage::Trash), __preload_staff_pages;
    AccountsRoute => staff_pages(StaffPage::Accounts), __preload_staff_pages;
    AuditLogRoute => staff_pages(StaffPage::AuditLog), __preload_staff_pages;
    OutboxRoute => staff_pages(StaffPage::Outbox), __preload_staff_pages;
    ForgotPasswordRoute => staff_pages(StaffPage::ForgotPassword), __preload_staff_pages;
    ResetPasswordRoute => staff_pages(StaffPage::ResetPassword), __preload_staff_pages;
}

//! The document shell, the root component and the route table.

use crate::api::{get_chrome, whoami};
use crate::auth::UserInfo;
use crate::components::layout::EditorBar;
use crate::components::layout::{RouteLoading, SiteFooter, SiteHeader};
use crate::components::seo_head::SeoHead;
use crate::components::sidebar::Sidebar;
use crate::components::status::NotFound;
use crate::model::Chrome;
use crate::pages::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

pub const SITE_SHORT_NAME: &str = "HĐND tỉnh Bình Dương";

/// The chrome (menu, links, publisher block) loaded once per page load and shared.
pub type ChromeResource = Resource<Result<Chrome, crate::error::ApiError>>;

/// Who is signed in (None for visitors), loaded once per page load and shared.
pub type UserResource = Resource<Result<Option<UserInfo>, crate::error::ApiError>>;

/// On `<html>`, says the page is one of the whole app (for signed-in editors), not a readers'
/// page of islands.
pub const WHOLE_APP_ATTR: &str = "data-whole-app";

/// Whether this request gets the whole app hydrated: only someone who may be signed in (the
/// login cookie came with it) edits in place. Readers get islands, and download none of the
/// app's routes or the editor. The server's page cache asks the same.
#[cfg(feature = "ssr")]
pub fn wants_whole_app(headers: &axum::http::HeaderMap) -> bool {
    crate::login_session::token_from(headers).is_some()
}

/// Whether the page being rendered is the whole app (an editor's) rather than a readers' page
/// of islands: on the server, as the request asks; in the browser, as the module was built
/// (the server sends each page the module of its kind, see `wasm_modules`).
pub fn is_whole_app() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>().is_some_and(|parts| wants_whole_app(&parts.headers))
    }
    #[cfg(not(feature = "ssr"))]
    {
        cfg!(feature = "whole-app")
    }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::csp::send_for_page();
    let whole_app = is_whole_app();
    // The `<noscript>` style: without JavaScript an image shows the visitor numbers instead of
    // the text (see the sidebar).
    view! {
        <!DOCTYPE html>
        <html lang="vi" data-whole-app=whole_app.then_some("")>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#9b1c1c"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options=crate::wasm_modules::for_page(options, whole_app) islands=!whole_app/>
                <MetaTags/>
                <noscript><style>".visit-numbers{display:none}"</style></noscript>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The document title as it goes out. The server writes it into `<title>` as it is, so there
/// its `<`, `>` and `&` are written as entities (a title with `</title><script>` would
/// otherwise end the element); the browser sets `document.title`, which takes text.
fn title_text(title: String) -> String {
    #[cfg(feature = "ssr")]
    {
        title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }
    #[cfg(not(feature = "ssr"))]
    {
        title
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let (is_routing, set_is_routing) = signal(false);
    let chrome: ChromeResource = Resource::new(|| (), |_| get_chrome());
    provide_context(chrome);
    let user: UserResource = Resource::new(|| (), |_| whoami());
    provide_context(user);

    view! {
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <Title formatter=|title: String| {
            let full = if title.is_empty() { SITE_SHORT_NAME.to_string() } else { format!("{title} | {SITE_SHORT_NAME}") };
            title_text(full)
        }/>
        <Router set_is_routing>
            <RouterHooks>
            <SeoHead/>
            <a class="skip-link" href="#noi-dung">"Chuyển đến nội dung chính"</a>
            <RouteLoading is_routing/>
            <crate::components::print::PrintViewBar/>
            <EditorBar/>
            <SiteHeader/>
            <div class="page-layout">
                <main id="noi-dung" tabindex="-1">
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view=HomeView ssr=SsrMode::Async/>
                        <Route path=path!("/chuyen-muc/:slug") view=CategoryView ssr=SsrMode::Async/>
                        <Route path=path!("/bai-viet/:slug") view=ArticleView ssr=SsrMode::Async/>
                        <Route path=path!("/trang/:slug") view=ContentPageView ssr=SsrMode::Async/>
                        <Route path=path!("/so-do-trang") view=SiteMapView ssr=SsrMode::Async/>
                        <Route path=path!("/dang-nhap") view=LoginView ssr=SsrMode::Async/>
                        <Route path=path!("/nghi-quyet") view=ResolutionsView ssr=SsrMode::Async/>
                        <Route path=path!("/nghi-quyet/:slug") view=ResolutionView ssr=SsrMode::Async/>
                        <Route path=path!("/giam-sat") view=SupervisionsView ssr=SsrMode::Async/>
                        <Route path=path!("/giam-sat/:slug") view=SupervisionView ssr=SsrMode::Async/>
                        <Route path=path!("/kien-nghi") view=PetitionsView ssr=SsrMode::Async/>
                        <Route path=path!("/kien-nghi/:slug") view=PetitionView ssr=SsrMode::Async/>
                        <Route path=path!("/lich/:slug") view=CalendarView ssr=SsrMode::Async/>
                        <Route path=path!("/dai-bieu") view=DelegatesView ssr=SsrMode::Async/>
                        <Route path=path!("/dai-bieu/:slug") view=PersonView ssr=SsrMode::Async/>
                        <Route path=path!("/co-quan/:slug") view=BodyView ssr=SsrMode::Async/>
                        <Route path=path!("/tai-lieu-ky-hop") view=SittingsView ssr=SsrMode::Async/>
                        <Route path=path!("/tai-lieu-ky-hop/:slug") view=SittingView ssr=SsrMode::Async/>
                        <Route path=path!("/hoi-dap") view=QuestionsView ssr=SsrMode::Async/>
                        <Route path=path!("/hoi-dap/gui") view=AskQuestionView ssr=SsrMode::Async/>
                        <Route path=path!("/hoi-dap/xac-nhan") view=ConfirmQuestionView ssr=SsrMode::Async/>
                        <Route path=path!("/hoi-dap/:slug") view=QuestionView ssr=SsrMode::Async/>
                        <Route path=path!("/tim-kiem") view=SearchView ssr=SsrMode::Async/>
                        <Route path=path!("/thung-rac") view=TrashView ssr=SsrMode::Async/>
                        <Route path=path!("/quan-tri/tai-khoan") view=AccountsView ssr=SsrMode::Async/>
                        <Route path=path!("/quan-tri/nhat-ky") view=AuditLogView ssr=SsrMode::Async/>
                        <Route path=path!("/quan-tri/thu-di") view=OutboxView ssr=SsrMode::Async/>
                        <Route path=path!("/quen-mat-khau") view=ForgotPasswordView ssr=SsrMode::Async/>
                        <Route path=path!("/dat-lai-mat-khau") view=ResetPasswordView ssr=SsrMode::Async/>
                        <Route path=path!("/chinh-sach-bao-mat") view=PrivacyView ssr=SsrMode::Async/>
                        <Route path=path!("/rss") view=FeedsView ssr=SsrMode::Async/>
                        <Route path=path!("/en/:slug") view=EnglishPageView ssr=SsrMode::Async/>
                        <Route path=path!("/du-lieu-mo") view=OpenDataView ssr=SsrMode::Async/>
                        <Route path=path!("/thu-vien-anh") view=AlbumsView ssr=SsrMode::Async/>
                        <Route path=path!("/thu-vien-anh/:album") view=AlbumView ssr=SsrMode::Async/>
                        <Route path=path!("/thu-vien-anh/:album/:photo") view=PhotoView ssr=SsrMode::Async/>
                        <Route path=path!("/dang-ky") view=SubscribeView ssr=SsrMode::Async/>
                        <Route path=path!("/dang-ky/xac-nhan") view=ConfirmSubscriptionView ssr=SsrMode::Async/>
                        <Route path=path!("/dang-ky/quan-ly") view=ManageSubscriptionView ssr=SsrMode::Async/>
                    </Routes>
                </main>
                <Sidebar/>
            </div>
            <SiteFooter/>
            </RouterHooks>
        </Router>
    }
}

/// The app's router's way to navigate, for islands that navigate (inside the whole app; a
/// readers' page has no router in the browser).
#[derive(Clone, Copy)]
pub struct RouterNavigate(pub Callback<String>);

/// Goes to a URL: with the app's router inside the whole app, else with the readers'
/// client-side navigation. Call it in a component; use what it returns in handlers.
pub fn navigator() -> impl Fn(&str) + Clone + Send + Sync + 'static {
    let router = use_context::<RouterNavigate>();
    move |url: &str| match router {
        Some(RouterNavigate(navigate)) => navigate.run(url.to_string()),
        None => readers_go(url),
    }
}

#[cfg(feature = "hydrate")]
fn readers_go(url: &str) {
    crate::browser::go(url);
}

/// The server never navigates.
#[cfg(not(feature = "hydrate"))]
fn readers_go(_url: &str) {}

/// Inside the router: provides its navigation to islands, and tells the browser side when
/// the router shows another page (editors' pages).
#[component]
fn RouterHooks(children: Children) -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    provide_context(RouterNavigate(Callback::new(move |url: String| navigate(&url, Default::default()))));
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        location.pathname.track();
        #[cfg(feature = "hydrate")]
        crate::browser::route_changed();
    });
    children()
}

/// Hydrates the whole app: the editors' module's start (see `wasm_modules`).
#[cfg(feature = "whole-app")]
pub fn hydrate_whole_app() {
    leptos::mount::hydrate_body(App);
}

/// `island` on a readers' page, `component` (the same view, not an island) inside the whole
/// app: Leptos 0.8.23 hydrates an island inside a hydrated app one level too deep (the elements
/// after it are looked for inside its wrapper).
pub fn island_for_readers<I: IntoView + 'static, C: IntoView + 'static>(
    island: impl FnOnce() -> I,
    component: impl FnOnce() -> C,
) -> AnyView {
    if is_whole_app() {
        component().into_any()
    } else {
        island().into_any()
    }
}

/// Marks the page hydrated (see `browser::page_hydrated`). Placed last in the page: on a
/// readers' page an island, and islands hydrate in document order, so every other one has by
/// then; inside the whole app, in the sidebar's chrome, the last boundary to hydrate.
#[component]
pub fn HydratedMark() -> impl IntoView {
    island_for_readers(|| view! { <MarkHydratedIsland/> }, || view! { <MarkHydrated/> })
}

#[component]
fn MarkHydrated() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        crate::browser::page_hydrated();
    });
}

#[island]
fn MarkHydratedIsland() -> impl IntoView {
    view! { <MarkHydrated/> }
}

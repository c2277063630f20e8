//! The document shell, the root component and the route table.

use crate::api::{get_chrome, whoami};
use crate::auth::UserInfo;
use crate::components::layout::EditorBar;
use crate::components::layout::{RouteLoading, SiteFooter, SiteHeader};
use crate::components::seo_head::SeoHead;
use crate::components::sidebar::{LiveVisits, Sidebar, VisitCounter};
use crate::components::status::NotFound;
use crate::model::Chrome;
use crate::pages::routes::*;
use crate::pages::LoginView;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

pub const SITE_SHORT_NAME: &str = "HĐND tỉnh Bình Dương";

/// The chrome (menu, links, publisher block) loaded once per page load and shared.
pub type ChromeResource = Resource<Result<Chrome, crate::error::ApiError>>;

/// Who is signed in (None for visitors), loaded once per page load and shared.
pub type UserResource = Resource<Result<Option<UserInfo>, crate::error::ApiError>>;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::csp::send_for_page();
    // The `<noscript>` style: without JavaScript an image shows the visitor numbers instead of
    // the text (see the sidebar).
    view! {
        <!DOCTYPE html>
        <html lang="vi">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#9b1c1c"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
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
    provide_context(LiveVisits::new());

    view! {
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <Title formatter=|title: String| {
            let full = if title.is_empty() { SITE_SHORT_NAME.to_string() } else { format!("{title} | {SITE_SHORT_NAME}") };
            title_text(full)
        }/>
        <Router set_is_routing>
            <VisitCounter/>
            <SeoHead/>
            <a class="skip-link" href="#noi-dung">"Chuyển đến nội dung chính"</a>
            <RouteLoading is_routing/>
            <crate::components::print::PrintViewBar/>
            <EditorBar/>
            <SiteHeader/>
            <div class="page-layout">
                <main id="noi-dung" tabindex="-1">
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/chuyen-muc/:slug") view={Lazy::<CategoryRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/bai-viet/:slug") view={Lazy::<ArticleRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/trang/:slug") view={Lazy::<ContentPageRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/so-do-trang") view={Lazy::<SiteMapRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/dang-nhap") view=LoginView ssr=SsrMode::Async/>
                        <Route path=path!("/nghi-quyet") view={Lazy::<ResolutionsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/nghi-quyet/:slug") view={Lazy::<ResolutionRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/giam-sat") view={Lazy::<SupervisionsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/giam-sat/:slug") view={Lazy::<SupervisionRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/kien-nghi") view={Lazy::<PetitionsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/kien-nghi/:slug") view={Lazy::<PetitionRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/lich/:slug") view={Lazy::<CalendarRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/dai-bieu") view={Lazy::<DelegatesRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/dai-bieu/:slug") view={Lazy::<PersonRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/co-quan/:slug") view={Lazy::<BodyRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/tai-lieu-ky-hop") view={Lazy::<SittingsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/tai-lieu-ky-hop/:slug") view={Lazy::<SittingRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/hoi-dap") view={Lazy::<QuestionsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/hoi-dap/gui") view={Lazy::<AskQuestionRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/hoi-dap/xac-nhan") view={Lazy::<ConfirmQuestionRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/hoi-dap/:slug") view={Lazy::<QuestionRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/tim-kiem") view={Lazy::<SearchRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/thung-rac") view={Lazy::<TrashRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/quan-tri/tai-khoan") view={Lazy::<AccountsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/quan-tri/nhat-ky") view={Lazy::<AuditLogRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/quan-tri/thu-di") view={Lazy::<OutboxRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/quen-mat-khau") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/dat-lai-mat-khau") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/chinh-sach-bao-mat") view={Lazy::<PrivacyRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/rss") view={Lazy::<FeedsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/en/:slug") view={Lazy::<EnglishPageRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/du-lieu-mo") view={Lazy::<OpenDataRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/thu-vien-anh") view={Lazy::<AlbumsRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/thu-vien-anh/:album") view={Lazy::<AlbumRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/thu-vien-anh/:album/:photo") view={Lazy::<PhotoRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/dang-ky") view={Lazy::<SubscribeRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/dang-ky/xac-nhan") view={Lazy::<ConfirmSubscriptionRoute>::new()} ssr=SsrMode::Async/>
                        <Route path=path!("/dang-ky/quan-ly") view={Lazy::<ManageSubscriptionRoute>::new()} ssr=SsrMode::Async/>
                    </Routes>
                </main>
                <Sidebar/>
            </div>
            <SiteFooter/>
        </Router>
    }
}

/// Once the browser has taken over, mark `<html>`: CSS switches menus to their scripted
/// behaviour, and tests know hydration is over. Called from inside the sidebar's chrome, the
/// last boundary of the page to hydrate: its effect runs only once that content has hydrated
/// (never during server rendering), and two frames later the route's boundaries have too. The
/// visit numbers are shown from then on (see `LiveVisits`).
pub fn mark_hydrated() {
    let live = use_context::<LiveVisits>();
    Effect::new(move |_| {
        request_animation_frame(move || {
            request_animation_frame(move || {
                if let Some(root) = document().document_element() {
                    let _ = root.set_attribute("class", "js");
                    let _ = root.set_attribute("data-hydrated", "true");
                }
                if let Some(live) = live {
                    live.page_hydrated();
                }
            });
        });
    });
}

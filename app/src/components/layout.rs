//! Header, footer and the navigation indicator: the chrome of every page.

use crate::app::ChromeResource;
use crate::components::menu::MainNav;
use crate::model::{Chrome, NavLink};
use leptos::prelude::*;

/// Renders `render` with the chrome once it is loaded; nothing while loading or on failure
/// (the page content still shows, and says what went wrong if it failed too).
pub fn with_chrome<V: IntoView + 'static>(
    render: impl Fn(Chrome) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView {
    let chrome = expect_context::<ChromeResource>();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move { chrome.await.ok().map(render) })
            }}
        </Suspense>
    }
}

/// The signed-in user, or None (also while loading and on failure).
pub fn signed_in_user() -> impl Fn() -> Option<crate::auth::UserInfo> + Copy {
    let user = expect_context::<crate::app::UserResource>();
    move || user.get().and_then(Result::ok).flatten()
}

/// A strip above the header for signed-in editors: who they are, and logging out.
#[component]
pub fn EditorBar() -> impl IntoView {
    use crate::api::Logout;
    use leptos::server_fn::ServerFn;
    let user = expect_context::<crate::app::UserResource>();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                user.await.ok().flatten().map(|u| view! {
                    <div class="editor-bar" role="region" aria-label="Thanh biên tập">
                        <p>
                            "Đang đăng nhập: " <strong class="editor-email">{u.email.clone()}</strong>
                            " (" {u.role.label()} ")"
                        </p>
                        <nav class="editor-links" aria-label="Công cụ biên tập">
                            <a href="/thung-rac">"Thùng rác"</a>
                            <a href="/hoi-dap?trang_thai=cho-duyet">"Câu hỏi chờ duyệt"</a>
                            {u.role.can_manage_users().then(|| view! {
                                <a href="/quan-tri/tai-khoan">"Tài khoản"</a>
                                <a href="/quan-tri/nhat-ky">"Nhật ký"</a>
                                <a href="/quan-tri/thu-di">"Thư đi"</a>
                            })}
                        </nav>
                        // Drafts kept in this browser go with the login (see `drafts`).
                        <form method="post" action=Logout::url() on:submit=|_| crate::drafts::clear_all()>
                            <button type="submit" class="logout-button">"Đăng xuất"</button>
                        </form>
                    </div>
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn RouteLoading(is_routing: ReadSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || is_routing.get()>
            <div class="route-loading" role="progressbar" aria-label="Đang tải trang"></div>
        </Show>
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="brand">
                <a class="site-title" href="/">
                    <img class="emblem" src="/images/quoc-huy.svg" alt="" width="56" height="56"/>
                    <span class="site-name">
                        <span class="site-name-small">"Cổng thông tin điện tử"</span>
                        <span class="site-name-main">"Hội đồng nhân dân tỉnh Bình Dương"</span>
                        <span class="site-name-sub">"Văn phòng Đoàn ĐBQH và HĐND tỉnh Bình Dương"</span>
                    </span>
                </a>
                <crate::components::search_box::SearchBox/>
                <crate::components::language::LanguageSwitch/>
            </div>
            {with_chrome(|c: Chrome| view! {
                <MainNav menu=c.menu/>
                <LinkBar class="quick-links" label="Liên kết nhanh" links=c.quick_links/>
            })}
        </header>
    }
}

/// A labelled navigation bar of plain links.
#[component]
pub fn LinkBar(class: &'static str, label: &'static str, links: Vec<NavLink>) -> impl IntoView {
    view! {
        <nav class=class aria-label=label>
            <ul>
                {links.into_iter().map(|l| view! { <li><a href=l.href>{l.label}</a></li> }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            {with_chrome(|c: Chrome| {
                let p = c.publisher;
                view! {
                    <LinkBar class="footer-links" label="Liên kết cuối trang" links=c.footer_links/>
                    <div class="publisher">
                        <p class="publisher-agency">
                            <span class="publisher-label">"Cơ quan chủ quản: "</span>
                            <strong>{p.agency}</strong>
                        </p>
                        <address>
                            <p>"Địa chỉ: " {p.address}</p>
                            <p>"Trưởng Ban biên tập: " {p.editor_in_chief}</p>
                            <p>"Phó Trưởng ban Thường trực Ban biên tập: " {p.deputy_editor}</p>
                            <p>
                                "Điện thoại: " <a href=format!("tel:{}", phone_digits(&p.phone))>{p.phone.clone()}</a>
                                " · Email: " <a href=format!("mailto:{}", p.email)>{p.email.clone()}</a>
                            </p>
                        </address>
                        <p class="publisher-licence">{p.licence}</p>
                        <p class="staff-login"><a href="/dang-nhap">"Đăng nhập biên tập"</a></p>
                    </div>
                }
            })}
        </footer>
    }
}

/// "(0274) 3848936" → "02743848936", for `tel:` links.
fn phone_digits(phone: &str) -> String {
    phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
}

//! The right-hand column: videos, calendars, useful links, visitor statistics.

use crate::app::HydratedMark;
use crate::components::layout::with_chrome;
use crate::model::{Chrome, NavLink, Video};
use leptos::prelude::*;

#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <aside class="sidebar" aria-label="Thông tin thêm">
            {with_chrome(|c: Chrome| {
                view! {
                <VideoWidget videos=c.videos/>
                <LinkWidget class="calendar-links" heading="Lịch công tác" links=c.calendar_links external=false/>
                <LinkWidget class="useful-links" heading="Liên kết hữu ích" links=c.useful_links external=true/>
                <HydratedMark/>
                }
            })}
            <VisitStatsWidget/>
        </aside>
    }
}

/// The video gallery. Nothing from YouTube loads until a visitor picks a video: the list is
/// plain links (which open YouTube when JavaScript is off), and the player is created on
/// click (`browser::chrome`).
#[component]
fn VideoWidget(videos: Vec<Video>) -> impl IntoView {
    view! {
        <section class="widget video-widget" aria-labelledby="video-heading">
            <h2 id="video-heading">"Video"</h2>
            <div class="video-player">
                <p class="video-hint">"Chọn một video trong danh sách để xem ngay trên trang."</p>
            </div>
            <ul class="video-list">
                {videos
                    .into_iter()
                    .map(|v| {
                        let href = format!("https://www.youtube.com/watch?v={}", v.youtube_id);
                        view! { <li><a class="video-link" href=href data-youtube-id=v.youtube_id>{v.title}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn LinkWidget(class: &'static str, heading: &'static str, links: Vec<NavLink>, external: bool) -> impl IntoView {
    let heading_id = format!("{class}-heading");
    view! {
        <section class=format!("widget {class}") aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{heading}</h2>
            <ul>
                {links
                    .into_iter()
                    .map(|l| {
                        if external {
                            view! { <li><a href=l.href rel="noopener" target="_blank">{l.label}<span class="visually-hidden">" (mở trang mới)"</span></a></li> }.into_any()
                        } else {
                            view! { <li><a href=l.href>{l.label}</a></li> }.into_any()
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Without JavaScript the page is counted, and the numbers shown, by an image (the numbers
/// drawn as SVG); the text numbers are then hidden by the shell's `<noscript>` style.
const COUNTING_IMAGE: &str = r#"<img class="visit-image" src="/thong-ke/dem.svg" width="200" height="44" alt="Số lượt truy cập và số người đang online">"#;

/// The numbers read "…" until the browser has counted the page (`browser::visits`).
#[component]
fn VisitStatsWidget() -> impl IntoView {
    view! {
        <section class="widget visit-stats" aria-labelledby="visit-stats-heading">
            <h2 id="visit-stats-heading">"Thống kê truy cập"</h2>
            <dl class="visit-numbers" aria-live="polite">
                <div><dt>"Tổng truy cập:"</dt><dd class="visit-total">"…"</dd></div>
                <div><dt>"Đang online:"</dt><dd class="visit-online">"…"</dd></div>
            </dl>
            <noscript inner_html=COUNTING_IMAGE></noscript>
        </section>
    }
}

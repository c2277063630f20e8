//! The right-hand column: videos, calendars, useful links, visitor statistics.

use crate::api::get_visit_stats;
use crate::components::layout::with_chrome;
use crate::format;
use crate::model::{Chrome, NavLink, Video};
use leptos::prelude::*;

#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <aside class="sidebar" aria-label="Thông tin thêm">
            {with_chrome(|c: Chrome| {
                crate::app::mark_hydrated();
                view! {
                <VideoWidget videos=c.videos/>
                <LinkWidget class="calendar-links" heading="Lịch công tác" links=c.calendar_links external=false/>
                <LinkWidget class="useful-links" heading="Liên kết hữu ích" links=c.useful_links external=true/>
                }
            })}
            <VisitStatsWidget/>
        </aside>
    }
}

/// The video gallery. Nothing from YouTube loads until a visitor picks a video: the list is
/// plain links (which open YouTube when JavaScript is off) and the player is created on click.
#[component]
fn VideoWidget(videos: Vec<Video>) -> impl IntoView {
    let playing = RwSignal::new(None::<Video>);
    let player = move || match playing.get() {
        Some(v) => view! {
            <iframe
                src=format!("https://www.youtube-nocookie.com/embed/{}?autoplay=1", v.youtube_id)
                title=v.title.clone()
                allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
                referrerpolicy="strict-origin-when-cross-origin"
            ></iframe>
            <p class="video-now">{v.title}</p>
        }
        .into_any(),
        None => view! {
            <p class="video-hint">"Chọn một video trong danh sách để xem ngay trên trang."</p>
        }
        .into_any(),
    };
    view! {
        <section class="widget video-widget" aria-labelledby="video-heading">
            <h2 id="video-heading">"Video"</h2>
            <div class="video-player">{player}</div>
            <ul class="video-list">
                {videos
                    .into_iter()
                    .map(|v| {
                        let href = format!("https://www.youtube.com/watch?v={}", v.youtube_id);
                        let id = v.youtube_id.clone();
                        let title = v.title.clone();
                        view! {
                            <li>
                                <a
                                    class="video-link"
                                    href=href
                                    data-youtube-id=id
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        playing.set(Some(v.clone()));
                                    }
                                >
                                    {title}
                                </a>
                            </li>
                        }
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

#[component]
fn VisitStatsWidget() -> impl IntoView {
    let stats = Resource::new(|| (), |_| get_visit_stats());
    view! {
        <section class="widget visit-stats" aria-labelledby="visit-stats-heading">
            <h2 id="visit-stats-heading">"Thống kê truy cập"</h2>
            <Suspense fallback=|| view! { <p>"Đang tải…"</p> }>
                {move || Suspend::new(async move {
                    match stats.await {
                        Ok(s) => view! {
                            <dl>
                                <div><dt>"Tổng truy cập:"</dt><dd class="visit-total">{format::number(s.total)}</dd></div>
                                <div><dt>"Đang online:"</dt><dd class="visit-online">{format::number(s.online)}</dd></div>
                            </dl>
                        }
                        .into_any(),
                        Err(e) => view! { <p>{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

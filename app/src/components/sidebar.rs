//! The right-hand column: videos, calendars, useful links, visitor statistics.

use crate::api::count_visit;
use crate::components::layout::with_chrome;
use crate::format;
use crate::model::{Chrome, NavLink, Video, VisitStats};
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

/// The numbers the last count answered, with the page it counted (the path), and whether the
/// page has hydrated. Provided by the root component; filled in the browser only.
///
/// A count can answer before the part of the page that shows it has hydrated (routes load
/// their code on their own time, the sidebar's chrome waits for its boundary), and a text
/// that differs from the server-rendered one while hydrating is never written. So the numbers
/// are shown once the whole page has hydrated (`app::mark_hydrated` says so).
#[derive(Clone, Copy)]
pub struct LiveVisits {
    counted: RwSignal<Option<(String, VisitStats)>>,
    hydrated: RwSignal<bool>,
}

impl LiveVisits {
    pub fn new() -> Self {
        LiveVisits { counted: RwSignal::new(None), hydrated: RwSignal::new(false) }
    }

    /// The page has hydrated: the numbers may be shown.
    pub fn page_hydrated(self) {
        self.hydrated.set(true);
    }

    /// One number of the last count, printed; "…" until then.
    fn number(self, of: fn(&VisitStats) -> u64) -> impl Fn() -> String + Copy {
        move || {
            let shown = self.hydrated.get();
            let live = self.counted.with(|live| live.as_ref().map(|(_, s)| of(s)));
            live.filter(|_| shown).map(format::number).unwrap_or_else(|| "…".into())
        }
    }

    /// The views to print for the article at `path`: `stored` (what the page was rendered
    /// with) until a count of it has answered.
    pub fn views_shown(self, path: String, stored: u64) -> impl Fn() -> String {
        move || {
            let shown = self.hydrated.get();
            let live = self.counted.with(|live| live.as_ref().filter(|(p, _)| *p == path).and_then(|(_, s)| s.views));
            format::number(live.filter(|_| shown).unwrap_or(stored))
        }
    }
}

impl Default for LiveVisits {
    fn default() -> Self {
        Self::new()
    }
}

/// Counts every page the reader opens, once the page runs in the browser (never on the
/// server, and never in the page's own request: that may come from a cache), and keeps the
/// answer in `LiveVisits`.
#[component]
pub fn VisitCounter() -> impl IntoView {
    let live = use_context::<LiveVisits>().unwrap_or_default();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        let page = location.pathname.get();
        leptos::task::spawn_local(async move {
            if let Ok(stats) = count_visit(page.clone()).await {
                live.counted.set(Some((page, stats)));
            }
        });
    });
}

/// Without JavaScript the page is counted, and the numbers shown, by an image (the numbers
/// drawn as SVG); the text numbers are then hidden by the shell's `<noscript>` style.
const COUNTING_IMAGE: &str = r#"<img class="visit-image" src="/thong-ke/dem.svg" width="200" height="44" alt="Số lượt truy cập và số người đang online">"#;

#[component]
fn VisitStatsWidget() -> impl IntoView {
    let live = use_context::<LiveVisits>().unwrap_or_default();
    view! {
        <section class="widget visit-stats" aria-labelledby="visit-stats-heading">
            <h2 id="visit-stats-heading">"Thống kê truy cập"</h2>
            <dl class="visit-numbers" aria-live="polite">
                <div><dt>"Tổng truy cập:"</dt><dd class="visit-total">{live.number(|s| s.total)}</dd></div>
                <div><dt>"Đang online:"</dt><dd class="visit-online">{live.number(|s| s.online)}</dd></div>
            </dl>
            <noscript inner_html=COUNTING_IMAGE></noscript>
        </section>
    }
}

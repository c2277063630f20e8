//! Thư viện ảnh: the albums (`/thu-vien-anh`), an album's photos (`/thu-vien-anh/<album>`) and
//! each photo's own page (`/thu-vien-anh/<album>/<id>`), which is where a thumbnail leads
//! without JavaScript. With it, a thumbnail opens the viewer: a modal dialog over the album,
//! moved through with the arrow keys or its buttons, closed with Escape, which gives the focus
//! back to the thumbnail it was opened from.

use super::{describe, load_page};
use crate::api::{get_album, get_albums, get_photo};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::{EditContext, EditorRequest, EditorSlot};
use crate::components::picture::LibraryImage;
use crate::format;
use crate::model::Crumb;
use crate::photos::{AlbumPage, AlbumSummary, Photo, PhotoPage, FULL_SIZES, GRID_SIZES, LIBRARY_HREF, LIBRARY_TITLE};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// The first row of thumbnails on a phone loads at once; the rest when they come near.
const EAGER_THUMBNAILS: usize = 2;

fn demo_badge(is_demo: bool) -> impl IntoView {
    is_demo.then(|| view! { <span class="demo-badge">"Nội dung minh họa"</span> })
}

/// "12 ảnh"
fn count(n: u64) -> String {
    format!("{} ảnh", format::number(n))
}

#[component]
pub fn AlbumsView() -> impl IntoView {
    let ctx = EditContext::new();
    let data = Resource::new(move || ctx.reload.get(), |_| get_albums());
    load_page(data, move |albums| {
        view! {
            <Title text=LIBRARY_TITLE/>
            <Meta name="description" content="Thư viện ảnh của HĐND tỉnh Bình Dương: ảnh các kỳ họp, hoạt động giám sát, tiếp xúc cử tri và các sự kiện của Hội đồng nhân dân tỉnh."/>
            <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current(LIBRARY_TITLE)]/>
            <section class="photo-library" aria-labelledby="library-heading">
                <h1 id="library-heading">{LIBRARY_TITLE}</h1>
                <EditorSlot request=EditorRequest::NewAlbum/>
                {if albums.is_empty() {
                    view! { <p class="empty">"Chưa có album ảnh nào."</p> }.into_any()
                } else {
                    view! {
                        <ul class="album-list">
                            {albums.into_iter().enumerate().map(|(i, a)| album_card(a, i >= EAGER_THUMBNAILS)).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        }
    })
}

fn album_card(a: AlbumSummary, lazy: bool) -> impl IntoView {
    let href = a.href();
    let cover = a.cover.clone().map(|c| {
        view! { <LibraryImage picture=c.picture alt=String::new() sizes=GRID_SIZES lazy/> }
    });
    view! {
        <li class="album-card">
            <a href=href>
                {cover}
                <h2 class="album-title">{a.title.clone()}</h2>
            </a>
            <p class="album-meta">
                <time datetime=a.day.iso.clone()>{format::weekday_date(&a.day)}</time>
                " · " {count(a.count)} " " {demo_badge(a.is_demo)}
            </p>
        </li>
    }
}

fn album_crumbs(album: &AlbumSummary, current: bool) -> Vec<Crumb> {
    let mut crumbs = vec![Crumb::home(), Crumb::link(LIBRARY_TITLE, LIBRARY_HREF)];
    crumbs.push(if current {
        Crumb::current(album.title.clone())
    } else {
        Crumb::link(album.title.clone(), album.href())
    });
    crumbs
}

#[component]
pub fn AlbumView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("album").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_album(slug),
    );
    load_page(data, move |page| album(page, ctx))
}

fn album(page: AlbumPage, ctx: EditContext) -> impl IntoView {
    let AlbumPage { album, photos } = page;
    let description = if album.description.is_empty() {
        format!("{} – {}, {}.", album.title, format::weekday_date(&album.day), count(album.count))
    } else {
        describe(&album.description)
    };
    let og_image = album.cover.as_ref().and_then(|c| c.picture.at_least(960)).map(|s| s.url.clone());
    let tools = EditorRequest::Album { album: Box::new(album.clone()), photos: photos.clone(), ctx };
    view! {
        <Title text=album.title.clone()/>
        <Meta name="description" content=description/>
        {og_image.map(|src| view! { <Meta property="og:image" content=crate::structured::absolute(&crate::components::seo_head::origin(), &src)/> })}
        <Breadcrumb crumbs=album_crumbs(&album, true)/>
        <section class="album" aria-labelledby="album-heading">
            <header>
                <h1 id="album-heading">{album.title.clone()}</h1>
                <p class="album-meta">
                    <time datetime=album.day.iso.clone()>{format::weekday_date(&album.day)}</time>
                    " · " {count(album.count)} " " {demo_badge(album.is_demo)}
                </p>
                {(!album.description.is_empty()).then(|| view! { <p class="album-description">{album.description.clone()}</p> })}
            </header>
            <EditorSlot request=tools/>
            {if photos.is_empty() {
                view! { <p class="empty">"Album chưa có ảnh."</p> }.into_any()
            } else {
                let same = photos.clone();
                crate::app::island_for_readers(|| view! { <AlbumPhotosIsland photos/> }, || view! { <AlbumPhotos photos=same/> })
            }}
        </section>
    }
}

/// The album's thumbnails and the viewer they open: on readers' pages a lazy island (its code
/// is fetched by album pages only), a component inside the whole app (see
/// `app::island_for_readers`).
#[island(lazy)]
fn AlbumPhotosIsland(photos: Vec<Photo>) -> impl IntoView {
    view! { <AlbumPhotos photos/> }
}

#[component]
fn AlbumPhotos(photos: Vec<Photo>) -> impl IntoView {
    let viewer = Viewer::new(photos.clone());
    view! {
        <ul class="photo-grid">
            {photos.into_iter().enumerate().map(|(i, p)| thumbnail(p, i, viewer)).collect_view()}
        </ul>
        {viewer.view()}
    }
}

fn thumbnail(p: Photo, index: usize, viewer: Viewer) -> impl IntoView {
    let link = NodeRef::<leptos::html::A>::new();
    let open = move |ev: leptos::ev::MouseEvent| {
        // A click meant for a new tab or window goes to the photo's page.
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        viewer.open(index, link);
    };
    view! {
        <li class="photo-tile">
            <a href=p.href() node_ref=link on:click=open class="photo-link">
                <LibraryImage picture=p.picture.clone() alt=p.caption.clone() sizes=GRID_SIZES lazy={index >= EAGER_THUMBNAILS}/>
            </a>
            <p class="photo-caption">{p.caption.clone()}</p>
        </li>
    }
}

/// The viewer: which photo it shows (none while closed), and the thumbnail to give the focus
/// back to.
#[derive(Clone, Copy)]
struct Viewer {
    photos: StoredValue<Vec<Photo>>,
    current: RwSignal<Option<usize>>,
    opener: StoredValue<Option<NodeRef<leptos::html::A>>>,
    dialog: NodeRef<leptos::html::Dialog>,
    close_button: NodeRef<leptos::html::Button>,
    next_button: NodeRef<leptos::html::Button>,
}

impl Viewer {
    fn new(photos: Vec<Photo>) -> Self {
        Viewer {
            photos: StoredValue::new(photos),
            current: RwSignal::new(None),
            opener: StoredValue::new(None),
            dialog: NodeRef::new(),
            close_button: NodeRef::new(),
            next_button: NodeRef::new(),
        }
    }

    fn len(&self) -> usize {
        self.photos.with_value(Vec::len)
    }

    fn open(&self, index: usize, from: NodeRef<leptos::html::A>) {
        self.opener.set_value(Some(from));
        self.current.set(Some(index));
        if let Some(dialog) = self.dialog.get_untracked() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
        if let Some(button) = self.close_button.get_untracked() {
            let _ = button.focus();
        }
    }

    /// Moves by `step` photos, round the album.
    fn go(&self, step: isize) {
        let n = self.len() as isize;
        if n == 0 {
            return;
        }
        self.current.update(|c| {
            if let Some(i) = c {
                *i = ((*i as isize + step).rem_euclid(n)) as usize;
            }
        });
    }

    /// Closes the dialog (if it still is open) and gives the focus back to the thumbnail it
    /// was opened from.
    fn closed(&self) {
        if let Some(dialog) = self.dialog.get_untracked() {
            if dialog.open() {
                dialog.close();
            }
        }
        self.current.set(None);
        if let Some(link) = self.opener.get_value().and_then(|l| l.get_untracked()) {
            let _ = link.focus();
        }
    }

    fn view(self) -> impl IntoView {
        let viewer = self;
        let keys = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
            "ArrowRight" => {
                ev.prevent_default();
                viewer.go(1);
            }
            "ArrowLeft" => {
                ev.prevent_default();
                viewer.go(-1);
            }
            "Escape" => {
                ev.prevent_default();
                viewer.closed();
            }
            // The focus goes round the viewer's controls, never out of it.
            "Tab" => {
                let (first, last) = (viewer.close_button.get_untracked(), viewer.next_button.get_untracked());
                let active = document().active_element();
                let at = |b: &Option<leptos::web_sys::HtmlButtonElement>| matches!((b, &active), (Some(b), Some(a)) if AsRef::<leptos::web_sys::Element>::as_ref(b) == a);
                let to = if ev.shift_key() && at(&first) {
                    last
                } else if !ev.shift_key() && at(&last) {
                    first
                } else {
                    None
                };
                if let Some(to) = to {
                    ev.prevent_default();
                    let _ = to.focus();
                }
            }
            _ => {}
        };
        let shown =
            move || viewer.current.get().and_then(|i| viewer.photos.with_value(|p| p.get(i).cloned()).map(|p| (i, p)));
        view! {
            <dialog
                class="photo-viewer"
                node_ref=self.dialog
                aria-label="Xem ảnh"
                on:keydown=keys
                on:close=move |_| {
                    if viewer.current.get_untracked().is_some() {
                        viewer.closed();
                    }
                }
            >
                <div class="viewer-bar">
                    <p class="viewer-count" aria-live="polite">
                        {move || shown().map(|(i, _)| format!("Ảnh {} / {}", i + 1, viewer.len()))}
                    </p>
                    <button type="button" class="viewer-close" node_ref=self.close_button on:click=move |_| viewer.closed()>
                        "Đóng" <span aria-hidden="true">" ×"</span>
                    </button>
                </div>
                {move || shown().map(|(_, p)| view! {
                    <figure class="viewer-figure">
                        <LibraryImage picture=p.picture.clone() alt=p.caption.clone() sizes=FULL_SIZES/>
                        <figcaption>
                            {p.caption.clone()} " "
                            <time datetime=p.day.iso.clone()>{format::date(&p.day)}</time>
                        </figcaption>
                    </figure>
                    <p class="viewer-page"><a href=p.href()>"Mở trang riêng của ảnh"</a></p>
                })}
                <div class="viewer-nav">
                    <button type="button" on:click=move |_| viewer.go(-1)>
                        <span aria-hidden="true">"‹ "</span> "Ảnh trước"
                    </button>
                    <button type="button" node_ref=self.next_button on:click=move |_| viewer.go(1)>
                        "Ảnh sau" <span aria-hidden="true">" ›"</span>
                    </button>
                </div>
            </dialog>
        }
    }
}

#[component]
pub fn PhotoView() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (p.get("album").unwrap_or_default(), p.get("photo").unwrap_or_default())
        },
        |(album, id)| async move {
            match id.parse::<i64>() {
                Ok(id) => get_photo(album, id).await,
                Err(_) => Err(crate::error::ApiError::NotFound),
            }
        },
    );
    load_page(data, photo)
}

fn photo(page: PhotoPage) -> impl IntoView {
    let PhotoPage { album, photo, position, previous, next } = page;
    let title = format!("{} – ảnh {position}", album.title);
    let og_image = photo.picture.at_least(960).map(|s| s.url.clone());
    let mut crumbs = album_crumbs(&album, false);
    crumbs.push(Crumb::current(format!("Ảnh {position} / {}", album.count)));
    view! {
        <Title text=title/>
        <Meta name="description" content=describe(&photo.caption)/>
        {og_image.map(|src| view! { <Meta property="og:image" content=crate::structured::absolute(&crate::components::seo_head::origin(), &src)/> })}
        <Breadcrumb crumbs/>
        <article class="photo-page">
            <figure class="photo-figure">
                <LibraryImage picture=photo.picture.clone() alt=photo.caption.clone() sizes=FULL_SIZES/>
                <figcaption>
                    <h1 class="photo-title">{photo.caption.clone()}</h1>
                    <p class="album-meta">
                        <time datetime=photo.day.iso.clone()>{format::weekday_date(&photo.day)}</time>
                        " · " {format!("Ảnh {position} / {}", album.count)} " " {demo_badge(photo.is_demo)}
                    </p>
                </figcaption>
            </figure>
            <nav class="photo-nav" aria-label="Ảnh trong album">
                {previous.map(|id| view! { <a rel="prev" href=crate::photos::photo_href(&album.slug, id)>"‹ Ảnh trước"</a> })}
                <a href=album.href()>{format!("Cả album “{}”", album.title)}</a>
                {next.map(|id| view! { <a rel="next" href=crate::photos::photo_href(&album.slug, id)>"Ảnh sau ›"</a> })}
            </nav>
        </article>
    }
}

//! Editing the photo library in place: creating an album (on the library's page), and on an
//! album's page changing its title, day and description, adding photos (several at once;
//! the server resizes them) and writing each photo's caption. Also the chooser an article's
//! editor opens to take its lead image from the library.

use super::{browser, save_failed, EditContext, EditorStatus};
use crate::api::{create_album, library_photos, save_album, save_photo};
use crate::photos::{album_href, AlbumFields, AlbumSummary, LibraryPhoto, Photo, PhotoFields};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The files an album takes.
const ACCEPT: &str = "image/jpeg,image/png,image/gif,image/webp";

/// "Tạo album mới", above the list of albums.
#[component]
pub fn NewAlbum() -> impl IntoView {
    let ctx = EditContext::new();
    let open = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let day = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fields = AlbumFields {
            title: title.get_untracked(),
            description: description.get_untracked(),
            taken_on: day.get_untracked(),
        };
        let navigate = navigate.clone();
        ctx.say("Đang tạo album…");
        leptos::task::spawn_local(async move {
            match create_album(fields).await {
                Ok(slug) => navigate(&album_href(&slug), Default::default()),
                Err(e) => ctx.say(save_failed(&e)),
            }
        });
    };
    view! {
        <div class="edit-tools">
            <button type="button" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                "Tạo album mới"
            </button>
            <EditorStatus ctx/>
        </div>
        {move || open.get().then(|| view! {
            <form class="album-form" on:submit=submit.clone()>
                <AlbumInputs title day description/>
                <button type="submit">"Tạo album"</button>
            </form>
        })}
    }
}

/// The album's title, day and description.
#[component]
fn AlbumInputs(title: RwSignal<String>, day: RwSignal<String>, description: RwSignal<String>) -> impl IntoView {
    view! {
        <p>
            <label for="album-title">"Tên album"</label>
            <input id="album-title" type="text" required maxlength="200"
                prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
        </p>
        <p>
            <label for="album-day">"Ngày diễn ra"</label>
            <input id="album-day" type="date" required
                prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev))/>
        </p>
        <p>
            <label for="album-description">"Mô tả"</label>
            <textarea id="album-description" rows="3" maxlength="2000"
                prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
        </p>
    }
}

/// On an album's page: its details, adding photos, captions.
#[component]
pub fn AlbumEditor(album: AlbumSummary, photos: Vec<Photo>, ctx: EditContext) -> impl IntoView {
    let slug = StoredValue::new(album.slug.clone());
    let editing = RwSignal::new(false);
    let title = RwSignal::new(album.title.clone());
    let day = RwSignal::new(album.taken_on.clone());
    let description = RwSignal::new(album.description.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fields = AlbumFields {
            title: title.get_untracked(),
            description: description.get_untracked(),
            taken_on: day.get_untracked(),
        };
        ctx.say("Đang lưu…");
        leptos::task::spawn_local(async move {
            match save_album(slug.get_value(), fields).await {
                Ok(()) => {
                    ctx.say("Đã lưu album.");
                    editing.set(false);
                    ctx.refresh();
                }
                Err(e) => ctx.say(save_failed(&e)),
            }
        });
    };
    let add = move |ev: leptos::ev::Event| {
        browser::upload_photos(&ev, slug.get_value(), move |message| ctx.say(message), move || ctx.refresh());
    };
    view! {
        <div class="edit-tools">
            <button type="button" aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>
                "Sửa album"
            </button>
            <input id="album-upload" class="visually-hidden-file" type="file" multiple accept=ACCEPT on:change=add/>
            <label class="upload-button" for="album-upload">"Thêm ảnh vào album"</label>
            <EditorStatus ctx/>
        </div>
        <p class="editor-hint">"Ảnh JPEG, PNG, GIF hoặc WebP, tối đa 5 MB mỗi ảnh; máy chủ tự tạo các cỡ ảnh cho điện thoại và máy tính."</p>
        {move || editing.get().then(|| view! {
            <form class="album-form" on:submit=save>
                <AlbumInputs title day description/>
                <button type="submit">"Lưu album"</button>
            </form>
        })}
        {(!photos.is_empty()).then(|| view! {
            <details class="caption-editor">
                <summary>"Sửa chú thích ảnh"</summary>
                <ol>
                    {photos.into_iter().enumerate().map(|(i, p)| view! { <CaptionForm photo=p number={i + 1} ctx/> }).collect_view()}
                </ol>
            </details>
        })}
    }
}

/// One photo's caption and day.
#[component]
fn CaptionForm(photo: Photo, number: usize, ctx: EditContext) -> impl IntoView {
    let caption = RwSignal::new(photo.caption.clone());
    let day = RwSignal::new(photo.taken_on.clone());
    let id = photo.id;
    let thumb = photo.picture.at_least(240).map(|s| s.url.clone()).unwrap_or_default();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fields = PhotoFields { caption: caption.get_untracked(), taken_on: day.get_untracked() };
        leptos::task::spawn_local(async move {
            match save_photo(id, fields).await {
                Ok(()) => {
                    ctx.say(format!("Đã lưu chú thích ảnh {number}."));
                    ctx.refresh();
                }
                Err(e) => ctx.say(save_failed(&e)),
            }
        });
    };
    let caption_id = format!("caption-{id}");
    let day_id = format!("caption-day-{id}");
    view! {
        <li>
            <form class="caption-form" on:submit=save>
                <img src=thumb alt="" width="120" height="80"/>
                <p>
                    <label for=caption_id.clone()>{format!("Chú thích ảnh {number}")}</label>
                    <textarea id=caption_id rows="2" required maxlength="2000"
                        prop:value=move || caption.get() on:input=move |ev| caption.set(event_target_value(&ev))></textarea>
                </p>
                <p>
                    <label for=day_id.clone()>{format!("Ngày chụp ảnh {number}")}</label>
                    <input id=day_id type="date" required
                        prop:value=move || day.get() on:input=move |ev| day.set(event_target_value(&ev))/>
                </p>
                <button type="submit">{format!("Lưu ảnh {number}")}</button>
            </form>
        </li>
    }
}

/// The library's recent photos as buttons; choosing one hands it to `chosen`.
#[component]
pub fn LibraryChooser(chosen: Callback<LibraryPhoto>, close: Callback<()>) -> impl IntoView {
    let photos = LocalResource::new(library_photos);
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close.run(());
        }
    };
    view! {
        <section class="library-chooser" aria-labelledby="chooser-heading" on:keydown=keys>
            <h2 id="chooser-heading">"Chọn ảnh từ thư viện"</h2>
            <button type="button" class="chooser-close" on:click=move |_| close.run(())>"Đóng"</button>
            <Suspense fallback=|| view! { <p>"Đang tải thư viện ảnh…"</p> }>
                {move || Suspend::new(async move {
                    match photos.await {
                        Ok(list) if list.is_empty() => view! { <p>"Thư viện chưa có ảnh nào."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="chooser-grid">
                                {list.into_iter().map(|choice| {
                                    let thumb = choice.photo.picture.at_least(240).map(|s| s.url.clone()).unwrap_or_default();
                                    let label = format!("{} ({})", choice.photo.caption, choice.album_title);
                                    let choice = StoredValue::new(choice);
                                    view! {
                                        <li>
                                            <button type="button" class="chooser-photo" on:click=move |_| chosen.run(choice.get_value())>
                                                <img src=thumb alt="" width="160" height="107" loading="lazy"/>
                                                <span>{label}</span>
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

//! The history panel: every saved version, what each changed, and restoring any of them.

use super::{DiffView, EditContext};
use crate::api::{document_changes, document_history, restore_document};
use crate::editing::{DocKind, FieldDiff, RevisionInfo};
use crate::error::ApiError;
use crate::format;
use leptos::prelude::*;

#[component]
pub fn HistoryPanel(kind: DocKind, slug: String, current_version: i64, ctx: EditContext) -> impl IntoView {
    let revisions = RwSignal::new(None::<Result<Vec<RevisionInfo>, ApiError>>);
    let shown = RwSignal::new(None::<(i64, Vec<FieldDiff>)>);
    {
        let slug = slug.clone();
        leptos::task::spawn_local(async move { revisions.set(Some(document_history(kind, slug).await)) });
    }
    let list = move || {
        let slug = slug.clone();
        match revisions.get() {
            None => view! { <p>"Đang tải lịch sử…"</p> }.into_any(),
            Some(Err(e)) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
            Some(Ok(items)) => {
                let previous: Vec<Option<i64>> =
                    (0..items.len()).map(|i| items.get(i + 1).map(|r| r.version)).collect();
                view! {
                    <ol class="revisions">
                        {items
                            .into_iter()
                            .zip(previous)
                            .map(|(r, prev)| {
                                let version = r.version;
                                let (s1, s2) = (slug.clone(), slug.clone());
                                let show = move |_| {
                                    let slug = s1.clone();
                                    leptos::task::spawn_local(async move {
                                        let diff = match prev {
                                            Some(p) => document_changes(kind, slug, p, version).await.unwrap_or_default(),
                                            None => Vec::new(),
                                        };
                                        shown.set(Some((version, diff)));
                                    });
                                };
                                let restore_it = move |_| {
                                    let slug = s2.clone();
                                    leptos::task::spawn_local(async move {
                                        match restore_document(kind, slug, version, current_version).await {
                                            Ok(saved) => {
                                                ctx.say(format!("Đã khôi phục phiên bản {version} (lưu thành phiên bản {}).", saved.version));
                                                ctx.refresh();
                                            }
                                            Err(e) => ctx.say(super::save_failed(&e)),
                                        }
                                    });
                                };
                                view! {
                                    <li class="revision">
                                        <p>
                                            <strong>{format!("Phiên bản {version}")}</strong>
                                            " · " <span class="revision-author">{r.author.clone()}</span>
                                            " · " <time datetime=r.at.iso.clone()>{format::date_time(&r.at)}</time>
                                            {(!r.note.is_empty()).then(|| format!(" · {}", r.note))}
                                        </p>
                                        <button type="button" class="show-changes" on:click=show>"Xem thay đổi"</button>
                                        <button type="button" class="restore-revision" disabled=version == current_version on:click=restore_it>
                                            "Khôi phục"
                                        </button>
                                        {move || shown.get().filter(|(v, _)| *v == version).map(|(_, diff)| {
                                            if prev.is_none() {
                                                view! { <p class="diff">"Đây là bản đầu tiên được lưu."</p> }.into_any()
                                            } else {
                                                view! { <DiffView changes=diff/> }.into_any()
                                            }
                                        })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="history-panel" aria-labelledby="history-heading">
            <h2 id="history-heading">"Lịch sử chỉnh sửa"</h2>
            {list}
        </section>
    }
}

//! The trash: trashed articles and council records, each restorable with a plain form (so it
//! works without JavaScript too).

use crate::api::SetTrashed;
use crate::format;
use crate::model::TrashItem;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn TrashPanel(items: Vec<TrashItem>) -> impl IntoView {
    if items.is_empty() {
        return view! { <h1>"Thùng rác"</h1><p class="empty">"Thùng rác trống."</p> }.into_any();
    }
    view! {
                <h1>"Thùng rác"</h1>
                <ul class="trash-list">
                    {items
                        .into_iter()
                        .map(|item| {
                            view! {
                            <li class="trash-item">
                                <span class="trash-kind">{item.kind.label()}</span> ": "
                                <span class="trash-title">{item.title}</span>
                                " · đã xóa lúc " <time datetime=item.deleted.iso.clone()>{format::date_time(&item.deleted)}</time>
                                <form method="post" action=SetTrashed::url()>
                                    <input type="hidden" name="kind" value=item.kind.key()/>
                                    <input type="hidden" name="slug" value=item.slug/>
                                    <input type="hidden" name="trashed" value="false"/>
                                    <button type="submit">"Khôi phục"</button>
                                </form>
                            </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
}

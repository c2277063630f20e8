//! Editing who sits on a body: change a member's role, take a member off, add a delegate.
//! Each change applies at once, then the page shows the new list.

use super::{browser, EditContext};
use crate::api::{people_options, remove_membership, set_membership};
use crate::council::Member;
use leptos::prelude::*;

/// For signed-in editors, under a body's member list.
#[component]
pub fn MembersEditor(body: String, members: Vec<Member>, ctx: EditContext) -> impl IntoView {
    let body = StoredValue::new(body);
    let members = StoredValue::new(members);
    view! { <Editor body members ctx/> }
}

/// Runs a membership change and reports it; the page reloads its list on success.
fn apply(
    ctx: EditContext,
    done: &'static str,
    change: impl std::future::Future<Output = Result<(), crate::error::ApiError>> + 'static,
) {
    leptos::task::spawn_local(async move {
        match change.await {
            Ok(()) => {
                ctx.say(done);
                ctx.refresh();
            }
            Err(e) => ctx.say(super::save_failed(&e)),
        }
    });
}

#[component]
fn Editor(body: StoredValue<String>, members: StoredValue<Vec<Member>>, ctx: EditContext) -> impl IntoView {
    let people = RwSignal::new(Vec::<(String, String, String)>::new());
    // The list of delegates loads in the browser only (this part is also server-rendered).
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            match people_options().await {
                Ok(list) => people.set(list),
                Err(e) => ctx.say(e.to_string()),
            }
        });
    });
    let chosen = RwSignal::new(String::new());
    let new_role = RwSignal::new("Thành viên".to_string());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let person = chosen.get_untracked();
        if person.is_empty() {
            ctx.say("Chọn đại biểu cần thêm.");
            return;
        }
        apply(ctx, "Đã thêm thành viên.", set_membership(body.get_value(), person, new_role.get_untracked()));
    };
    let rows = members
        .get_value()
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let role = RwSignal::new(m.role.clone());
            let id = format!("member-role-{i}");
            let (slug, slug2, name) = (m.slug.clone(), m.slug.clone(), m.name.clone());
            let save = move |_| apply(ctx, "Đã lưu vai trò.", set_membership(body.get_value(), slug.clone(), role.get_untracked()));
            let remove = move |_| {
                if browser::confirm(&format!("Bỏ {name} khỏi danh sách thành viên?")) {
                    apply(ctx, "Đã bỏ thành viên.", remove_membership(body.get_value(), slug2.clone()));
                }
            };
            view! {
                <li>
                    <label for=id.clone()>{format!("Vai trò của {}", m.name)}</label>
                    <input id=id type="text" maxlength="80" prop:value=move || role.get() on:input=move |ev| role.set(event_target_value(&ev))/>
                    <button type="button" on:click=save>"Lưu vai trò"</button>
                    <button type="button" on:click=remove>{format!("Bỏ {}", m.name)}</button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="members-editor editing-area" aria-labelledby="members-editor-heading">
            <h2 id="members-editor-heading">"Sửa danh sách thành viên"</h2>
            <ul>{rows}</ul>
            <form on:submit=add aria-label="Thêm thành viên">
                <label for="member-new">"Đại biểu"</label>
                <select id="member-new" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"— Chọn đại biểu —"</option>
                    {move || people.get().into_iter().map(|(slug, name, position)| {
                        let label = if position.is_empty() { name } else { format!("{name} ({position})") };
                        view! { <option value=slug>{label}</option> }
                    }).collect_view()}
                </select>
                <label for="member-new-role">"Vai trò"</label>
                <input id="member-new-role" type="text" maxlength="80" prop:value=move || new_role.get() on:input=move |ev| new_role.set(event_target_value(&ev))/>
                <button type="submit">"Thêm thành viên"</button>
            </form>
        </section>
    }
}

//! People: delegates by group, one delegate, one body (Thường trực, a Ban, a Tổ, the NA
//! delegation) with its duties and members. The Giới thiệu pages show their bodies through
//! `BodySection`.

use super::{describe, load_page};
use crate::api::{delegates, get_body, get_person};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::EditContext;
use crate::components::editor_slot::MembersTools;
use crate::components::editor_slot::NewRecord;
use crate::components::editor_slot::RecordTools;
use crate::components::filter::{demo_badge, paragraphs_view};
use crate::council::*;
use crate::model::Crumb;
use crate::records::RecordKind;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

fn initials(name: &str) -> String {
    name.split_whitespace()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .filter_map(|w| w.chars().next())
        .collect()
}

fn photo(name: &str, url: Option<String>) -> impl IntoView {
    match url {
        Some(url) => {
            view! { <img class="person-photo" src=url alt=format!("Ảnh {name}") width="96" height="120"/> }.into_any()
        }
        None => {
            view! { <span class="person-photo person-initials" aria-hidden="true">{initials(name)}</span> }.into_any()
        }
    }
}

fn members_view(members: Vec<Member>) -> impl IntoView {
    view! {
        <ul class="members">
            {members.into_iter().map(|m| view! {
                <li class="member">
                    {photo(&m.name, m.photo_url.clone())}
                    <p class="member-name"><a href=RecordKind::Person.href(&m.slug, &[])>{m.name.clone()}</a></p>
                    <p class="member-role">{m.role}</p>
                    <p class="member-position">{m.position}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A body's duties and members, under a heading of level `h2`.
pub fn body_section(b: BodyDetail, with_duties: bool) -> impl IntoView {
    let heading = format!("body-{}", b.slug);
    let labelled_by = heading.clone();
    view! {
        <section class="body-section" aria-labelledby=labelled_by>
            <h2 id=heading><a href=RecordKind::Body.href(&b.slug, &[])>{b.name.clone()}</a></h2>
            {with_duties.then(|| paragraphs_view(b.duties.clone()))}
            {members_view(b.members)}
        </section>
    }
}

#[component]
pub fn DelegatesView() -> impl IntoView {
    let data = Resource::new(|| (), |_| delegates());
    view! {
        <Title text="Đại biểu HĐND tỉnh và Đoàn ĐBQH"/>
        <Meta name="description" content="Danh sách đại biểu HĐND tỉnh Bình Dương theo tổ đại biểu và Đoàn đại biểu Quốc hội tỉnh khóa XV."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Đại biểu")]/>
        <h1>"Đại biểu HĐND tỉnh và Đoàn ĐBQH"</h1>
        <NewRecord kind=RecordKind::Person/>
        {load_page(data, |bodies: Vec<BodyDetail>| {
            view! {
                <nav class="child-pages" aria-label="Các tổ đại biểu">
                    <ul>{bodies.iter().map(|b| view! { <li><a href=format!("#body-{}", b.slug)>{b.name.clone()}</a></li> }).collect_view()}</ul>
                </nav>
                {bodies.into_iter().map(|b| body_section(b, false)).collect_view()}
            }
        })}
    }
}

#[component]
pub fn BodyView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_body(slug),
    );
    load_page(data, move |b: BodyDetail| {
        let data =
            crate::structured::server_json_ld(|| crate::structured::body(&crate::components::seo_head::origin(), &b));
        let intro = b.page_slug.clone().map(|p| view! { <p><a href=format!("/trang/{p}")>"Trang giới thiệu"</a></p> });
        view! {
            <Title text=b.name.clone()/>
            <Meta name="description" content=describe(&b.duties.join(" "))/>
            <script type="application/ld+json" inner_html=data></script>
            <Breadcrumb crumbs=vec![Crumb::home(), Crumb::link("Đại biểu", "/dai-bieu"), Crumb::current(b.name.clone())]/>
            <RecordTools kind=RecordKind::Body slug=b.slug.clone() ctx/>
            <article class="record body">
                <h1>{b.name.clone()}</h1>
                {demo_badge(b.is_demo)}
                {b.unit.clone().map(|u| view! { <p class="record-meta">"Đơn vị bầu cử: " {u}</p> })}
                <section aria-labelledby="duties-heading">
                    <h2 id="duties-heading">"Chức năng, nhiệm vụ"</h2>
                    {paragraphs_view(b.duties.clone())}
                </section>
                <section aria-labelledby="members-heading">
                    <h2 id="members-heading">"Thành viên"</h2>
                    {members_view(b.members.clone())}
                </section>
                <MembersTools body=b.slug.clone() members=b.members.clone() ctx/>
                {intro}
            </article>
        }
    })
}

#[component]
pub fn PersonView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_person(slug),
    );
    load_page(data, move |p: PersonDetail| {
        let data =
            crate::structured::server_json_ld(|| crate::structured::person(&crate::components::seo_head::origin(), &p));
        view! {
            <Title text=p.name.clone()/>
            <Meta name="description" content=describe(&format!("{}. {}", p.position, p.workplace))/>
            <script type="application/ld+json" inner_html=data></script>
            <Breadcrumb crumbs=vec![Crumb::home(), Crumb::link("Đại biểu", "/dai-bieu"), Crumb::current(p.name.clone())]/>
            <RecordTools kind=RecordKind::Person slug=p.slug.clone() ctx/>
            <article class="record person">
                {photo(&p.name, p.photo_url.clone())}
                <h1>{p.name.clone()}</h1>
                {demo_badge(p.is_demo)}
                <dl class="record-facts">
                    <div><dt>"Chức vụ"</dt><dd>{p.position.clone()}</dd></div>
                    <div><dt>"Nơi công tác"</dt><dd>{p.workplace.clone()}</dd></div>
                    {p.born.map(|y| view! { <div><dt>"Năm sinh"</dt><dd>{y}</dd></div> })}
                </dl>
                <section aria-labelledby="bodies-heading">
                    <h2 id="bodies-heading">"Tham gia"</h2>
                    <ul>
                        {p.memberships.iter().map(|(slug, name, role)| view! {
                            <li><a href=RecordKind::Body.href(slug, &[])>{name.clone()}</a> " — " {role.clone()}</li>
                        }).collect_view()}
                    </ul>
                </section>
                {(!p.bio.is_empty()).then(|| view! {
                    <section aria-labelledby="bio-heading">
                        <h2 id="bio-heading">"Tiểu sử"</h2>
                        {paragraphs_view(p.bio.clone())}
                    </section>
                })}
            </article>
        }
    })
}

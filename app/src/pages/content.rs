use super::{describe, load_page};
use crate::api::{get_english_page, get_page, page_bodies};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::contact_form::ContactForm;
use crate::components::editor_slot::{EditContext, EditorRequest, EditorSlot};
use crate::model::ContentPage;
use crate::pages::body_section;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ContentPageView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_page(slug),
    );
    let bodies = Resource::new(move || params.read().get("slug").unwrap_or_default(), page_bodies);
    view! {
        {load_page(data, move |page| render(page, ctx))}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                bodies.await.ok().map(|list| list.into_iter().map(|b| body_section(b, false)).collect_view())
            })}
        </Suspense>
    }
}

/// An English page (`/en/…`): the same page, its text marked English, with the English
/// section's navigation.
#[component]
pub fn EnglishPageView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_english_page(slug),
    );
    view! { {load_page(data, move |page| render(page, ctx))} }
}

/// The English section's navigation, the current page marked.
fn english_nav(page: &ContentPage) -> impl IntoView {
    let current = crate::english::href(&page.slug);
    (!page.english.is_empty()).then(|| {
        view! {
            <nav class="child-pages english-pages" aria-label="About the People's Council" lang="en">
                <ul>
                    {page.english.iter().map(|l| {
                        let here = (l.href == current).then_some("page");
                        view! { <li><a href=l.href.clone() aria-current=here>{l.label.clone()}</a></li> }
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

fn render(page: ContentPage, ctx: EditContext) -> impl IntoView {
    let editing = RwSignal::new(false);
    let description = if page.description.is_empty() { page.title.clone() } else { describe(&page.description) };
    let children = (!page.children.is_empty()).then(|| view! {
        <nav class="child-pages" aria-label="Các mục trong trang này">
            <ul>
                {page.children.clone().into_iter().map(|c| { let href = c.href(); view! { <li><a href=href>{c.title}</a></li> } }).collect_view()}
            </ul>
        </nav>
    });
    // While editing, the editor (mounted by the slot) stands where the page was.
    let body = {
        let page = page.clone();
        move || {
            (!editing.get()).then(|| {
                view! {
                    <article class="content-page" lang=page.lang.clone()>
                        <h1>{page.title.clone()}</h1>
                        {page.is_demo.then(|| {
                            let label = if page.lang == "en" { "Demonstration content" } else { "Nội dung minh họa" };
                            view! { <p class="demo-badge">{label}</p> }
                        })}
                        <div class="page-body" inner_html=page.body_html.clone()></div>
                    </article>
                }
            })
        }
    };
    let tools = EditorRequest::Page { page: Box::new(page.clone()), ctx, editing };
    view! {
        <Title text=page.title.clone()/>
        <Meta name="description" content=description/>
        <Breadcrumb crumbs=page.crumbs.clone()/>
        {english_nav(&page)}
        <EditorSlot request=tools/>
        {body}
        {children}
        {(page.slug == crate::mail::CONTACT_PAGE_SLUG).then(|| view! { <ContactForm/> })}
    }
}

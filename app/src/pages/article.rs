use super::{describe, load_page};
use crate::api::get_article;
use crate::components::article_list::CompactList;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::editor_slot::{open_from_query, EditContext, EditorRequest, EditorSlot};
use crate::components::picture::LibraryImage;
use crate::components::share_form::ShareForm;
use crate::format;
use crate::model::{Article, ArticlePage, Visibility};
use crate::photos::{Picture, ARTICLE_SIZES};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ArticleView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_article(slug),
    );
    load_page(data, move |page| render(page, ctx))
}

fn render(page: ArticlePage, ctx: EditContext) -> impl IntoView {
    let a = page.article;
    let editing = RwSignal::new(false);
    open_from_query(editing);
    let description = describe(&a.fields.lead);
    let origin = crate::components::seo_head::origin();
    let url = format!("{origin}{}", crate::model::article_href(&a.slug));
    let og_image = a.fields.image_url.as_deref().map(|i| crate::structured::absolute(&origin, i)).unwrap_or_default();
    let news = crate::structured::server_json_ld(|| crate::structured::NewsArticle {
        context: crate::structured::SCHEMA_ORG,
        kind: "NewsArticle",
        headline: a.fields.title.clone(),
        description: description.clone(),
        image: (!og_image.is_empty()).then(|| og_image.clone()).into_iter().collect(),
        date_published: a.published.iso.clone(),
        author: crate::structured::Organization::council(&origin),
        publisher: crate::structured::Organization::council(&origin),
        main_entity_of_page: url.clone(),
        in_language: "vi",
    });
    let badge = match a.visibility {
        Visibility::Public => None,
        Visibility::Draft => Some("Bản nháp"),
        Visibility::Scheduled => Some("Hẹn giờ đăng"),
    };
    // While editing, the editor (mounted by the slot) stands where the article was.
    let body = {
        let a = a.clone();
        let picture = page.lead_picture.clone();
        move || (!editing.get()).then(|| display(a.clone(), picture.clone()))
    };
    let tools = EditorRequest::Article { article: Box::new(a.clone()), ctx, editing, badge: badge.unwrap_or_default() };
    view! {
        <Title text=a.fields.title.clone()/>
        <Meta name="description" content=description.clone()/>
        {badge.map(|_| view! { <Meta name="robots" content="noindex"/> })}
        <Meta property="og:type" content="article"/>
        <Meta property="og:site_name" content=crate::structured::PUBLISHER/>
        <Meta property="og:locale" content="vi_VN"/>
        <Meta property="og:url" content=url/>
        <Meta property="og:title" content=a.fields.title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="article:published_time" content=a.published.iso.clone()/>
        <Meta name="twitter:card" content=if og_image.is_empty() { "summary" } else { "summary_large_image" }/>
        <Meta name="twitter:title" content=a.fields.title.clone()/>
        <Meta name="twitter:description" content=description/>
        {(!og_image.is_empty()).then(|| view! {
            <Meta property="og:image" content=og_image.clone()/>
            <Meta name="twitter:image" content=og_image.clone()/>
        })}
        <script type="application/ld+json" inner_html=news></script>
        <Breadcrumb crumbs=page.crumbs/>
        <EditorSlot request=tools/>
        {body}
        <ShareForm slug=a.slug.clone() title=a.fields.title.clone()/>
        {(!page.related.is_empty()).then(|| view! {
            <section class="related-articles" aria-labelledby="related-heading">
                <h2 id="related-heading">"Bài đã đăng"</h2>
                <CompactList articles=page.related.clone()/>
            </section>
        })}
    }
}

/// The article as visitors see it.
fn display(a: Article, picture: Option<Picture>) -> impl IntoView {
    let figure = a.fields.image_url.clone().map(|src| {
        let caption = a.fields.image_caption.clone().unwrap_or_default();
        let alt = if caption.is_empty() { a.fields.title.clone() } else { caption.clone() };
        let image = match picture {
            Some(picture) => view! { <LibraryImage picture alt sizes=ARTICLE_SIZES/> }.into_any(),
            None => view! { <img src=src alt=alt width="800" height="450"/> }.into_any(),
        };
        view! {
            <figure class="article-figure">
                {image}
                {(!caption.is_empty()).then(|| view! { <figcaption>{caption.clone()}</figcaption> })}
            </figure>
        }
    });
    view! {
        <article class="article">
            <header>
                <p class="article-meta">
                    <time class="article-date" datetime=a.published.iso.clone()>{format::weekday_date(&a.published)}</time>
                    {a.is_demo.then(|| view! { <span class="demo-badge">"Nội dung minh họa"</span> })}
                </p>
                <h1 class="article-title">{a.fields.title.clone()}</h1>
            </header>
            <p class="article-lead">{a.fields.lead.clone()}</p>
            {figure}
            <div class="article-body" inner_html=a.fields.body_html.clone()></div>
            {a.fields.source.clone().map(|s| view! { <p class="article-source">{s}</p> })}
            <footer class="article-tools">
                <p class="share-count">"Chia sẻ: " <strong>{format::number(a.share_count)}</strong></p>
                // The count in the page may come from a cache: the browser's count of the
                // visit writes the current one (`browser::visits`).
                <p class="view-count" data-counted-page=crate::model::article_href(&a.slug)>
                    "Lượt xem: " <span class="view-number">{format::number(a.view_count)}</span>
                </p>
                <crate::components::print::PrintButton path=crate::model::article_href(&a.slug) label="In bài viết"/>
            </footer>
            {crate::components::print::print_source(&crate::model::article_href(&a.slug), "Ngày đăng", format::weekday_date(&a.published))}
        </article>
    }
}

use super::{describe, load_page};
use crate::api::get_category;
use crate::components::article_list::{page_href, ArticleCard, Pagination};
use crate::components::breadcrumb::Breadcrumb;
use crate::error::ApiError;
use crate::model::CategoryPage;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `?trang=N`: absent means page 1; anything but a positive number is no page at all.
pub fn parse_page(raw: Option<String>) -> Option<u32> {
    match raw {
        None => Some(1),
        Some(text) => text.parse::<u32>().ok().filter(|n| *n >= 1),
    }
}

#[component]
pub fn CategoryView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let slug = params.read().get("slug").unwrap_or_default();
        (slug, parse_page(query.read().get("trang")))
    };
    let data = Resource::new(key, |(slug, page)| async move {
        match page {
            Some(page) => get_category(slug, page).await,
            None => Err(ApiError::NotFound),
        }
    });
    load_page(data, render)
}

fn render(page: CategoryPage) -> impl IntoView {
    let c = page.category;
    let base = c.href();
    let title = if page.page > 1 { format!("{} – Trang {}", c.name, page.page) } else { c.name.clone() };
    let description = if c.description.is_empty() { c.name.clone() } else { describe(&c.description) };
    let children = (!page.children.is_empty()).then(|| view! {
        <nav class="subcategories" aria-label="Chuyên mục con">
            <ul>
                {page.children.into_iter().map(|child| { let href = child.href(); view! { <li><a href=href>{child.name}</a></li> } }).collect_view()}
            </ul>
        </nav>
    });
    let list = if page.articles.is_empty() {
        view! { <p class="empty">"Chuyên mục này chưa có bài viết."</p> }.into_any()
    } else {
        view! {
            <ul class="article-list">
                {page.articles.into_iter().map(|a| view! { <li><ArticleCard article=a with_lead=true/></li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=title/>
        {crate::components::feed_link::feed_link(crate::feeds::Feed::Category(c.slug.clone()), Some(&c.name))}
        <Meta name="description" content=description/>
        <Breadcrumb crumbs=page.crumbs/>
        <header class="page-heading">
            <h1>{c.name.clone()}</h1>
            {(!c.description.is_empty()).then(|| view! { <p class="category-description">{c.description.clone()}</p> })}
            <p class="list-count">{format!("{} bài viết · Trang {}/{}", crate::format::number(page.total_articles), page.page, page.total_pages)}</p>
            {crate::components::subscribe_link::subscribe_link(
                crate::subscriptions::Topic::Category(c.slug.clone()),
                "Nhận tin mới của chuyên mục qua email",
            )}
        </header>
        <NewArticleButton category=c.slug.clone()/>
        {children}
        {list}
        <Pagination href=Callback::new(move |p| page_href(&base, p)) current=page.page total=page.total_pages/>
    }
}

/// "Bài viết mới", for signed-in editors: a plain form, so it also works without JavaScript;
/// the server creates a draft and opens it in edit mode.
#[component]
fn NewArticleButton(category: String) -> impl IntoView {
    use crate::api::CreateArticle;
    use leptos::server_fn::ServerFn;
    let user = expect_context::<crate::app::UserResource>();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let category = category.clone();
                Suspend::new(async move {
                    user.await.ok().flatten().map(|_| view! {
                        <form class="new-article" method="post" action=CreateArticle::url()>
                            <input type="hidden" name="category" value=category/>
                            <button type="submit">"Bài viết mới"</button>
                        </form>
                    })
                })
            }}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_page;

    #[test]
    fn page_numbers_from_the_query() {
        assert_eq!(parse_page(None), Some(1));
        assert_eq!(parse_page(Some("3".into())), Some(3));
        assert_eq!(parse_page(Some("0".into())), None);
        assert_eq!(parse_page(Some("abc".into())), None);
        assert_eq!(parse_page(Some("-2".into())), None);
    }
}

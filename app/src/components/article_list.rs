//! Lists of articles: cards, compact lists, pagination.

use crate::format;
use crate::model::ArticleSummary;
use leptos::prelude::*;

#[component]
pub fn ArticleCard(article: ArticleSummary, #[prop(optional)] with_lead: bool) -> impl IntoView {
    let href = article.href();
    let image = article.image_url.clone().map(|src| {
        view! { <img class="card-image" src=src alt="" width="800" height="450" loading="lazy"/> }
    });
    view! {
        <article class="article-card">
            {image}
            <h3><a href=href>{article.title.clone()}</a></h3>
            <p class="card-meta">
                <time datetime=article.published.iso.clone()>{format::weekday_date(&article.published)}</time>
                " · " {article.category_name.clone()}
            </p>
            {with_lead.then(|| view! { <p class="card-lead">{article.lead.clone()}</p> })}
        </article>
    }
}

/// Titles with their date, as in "Bài đã đăng": "Title (16/05/2025 09:41)".
#[component]
pub fn CompactList(articles: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <ul class="compact-list">
            {articles
                .into_iter()
                .map(|a| {
                    let href = a.href();
                    view! {
                        <li>
                            <a href=href>{a.title.clone()}</a>
                            " "
                            <span class="compact-date">
                                "(" <time datetime=a.published.iso.clone()>{format::date_time(&a.published)}</time> ")"
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The page numbers to show: first, last, and two either side of the current one; `None`
/// stands for a gap ("…").
pub fn page_window(current: u32, total: u32) -> Vec<Option<u32>> {
    let mut out = Vec::new();
    let mut last_shown = 0;
    for p in 1..=total {
        let near = p + 2 >= current && p <= current + 2;
        if p == 1 || p == total || near {
            if p > last_shown + 1 {
                out.push(None);
            }
            out.push(Some(p));
            last_shown = p;
        }
    }
    out
}

/// URL of page `page` of a list at `base` (page 1 has no parameter).
pub fn page_href(base: &str, page: u32) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}?trang={page}")
    }
}

/// Page links; `href` gives the address of page N (keeping any filters).
#[component]
pub fn Pagination(href: Callback<u32, String>, current: u32, total: u32) -> impl IntoView {
    (total > 1).then(move || {
        let prev = (current > 1).then(|| {
            view! { <li><a class="page-prev" href=href.run(current - 1) rel="prev">"Trang trước"</a></li> }
        });
        let next = (current < total).then(|| {
            view! { <li><a class="page-next" href=href.run(current + 1) rel="next">"Trang sau"</a></li> }
        });
        let numbers = page_window(current, total)
            .into_iter()
            .map(|slot| match slot {
                Some(p) if p == current => view! {
                    <li><span class="page-current" aria-current="page">{p}</span></li>
                }
                .into_any(),
                Some(p) => view! {
                    <li><a href=href.run(p)>{p}</a></li>
                }
                .into_any(),
                None => view! { <li class="page-gap" aria-hidden="true">"…"</li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="pagination" aria-label="Phân trang">
                <ul>{prev}{numbers}{next}</ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_ends_and_neighbours() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(10, 20),
            vec![Some(1), None, Some(8), Some(9), Some(10), Some(11), Some(12), None, Some(20)]
        );
        assert_eq!(page_window(1, 1), vec![Some(1)]);
    }

    #[test]
    fn first_page_has_a_clean_url() {
        assert_eq!(page_href("/chuyen-muc/x", 1), "/chuyen-muc/x");
        assert_eq!(page_href("/chuyen-muc/x", 3), "/chuyen-muc/x?trang=3");
    }
}

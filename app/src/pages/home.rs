use super::load_page;
use crate::api::get_home;
use crate::components::article_list::ArticleCard;
use crate::components::breadcrumb::Breadcrumb;
use crate::model::{Crumb, HomePage};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HomeView() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_home());
    view! {
        <Title text="Trang chủ"/>
        {crate::components::feed_link::feed_link(crate::feeds::Feed::News, None)}
        <Meta
            name="description"
            content="Cổng thông tin điện tử Hội đồng nhân dân tỉnh Bình Dương: tin hoạt động, nghị quyết, giám sát, kiến nghị cử tri và lịch làm việc."
        />
        <script type="application/ld+json" inner_html=crate::structured::server_json_ld(|| crate::structured::GovernmentOrganization::council(&crate::components::seo_head::origin()))></script>
        <Breadcrumb crumbs=vec![Crumb::current("Trang chủ")]/>
        <h1 class="visually-hidden">"Hội đồng nhân dân tỉnh Bình Dương – Trang chủ"</h1>
        {load_page(data, |home: HomePage| view! {
            <section class="featured-articles" aria-labelledby="featured-heading">
                <h2 id="featured-heading">"Tin nổi bật"</h2>
                <div class="card-grid featured-grid">
                    {home.featured.into_iter().map(|a| view! { <ArticleCard article=a with_lead=true/> }).collect_view()}
                </div>
            </section>
            <section class="latest-articles" aria-labelledby="latest-heading">
                <h2 id="latest-heading">"Tin mới"</h2>
                <div class="card-grid">
                    {home.latest.into_iter().map(|a| view! { <ArticleCard article=a/> }).collect_view()}
                </div>
            </section>
            {home
                .sections
                .into_iter()
                .map(|s| {
                    let heading_id = format!("section-{}", s.category.slug);
                    view! {
                        <section class="category-section" aria-labelledby=heading_id.clone()>
                            <h2 id=heading_id.clone()><a href=s.category.href()>{s.category.name.clone()}</a></h2>
                            <div class="card-grid">
                                {s.articles.into_iter().map(|a| view! { <ArticleCard article=a/> }).collect_view()}
                            </div>
                        </section>
                    }
                })
                .collect_view()}
        })}
    }
}

//! `/du-lieu-mo`: the open datasets, how to download and page through them, every filter and
//! field (from `crate::open_data`), and the licence.

use crate::components::breadcrumb::Breadcrumb;
use crate::model::Crumb;
use crate::open_data::{Dataset, Field, Format, CURSOR, LICENCE, LICENCE_URL, PAGE_SIZE};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

fn field_table(caption: String, head: &'static str, fields: &'static [Field]) -> impl IntoView {
    view! {
        <table class="data-fields">
            <caption>{caption}</caption>
            <thead>
                <tr><th scope="col">{head}</th><th scope="col">"Ý nghĩa"</th></tr>
            </thead>
            <tbody>
                {fields.iter().map(|f| view! {
                    <tr><td><code>{f.name}</code></td><td>{f.about}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn dataset_section(d: Dataset) -> impl IntoView {
    let heading = format!("{}-heading", d.key());
    let csv = d.href(Format::Csv);
    let json = d.href(Format::Json);
    view! {
        <section class="dataset" id=d.key() aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{d.title()}</h2>
            <p>{d.about()}</p>
            <ul class="dataset-downloads">
                <li><a href=csv.clone() download=format!("{}.csv", d.key()) rel="external">{format!("Tải CSV: {}", d.title())}</a> " " <code>{csv}</code></li>
                <li><a href=json.clone() rel="external" type="application/json">{format!("JSON: {}", d.title())}</a> " " <code>{json}</code></li>
            </ul>
            {field_table(format!("Bộ lọc của “{}”", d.title()), "Tham số", d.filters())}
            {field_table(format!("Các trường của “{}”", d.title()), "Trường", d.fields())}
        </section>
    }
}

#[component]
pub fn OpenDataView() -> impl IntoView {
    let example = format!("{}?khoa=X&hieu_luc=con-hieu-luc", Dataset::Resolutions.href(Format::Csv));
    view! {
        <Title text="Dữ liệu mở"/>
        <Meta name="description" content="Dữ liệu mở của HĐND tỉnh Bình Dương: nghị quyết, kiến nghị cử tri và trả lời, lịch công tác, đại biểu và các cơ quan, tải về dạng CSV hoặc JSON, được tự do sử dụng lại."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Dữ liệu mở")]/>
        <article class="open-data">
            <h1>"Dữ liệu mở"</h1>
            <p>
                "Các văn bản và thông tin công khai của HĐND tỉnh được cung cấp để mọi người tự do sử dụng lại theo giấy phép "
                <a href=LICENCE_URL rel="license external">{LICENCE}</a>
                ": được sao chép, phân phối, chỉnh sửa và dùng cho mục đích thương mại, với điều kiện ghi rõ nguồn “Cổng thông tin điện tử HĐND tỉnh Bình Dương” và địa chỉ trang của bản ghi."
            </p>
            <section aria-labelledby="how-heading">
                <h2 id="how-heading">"Cách sử dụng"</h2>
                <ul>
                    <li>
                        <strong>"CSV"</strong>
                        ": mã UTF-8 có BOM (Excel mở đúng tiếng Việt), dòng đầu là tên các trường. Tệp gồm mọi bản ghi khớp bộ lọc."
                    </li>
                    <li>
                        <strong>"JSON"</strong>
                        {format!(": mỗi trang {PAGE_SIZE} bản ghi theo thứ tự mã số (id). Trường “next” là địa chỉ trang sau (tham số “{CURSOR}”), “null” ở trang cuối; con trỏ này không đổi khi có bản ghi mới. Mỗi trang có ETag: gửi lại với If-None-Match để nhận 304 khi dữ liệu không đổi.")}
                    </li>
                    <li>
                        "Bộ lọc dùng cùng tham số với trang danh sách trên Cổng, ví dụ "
                        <code>{example}</code>
                        ". Giá trị không hợp lệ được trả lời mã 400 kèm lời giải thích."
                    </li>
                    <li>"Ngày theo dạng YYYY-MM-DD, thời điểm theo ISO 8601 với giờ Việt Nam (+07:00). Bản ghi có “is_demo” là true là dữ liệu minh họa."</li>
                </ul>
            </section>
            {Dataset::ALL.into_iter().map(dataset_section).collect_view()}
        </article>
    }
}

//! Pieces of the GET filter forms above the record lists (they work without JavaScript).

use leptos::prelude::*;

/// One labelled select of the filter form; `all` adds "Tất cả" (the empty value) first.
pub fn select(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    all: bool,
    options: Vec<(String, String)>,
    selected: String,
) -> impl IntoView {
    let all = all.then(|| {
        let selected = selected.is_empty();
        view! { <option value="" selected=selected>"Tất cả"</option> }
    });
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                {all}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A fixed vocabulary as select options.
pub fn options(choices: &[(&str, &str)]) -> Vec<(String, String)> {
    choices.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect()
}

/// Paragraphs of plain text.
pub fn paragraphs_view(paragraphs: Vec<String>) -> impl IntoView {
    paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()
}

/// "Nội dung trả lời" of a petition or a citizen's question: the answer with who gave it and
/// when, or how long it has been owed (`overdue`: days since it came in, and the allowed days).
pub fn answer_section(
    answer: Option<(Vec<String>, Option<String>, Option<String>)>,
    overdue: Option<(i64, i64)>,
    files: impl IntoView,
) -> impl IntoView {
    let body = match (answer, overdue) {
        (Some((paragraphs, agency, answered)), _) => view! {
            <p class="record-meta">{agency.unwrap_or_default()} {answered.map(|a| format!(" · ngày {a}"))}</p>
            {paragraphs_view(paragraphs)}
        }
        .into_any(),
        (None, Some((days, allowed))) => {
            view! { <p>{format!("Chưa có trả lời sau {days} ngày (thời hạn {allowed} ngày).")}</p> }.into_any()
        }
        (None, None) => view! { <p>"Chưa có trả lời."</p> }.into_any(),
    };
    view! {
        <section class="petition-answer" aria-labelledby="answer-heading">
            <h2 id="answer-heading">"Nội dung trả lời"</h2>
            {body}
            {files}
        </section>
    }
}

/// The "Dữ liệu minh họa" badge of demo records.
pub fn demo_badge(is_demo: bool) -> impl IntoView {
    is_demo.then(|| view! { <p class="demo-badge">"Dữ liệu minh họa"</p> })
}

/// Attached files with their sizes, or a line saying there are none.
pub fn files_view(files: Vec<crate::resolution::AttachedFile>) -> impl IntoView {
    if files.is_empty() {
        return view! { <p>"Chưa có tệp đính kèm."</p> }.into_any();
    }
    view! {
        <ul class="attached-files">
            {files.into_iter().map(|f| view! {
                <li>
                    <a href=f.url download=f.name.clone() rel="external">{f.name.clone()}</a>
                    " (" {crate::resolution::file_size(f.size)} ")"
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

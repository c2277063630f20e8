//! Hỏi đáp and góp ý: the public list (filters in the URL) and each question with its answer;
//! the form citizens send them with; the page the confirmation link opens. Editors see the
//! moderation queue in the same list, and moderate on the question's page with the record
//! editor (publish, answer, reject).

use super::{describe, load_page};
use crate::api::{
    confirm_question, get_question, list_questions, question_confirmable, ConfirmQuestion, ASK_RESULT_PARAM,
};
use crate::components::article_list::Pagination;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::confirm_link::ConfirmLink;
use crate::components::editor_slot::{EditContext, RecordTools};
use crate::components::filter::{answer_section, demo_badge, files_view, options, paragraphs_view, select};
use crate::components::form_post::post_form;
use crate::components::form_status::FormEnd;
use crate::components::print::{print_source, PrintButton};
use crate::error::ApiError;
use crate::mail::{notice, MailOutcome};
use crate::model::Crumb;
use crate::questions::*;
use crate::records::{RecordKind, LOCALITIES};
use leptos::html::{Input, Textarea};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

const LIST: &str = "/hoi-dap";
const ASK: &str = "/hoi-dap/gui";

fn status_badge(q: &QuestionSummary) -> impl IntoView {
    view! {
        <span class=format!("question-status status-{}", q.status.key())>{q.status.label()}</span>
        {q.overdue.then(|| view! { <span class="overdue-flag">{format!("Quá hạn trả lời ({} ngày)", q.days)}</span> })}
    }
}

#[component]
pub fn QuestionsView() -> impl IntoView {
    let query = use_query_map();
    let filter = move || QuestionFilter::from_query(|k| super::head_param(query, k));
    let data = Resource::new(filter, |f| async move {
        match f {
            Ok(f) => list_questions(f).await,
            Err(_) => Err(ApiError::NotFound),
        }
    });
    view! {
        <Title text="Góp ý - Hỏi đáp"/>
        {crate::components::feed_link::feed_link(crate::feeds::Feed::Questions, None)}
        <Meta name="description" content="Câu hỏi, góp ý của công dân gửi Hội đồng nhân dân tỉnh Bình Dương và nội dung trả lời của các cơ quan có thẩm quyền."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Góp ý - Hỏi đáp")]/>
        <h1>"Góp ý - Hỏi đáp"</h1>
        <p class="ask-links">
            <a class="button-link" href=ASK>"Gửi câu hỏi"</a>
            " "
            <a class="button-link" href=format!("{ASK}?loai=gop-y")>"Gửi góp ý"</a>
        </p>
        {load_page(data, move |data: QuestionList| {
            let f = filter().unwrap_or_default();
            let statuses = if data.as_editor { MODERATION_STATUSES } else { PUBLIC_STATUSES };
            let list = data.list;
            view! {
                {data.as_editor.then(|| {
                    let queue = format!("{LIST}?trang_thai={}", QuestionStatus::Pending.key());
                    view! {
                        <p class="moderation-queue" role="note">
                            <a href=queue>{format!("{} câu hỏi chờ duyệt", crate::format::number(data.pending))}</a>
                            " (chỉ biên tập viên thấy): mở câu hỏi rồi bấm “Duyệt, trả lời câu hỏi” để đăng, trả lời hoặc không đăng."
                        </p>
                    }
                })}
                <p class="petition-rule">
                    {format!("Câu hỏi chưa được trả lời sau {} ngày kể từ ngày gửi được đánh dấu quá hạn, như kiến nghị cử tri.", data.answer_days)}
                </p>
                <form class="filter-form" method="get" action=LIST aria-label="Lọc câu hỏi">
                    {select("q-loai", "loai", "Loại", true, options(QUESTION_KINDS), f.kind.clone().unwrap_or_default())}
                    {select("q-linh-vuc", "linh_vuc", "Lĩnh vực", true, options(QUESTION_FIELDS), f.field.clone().unwrap_or_default())}
                    {select("q-dia-phuong", "dia_phuong", "Địa phương", true, options(LOCALITIES), f.locality.clone().unwrap_or_default())}
                    {select("q-trang-thai", "trang_thai", "Tình trạng", true, options(statuses), f.status.map(|s| s.key().to_string()).unwrap_or_default())}
                    {select("q-nam", "nam", "Năm", true, data.years.iter().map(|y| (y.to_string(), y.to_string())).collect(), f.year.map(|y| y.to_string()).unwrap_or_default())}
                    <div class="field field-check">
                        <input id="q-qua-han" type="checkbox" name="qua_han" value="1" checked=f.overdue/>
                        <label for="q-qua-han">"Chỉ câu hỏi quá hạn"</label>
                    </div>
                    <button type="submit">"Lọc"</button>
                </form>
                <p class="list-count" role="status">{format!("{} câu hỏi · Trang {}/{}", crate::format::number(list.total), list.page, list.total_pages)}</p>
                <ul class="record-list question-list">
                    {list.items.into_iter().map(|q| view! {
                        <li class:overdue=q.overdue>
                            <p class="record-meta">
                                {status_badge(&q)}
                                " " {q.kind_label.clone()} " · " {q.asked.clone()} " · " {q.locality.clone()} " · " {q.field_label.clone()}
                            </p>
                            <p><a href=RecordKind::Question.href(&q.slug, &[])>{q.title.clone()}</a></p>
                            <p class="record-meta">"Người gửi: " {q.asker.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
                <Pagination href=Callback::new(move |p| format!("{LIST}{}", f.query(p))) current=list.page total=list.total_pages/>
            }
        })}
    }
}

#[component]
pub fn QuestionView() -> impl IntoView {
    let params = use_params_map();
    let ctx = EditContext::new();
    let data = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), ctx.reload.get()),
        |(slug, _)| get_question(slug),
    );
    load_page(data, move |d: QuestionDetail| {
        let q = d.summary;
        let answered = !d.answer.is_empty() && q.status == QuestionStatus::Answered;
        view! {
            <Title text=q.title.clone()/>
            <Meta name="description" content=describe(&d.text.join(" "))/>
            {(!q.status.is_public()).then(|| view! { <Meta name="robots" content="noindex"/> })}
            <Breadcrumb crumbs=vec![Crumb::home(), Crumb::link("Góp ý - Hỏi đáp", LIST), Crumb::current(q.title.clone())]/>
            <RecordTools kind=RecordKind::Question slug=q.slug.clone() ctx/>
            <article class="record question">
                <h1>{q.title.clone()}</h1>
                {demo_badge(d.is_demo)}
                <p class="record-meta">{status_badge(&q)}</p>
                <p class="record-actions"><PrintButton path=RecordKind::Question.href(&q.slug, &[])/></p>
                <dl class="record-facts">
                    <div><dt>"Loại"</dt><dd>{q.kind_label.clone()}</dd></div>
                    <div><dt>"Người gửi"</dt><dd>{q.asker.clone()}</dd></div>
                    <div><dt>"Địa phương"</dt><dd>{q.locality.clone()}</dd></div>
                    <div><dt>"Lĩnh vực"</dt><dd>{q.field_label.clone()}</dd></div>
                    <div><dt>"Ngày gửi"</dt><dd>{q.asked.clone()}</dd></div>
                </dl>
                <blockquote class="question-text">{paragraphs_view(d.text)}</blockquote>
                {(!d.files.is_empty()).then(|| view! {
                    <section class="question-files" aria-labelledby="tep-dinh-kem">
                        <h2 id="tep-dinh-kem">"Tệp đính kèm"</h2>
                        {files_view(d.files.clone())}
                    </section>
                })}
                {d.reject_reason.map(|r| view! {
                    <p class="notice-warning">"Không đăng (chỉ biên tập viên thấy). Lý do đã gửi cho người hỏi: " {r}</p>
                })}
                {answer_section(
                    answered.then(|| (d.answer, d.answer_agency.clone(), d.answered.clone())),
                    q.overdue.then_some((q.days, d.answer_days)),
                    (),
                )}
                {print_source(&RecordKind::Question.href(&q.slug, &[]), "Ngày gửi", q.asked.clone())}
            </article>
        }
    })
}

/// "Gửi câu hỏi" / "Gửi góp ý": a plain form (it works without JavaScript).
#[component]
pub fn AskQuestionView() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let returned = query.get(ASK_RESULT_PARAM).and_then(|code| notice(&code));
    let preset = query
        .get("loai")
        .filter(|k| QUESTION_KINDS.iter().any(|(key, _)| key == k))
        .unwrap_or_else(|| "hoi-dap".into());
    let status = RwSignal::new(returned.map(|(m, ok)| (m.to_string(), ok)));
    let pending = RwSignal::new(false);
    let form = NodeRef::<leptos::html::Form>::new();
    let (title, file) = (NodeRef::<Input>::new(), NodeRef::<Input>::new());
    let text = NodeRef::<Textarea>::new();
    let (stamp, trap) = (NodeRef::new(), NodeRef::new());
    // The whole form goes as the browser would post it (the attachment too), asking for JSON.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pending.set(true);
        status.set(None);
        leptos::task::spawn_local(async move {
            let answer = post_form::<MailOutcome>(form.get_untracked()).await;
            pending.set(false);
            match answer {
                Ok(outcome) => {
                    for input in [title, file] {
                        if let Some(el) = input.get_untracked() {
                            el.set_value("");
                        }
                    }
                    if let Some(el) = text.get_untracked() {
                        el.set_value("");
                    }
                    status.set(Some((outcome.message, true)));
                }
                Err(message) => status.set(Some((message, false))),
            }
        });
    };
    let choices = |list: &'static [(&'static str, &'static str)], selected: String| {
        list.iter()
            .map(|(k, l)| {
                let is = *k == selected;
                view! { <option value=*k selected=is>{*l}</option> }
            })
            .collect_view()
    };
    view! {
        <Title text="Gửi câu hỏi, góp ý"/>
        <Meta name="description" content="Gửi câu hỏi hoặc góp ý đến Hội đồng nhân dân tỉnh Bình Dương."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::link("Góp ý - Hỏi đáp", LIST), Crumb::current("Gửi câu hỏi, góp ý")]/>
        <h1>"Gửi câu hỏi, góp ý"</h1>
        <p>
            "Câu hỏi, góp ý (về dự thảo nghị quyết, về hoạt động của HĐND, về cổng thông tin) được chuyển đến Ban biên tập sau khi bạn xác nhận qua thư; câu hỏi được đăng công khai cùng nội dung trả lời. Email của bạn không được công khai."
        </p>
        <form
            class="mail-form question-form"
            id="gui-cau-hoi"
            method="post"
            action=ASK_ACTION
            enctype="multipart/form-data"
            node_ref=form
            on:submit=on_submit
        >
            <div class="field">
                <label for="ask-kind">"Loại"</label>
                <select id="ask-kind" name="kind">{choices(QUESTION_KINDS, preset)}</select>
            </div>
            <div class="field">
                <label for="ask-asker">"Họ và tên"</label>
                <input id="ask-asker" name="asker" type="text" autocomplete="name" required maxlength=ASKER_MAX_CHARS/>
            </div>
            <div class="field">
                <label for="ask-email">"Email"</label>
                <input id="ask-email" name="email" type="email" autocomplete="email" required aria-describedby="ask-privacy"/>
            </div>
            <div class="field">
                <label for="ask-locality">"Địa phương"</label>
                <select id="ask-locality" name="locality">{choices(LOCALITIES, String::new())}</select>
            </div>
            <div class="field">
                <label for="ask-field">"Lĩnh vực"</label>
                <select id="ask-field" name="field">{choices(QUESTION_FIELDS, String::new())}</select>
            </div>
            <div class="field">
                <label for="ask-title">"Tiêu đề"</label>
                <input id="ask-title" name="title" type="text" required maxlength=TITLE_MAX_CHARS node_ref=title/>
            </div>
            <div class="field">
                <label for="ask-text">"Nội dung"</label>
                <textarea id="ask-text" name="text" rows="8" required maxlength=TEXT_MAX_CHARS node_ref=text></textarea>
            </div>
            <div class="field">
                <label for="ask-file">"Tệp đính kèm (không bắt buộc)"</label>
                <input
                    id="ask-file"
                    name=FILE_FIELD
                    type="file"
                    accept=".pdf,.doc,.docx,.xls,.xlsx,.pptx,.odt,.ods"
                    aria-describedby="ask-file-hint"
                    node_ref=file
                />
                <p class="form-privacy" id="ask-file-hint">
                    "PDF, Word, Excel, PowerPoint hoặc OpenDocument, tối đa 5 MB. Tệp được công khai cùng câu hỏi khi câu hỏi được đăng; Ban biên tập gỡ tệp có thông tin riêng tư trước khi đăng."
                </p>
            </div>
            <FormEnd
                id="ask"
                privacy="Email chỉ dùng để xác nhận và báo khi có trả lời."
                button="Gửi"
                stamp
                trap
                pending
                status
            />
        </form>
    }
}

/// The page the confirmation link opens.
#[component]
pub fn ConfirmQuestionView() -> impl IntoView {
    super::private_page();
    let query = use_query_map().get_untracked();
    let token = query.get("ma").unwrap_or_default();
    let after = || Some(("Xem các câu hỏi đã trả lời".to_string(), LIST.to_string()));
    let outcome = RwSignal::new(match query.get(ASK_RESULT_PARAM).as_deref() {
        Some("da-xac-nhan") => Some((CONFIRMED.to_string(), true, after())),
        Some(_) => Some((BAD_CONFIRM_LINK.to_string(), false, None)),
        None => None,
    });
    let live = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        question_confirmable,
    );
    let confirm = Callback::new(move |token: String| {
        leptos::task::spawn_local(async move {
            outcome.set(Some(match confirm_question(token).await {
                Ok(message) => (message, true, after()),
                Err(e) => (e.to_string(), false, None),
            }));
        });
    });
    view! {
        <Title text="Xác nhận câu hỏi"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="description" content="Xác nhận câu hỏi gửi đến Hội đồng nhân dân tỉnh."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::link("Góp ý - Hỏi đáp", LIST), Crumb::current("Xác nhận câu hỏi")]/>
        <h1>"Xác nhận câu hỏi"</h1>
        <ConfirmLink
            token
            live
            action=ConfirmQuestion::url().to_string()
            prompt=|title| format!("Bấm nút dưới đây để xác nhận bạn đã gửi câu hỏi “{title}”.")
            button="Xác nhận câu hỏi"
            bad_link=BAD_CONFIRM_LINK
            again=("Gửi câu hỏi mới", ASK)
            outcome
            confirm
        />
    }
}

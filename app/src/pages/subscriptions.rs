//! "Đăng ký nhận tin": the form (a topic, an address, how often), the page the confirmation
//! link opens, and the page every message links to manage or cancel the subscription. Plain
//! forms: they all work without JavaScript.

use super::load_page;
use crate::api::{
    change_subscription, confirm_subscription, get_subscription, subscribe, subscription_confirmable,
    subscription_topics, unsubscribe, ChangeSubscription, ConfirmSubscription, Subscribe, Unsubscribe,
};
use crate::components::bot_guard::value_of;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::confirm_link::ConfirmLink;
use crate::components::form_status::{FormEnd, FormStatus};
use crate::mail::notice;
use crate::model::Crumb;
use crate::subscriptions::*;
use leptos::html::{Input, Select};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The three frequencies as radio buttons named `frequency`, `chosen` checked and kept in step.
fn frequency_choices(id: &'static str, chosen: RwSignal<Frequency>) -> impl IntoView {
    let initial = chosen.get_untracked();
    view! {
        <fieldset class="frequency-choices">
            <legend>"Nhận thư"</legend>
            {Frequency::ALL
                .into_iter()
                .map(|f| {
                    let input_id = format!("{id}-{}", f.key());
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                id=input_id.clone()
                                name="frequency"
                                value=f.key()
                                checked=f == initial
                                on:change=move |_| chosen.set(f)
                            />
                            <label for=input_id>{f.label()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// "Đăng ký nhận tin qua email": the topic comes from the link that led here (a category, the
/// resolutions, a calendar, a search), and can be changed except for a search.
#[component]
pub fn SubscribeView() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let get = |k: &str| query.get(k).unwrap_or_default();
    let (preset, q, kind) = (get("chu_de"), get("q"), get("loai"));
    let search = match Topic::parse(&preset, &q, &kind) {
        Ok(t @ Topic::Search { .. }) => Some(t),
        _ => None,
    };
    let returned = query.get(RESULT_PARAM).and_then(|code| notice(&code));
    let status = RwSignal::new(returned.map(|(m, ok)| (m.to_string(), ok)));
    let pending = RwSignal::new(false);
    let frequency = RwSignal::new(Frequency::Immediate);
    let (email, topic_select) = (NodeRef::<Input>::new(), NodeRef::<Select>::new());
    let (stamp, trap) = (NodeRef::new(), NodeRef::new());
    let topics = Resource::new(|| (), |()| subscription_topics());
    let on_submit = {
        let (q, kind, searching) = (q.clone(), kind.clone(), search.is_some());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let topic = if searching {
                "tim-kiem".to_string()
            } else {
                topic_select.get_untracked().map(|el| el.value()).unwrap_or_default()
            };
            let args = (topic, q.clone(), kind.clone(), value_of(email), frequency.get_untracked().key().to_string());
            let guard = (value_of(trap), value_of(stamp));
            pending.set(true);
            status.set(None);
            leptos::task::spawn_local(async move {
                let answer = subscribe(args.0, args.1, args.2, args.3, args.4, guard.0, guard.1).await;
                pending.set(false);
                status.set(Some(match answer {
                    Ok(outcome) => (outcome.message, true),
                    Err(e) => (e.to_string(), false),
                }));
            });
        }
    };
    let topic_field = match search {
        Some(t) => view! {
            <p class="subscribe-topic">"Chủ đề: " <strong>{t.label(None)}</strong></p>
            <input type="hidden" name="topic" value="tim-kiem"/>
            <input type="hidden" name="q" value=q.clone()/>
            <input type="hidden" name="loai" value=kind.clone()/>
        }
        .into_any(),
        None => view! {
            <input type="hidden" name="q" value=""/>
            <input type="hidden" name="loai" value=""/>
            <Suspense fallback=|| ()>
                {move || {
                    let preset = preset.clone();
                    Suspend::new(async move {
                        let options = topics
                            .await
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(value, label)| {
                                let chosen = value == preset;
                                view! { <option value=value selected=chosen>{label}</option> }
                            })
                            .collect_view();
                        view! {
                            <div class="field">
                                <label for="sub-topic">"Chủ đề"</label>
                                <select id="sub-topic" name="topic" node_ref=topic_select>{options}</select>
                            </div>
                        }
                    })
                }}
            </Suspense>
        }
        .into_any(),
    };
    view! {
        <Title text="Đăng ký nhận tin qua email"/>
        <Meta name="description" content="Nhận thư khi Hội đồng nhân dân tỉnh Bình Dương đăng tin, nghị quyết, lịch làm việc mới."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::current("Đăng ký nhận tin")]/>
        <h1>"Đăng ký nhận tin qua email"</h1>
        <p>
            "Nhận thư khi có tin bài mới trong một chuyên mục, nghị quyết mới, lịch làm việc mới hoặc kết quả mới cho một tìm kiếm. Bạn xác nhận qua thư trước khi nhận tin, và mỗi thư đều có đường dẫn hủy đăng ký."
        </p>
        <form class="mail-form subscribe-form" id="dang-ky-form" method="post" action=Subscribe::url() on:submit=on_submit>
            {topic_field}
            <div class="field">
                <label for="sub-email">"Email"</label>
                <input id="sub-email" name="email" type="email" autocomplete="email" required node_ref=email aria-describedby="sub-privacy"/>
            </div>
            {frequency_choices("sub-frequency", frequency)}
            <FormEnd
                id="sub"
                privacy="Chỉ lưu địa chỉ email và chủ đề bạn chọn; hủy đăng ký là xóa."
                button="Đăng ký"
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
pub fn ConfirmSubscriptionView() -> impl IntoView {
    super::private_page();
    let query = use_query_map().get_untracked();
    let token = query.get(TOKEN_PARAM).unwrap_or_default();
    // Without JavaScript a good confirmation goes on to the manage page; only a bad one comes back.
    let outcome =
        RwSignal::new(query.get(RESULT_PARAM).map(|_| (BAD_CONFIRM_LINK.to_string(), false, None::<(String, String)>)));
    let live = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        subscription_confirmable,
    );
    let confirm = Callback::new(move |token: String| {
        leptos::task::spawn_local(async move {
            outcome.set(Some(match confirm_subscription(token).await {
                Ok(manage) => (CONFIRMED.to_string(), true, Some(("Quản lý đăng ký".to_string(), manage))),
                Err(e) => (e.to_string(), false, None),
            }));
        });
    });
    view! {
        <Title text="Xác nhận đăng ký nhận tin"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="description" content="Xác nhận đăng ký nhận tin qua email."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::link("Đăng ký nhận tin", SUBSCRIBE_PATH), Crumb::current("Xác nhận")]/>
        <h1>"Xác nhận đăng ký nhận tin"</h1>
        <ConfirmLink
            token
            live
            action=ConfirmSubscription::url().to_string()
            prompt=|topic| format!("Bấm nút dưới đây để bắt đầu nhận tin “{topic}”.")
            button="Xác nhận đăng ký"
            bad_link=BAD_CONFIRM_LINK
            again=("Đăng ký lại", SUBSCRIBE_PATH)
            outcome
            confirm
        />
    }
}

/// What a code in `?kq=` on the manage page says.
fn manage_notice(code: &str) -> Option<(String, bool)> {
    match code {
        "da-xac-nhan" => Some((CONFIRMED.to_string(), true)),
        "da-luu" => Some((FREQUENCY_CHANGED.to_string(), true)),
        "da-huy" => Some((UNSUBSCRIBED.to_string(), true)),
        "" => None,
        _ => Some((BAD_MANAGE_LINK.to_string(), false)),
    }
}

/// The page every message links: the subscription, its frequency, and "Hủy đăng ký".
#[component]
pub fn ManageSubscriptionView() -> impl IntoView {
    super::private_page();
    let query = use_query_map().get_untracked();
    let token = query.get(TOKEN_PARAM).unwrap_or_default();
    let code = query.get(RESULT_PARAM).unwrap_or_default();
    // After "Hủy đăng ký" without JavaScript the link names nothing any more: nothing to load.
    let cancelled = code == "da-huy";
    let gone = RwSignal::new(cancelled);
    let status = RwSignal::new(manage_notice(&code));
    let data = Resource::new(
        {
            let token = token.clone();
            move || (!cancelled).then(|| token.clone())
        },
        |token| async move {
            match token {
                Some(token) => get_subscription(token).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let on_unsubscribe = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let token = token.clone();
            leptos::task::spawn_local(async move {
                match unsubscribe(token).await {
                    Ok(()) => {
                        status.set(Some((UNSUBSCRIBED.to_string(), true)));
                        gone.set(true);
                    }
                    Err(e) => status.set(Some((e.to_string(), false))),
                }
            });
        }
    };
    let render = move |found: Option<SubscriptionView>| {
        let Some(sub) = found else { return ().into_any() };
        let frequency = RwSignal::new(sub.frequency);
        let token_for_change = token.clone();
        let on_change = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (token, f) = (token_for_change.clone(), frequency.get_untracked());
            leptos::task::spawn_local(async move {
                status.set(Some(match change_subscription(token, f.key().to_string()).await {
                    Ok(()) => (FREQUENCY_CHANGED.to_string(), true),
                    Err(e) => (e.to_string(), false),
                }));
            });
        };
        view! {
            <dl class="record-facts">
                <div><dt>"Email"</dt><dd>{sub.email.clone()}</dd></div>
                <div><dt>"Chủ đề"</dt><dd><a href=sub.topic_href.clone()>{sub.topic_label.clone()}</a></dd></div>
                <div><dt>"Đăng ký từ"</dt><dd>{sub.since.clone()}</dd></div>
            </dl>
            <form class="mail-form" method="post" action=ChangeSubscription::url() on:submit=on_change>
                <input type="hidden" name="token" value=token.clone()/>
                {frequency_choices("manage-frequency", frequency)}
                <button type="submit">"Lưu tần suất"</button>
            </form>
            <form class="unsubscribe-form" method="post" action=Unsubscribe::url() on:submit=on_unsubscribe.clone()>
                <input type="hidden" name="token" value=token.clone()/>
                <p>"Hủy đăng ký sẽ xóa địa chỉ email của bạn khỏi danh sách nhận tin của chủ đề này."</p>
                <button type="submit">"Hủy đăng ký"</button>
            </form>
            <FormStatus status/>
            {(!sub.others.is_empty()).then(|| view! {
                <h2>"Các đăng ký khác của địa chỉ này"</h2>
                <ul class="other-subscriptions">
                    {sub.others.iter().map(|(label, href)| view! { <li><a href=href.clone()>{label.clone()}</a></li> }).collect_view()}
                </ul>
            })}
        }
        .into_any()
    };
    view! {
        <Title text="Quản lý đăng ký nhận tin"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="description" content="Đổi tần suất nhận thư hoặc hủy đăng ký nhận tin."/>
        <Breadcrumb crumbs=vec![Crumb::home(), Crumb::link("Đăng ký nhận tin", SUBSCRIBE_PATH), Crumb::current("Quản lý đăng ký")]/>
        <h1>"Quản lý đăng ký nhận tin"</h1>
        {move || {
            if gone.get() {
                view! {
                    <FormStatus status/>
                    <p><a href=SUBSCRIBE_PATH>"Đăng ký nhận tin khác"</a></p>
                }
                .into_any()
            } else {
                load_page(data, render.clone()).into_any()
            }
        }}
    }
}

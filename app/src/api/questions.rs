//! Hỏi đáp: the public form, the asker's confirmation, and the list and detail pages (editors
//! also see the moderation queue; moderation itself is the record editor's save).
// `ask_question` takes one argument per field of the plain HTML form, which posts them by
// name; the server macro copies the function for the browser, where an attribute on the
// function itself does not follow.
#![allow(clippy::too_many_arguments)]

use crate::error::ApiError;
use crate::mail::MailOutcome;
use crate::questions::{QuestionDetail, QuestionFilter, QuestionList};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Query parameter the form's page reads after a post without JavaScript.
pub const ASK_RESULT_PARAM: &str = "ket_qua";

/// "Gửi câu hỏi": checked here whatever the browser did, stored unconfirmed, and the
/// confirmation link mailed to the asker.
#[server(prefix = "/api", endpoint = "ask_question")]
pub async fn ask_question(
    kind: String,
    asker: String,
    email: String,
    locality: String,
    field: String,
    title: String,
    text: String,
    website: String,
    stamp: String,
) -> Result<MailOutcome, ApiError> {
    use crate::mail::{required_line, required_text, EMAIL_INVALID};
    use crate::questions::*;
    use crate::records::LOCALITIES;
    let pool = crate::data::pool()?;
    let client = crate::client::current().await;
    let result = async {
        let invalid = |m: &str| ApiError::Invalid(m.to_string());
        let choice = |list: &[(&str, &str)], v: &str| list.iter().any(|(k, _)| *k == v);
        if !choice(QUESTION_KINDS, &kind) || !choice(LOCALITIES, &locality) || !choice(QUESTION_FIELDS, &field) {
            return Err(invalid(CHOICE_MISSING));
        }
        let asker = required_line(&asker, ASKER_MAX_CHARS, ASKER_MISSING)?;
        if !crate::share::is_valid_email(&email) {
            return Err(invalid(EMAIL_INVALID));
        }
        let title = required_line(&title, TITLE_MAX_CHARS, TITLE_MISSING)?;
        let text = required_text(&text, TEXT_MAX_CHARS, TEXT_MISSING)?;
        crate::data::form_stamp::check(&pool, &stamp, &website).await?;
        let email = crate::data::accounts::normalise_email(&email);
        let question = crate::data::questions::NewQuestion { kind, asker, email, locality, field, title, text };
        crate::data::questions::submit(&pool, &question, &client.ip, &client.base_url).await
    }
    .await;
    super::mail::reply(result, crate::mail::QUESTION_ANSWERS, "/hoi-dap/gui", ASK_RESULT_PARAM, "gui-cau-hoi").await
}

/// Whether a confirmation link still works (the page says so before the button).
#[server(prefix = "/api", endpoint = "question_confirmable")]
pub async fn question_confirmable(token: String) -> Result<bool, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::questions::confirmable(&pool, &token).await)
}

/// The asker confirms (a button on the page the mailed link opens, so that a mail scanner
/// following links confirms nothing).
#[server(prefix = "/api", endpoint = "confirm_question")]
pub async fn confirm_question(token: String) -> Result<String, ApiError> {
    let pool = crate::data::pool()?;
    let result = crate::data::questions::confirm(&pool, &token).await;
    if crate::login_session::is_plain_form().await {
        let code = if result.is_ok() { "da-xac-nhan" } else { "loi" };
        super::redirect(&format!("/hoi-dap/xac-nhan?{ASK_RESULT_PARAM}={code}"));
        return Ok(String::new());
    }
    super::answer(result.map(|()| crate::questions::CONFIRMED.to_string()))
}

#[server(prefix = "/api", endpoint = "questions", input = Json)]
pub async fn list_questions(filter: QuestionFilter) -> Result<QuestionList, ApiError> {
    let pool = crate::data::pool()?;
    let as_editor = crate::login_session::current_user().await?.is_some_and(|u| u.role.can_edit());
    super::answer(crate::data::questions::list(&pool, &filter, as_editor).await)
}

#[server(prefix = "/api", endpoint = "question")]
pub async fn get_question(slug: String) -> Result<QuestionDetail, ApiError> {
    let pool = crate::data::pool()?;
    let as_editor = crate::login_session::current_user().await?.is_some_and(|u| u.role.can_edit());
    super::answer(crate::data::questions::detail(&pool, &slug, as_editor).await)
}

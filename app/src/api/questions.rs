//! Hỏi đáp: the public form, the asker's confirmation, and the list and detail pages (editors
//! also see the moderation queue; moderation itself is the record editor's save).
// The form itself posts to a route of the server (`server/src/ask.rs`), being multipart for
// its attachment; `ASK_RESULT_PARAM` is what that route answers a post without JavaScript with.

use crate::error::ApiError;
use crate::questions::{QuestionDetail, QuestionFilter, QuestionList};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Query parameter the form's page reads after a post without JavaScript.
pub const ASK_RESULT_PARAM: &str = "ket_qua";

/// Whether a confirmation link still works (the page says so before the button).
#[server(prefix = "/api", endpoint = "question_confirmable")]
pub async fn question_confirmable(token: String) -> Result<Option<String>, ApiError> {
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

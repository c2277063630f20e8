//! The public forms that send mail (share an article, contact the office, reset a password),
//! the anti-bot stamp they carry, and the outbox for administrators.

#[cfg(feature = "ssr")]
use super::redirect;
use crate::error::ApiError;
use crate::mail::{MailOutcome, OutboxPage};
use leptos::prelude::*;

/// Query parameter a page reads after a form post without JavaScript (the notice's code).
pub const SHARE_RESULT_PARAM: &str = "chia_se";
pub const CONTACT_RESULT_PARAM: &str = "lien_he";
pub const RESET_RESULT_PARAM: &str = "kq";

/// A fresh signed time stamp for a form being drawn (see `data::form_stamp`).
#[server(prefix = "/api", endpoint = "form_stamp")]
pub async fn form_stamp() -> Result<String, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::form_stamp::mint(&pool).await)
}

/// Answers a mail form: as JSON to the app, or, after a plain form post, by sending the
/// browser back to `back` with the answer's code in `param`.
#[cfg(feature = "ssr")]
pub(super) async fn reply(
    result: Result<(), ApiError>,
    answers: crate::mail::Answers,
    back: &str,
    param: &str,
    anchor: &str,
) -> Result<MailOutcome, ApiError> {
    let configured = crate::data::mail::postbox().configured;
    if result.is_ok() {
        crate::data::mail::wake();
    }
    let outcome = result.map(|()| MailOutcome::new(configured, answers));
    if crate::login_session::is_plain_form().await {
        let code = match &outcome {
            Ok(done) => crate::mail::notice_code(&done.message),
            Err(ApiError::NotFound) => return super::answer(Err(ApiError::NotFound)),
            Err(e) => crate::mail::notice_code(&e.to_string()),
        };
        let sep = if back.contains('?') { '&' } else { '?' };
        redirect(&format!("{back}{sep}{param}={code}#{anchor}"));
        return Ok(MailOutcome { configured, message: String::new() });
    }
    super::answer(outcome)
}

/// "Chia sẻ bài viết qua email": checked here whatever the browser did, then written to the
/// outbox (from `MAIL_FROM`, with the visitor's address as `Reply-To`).
#[server(prefix = "/api", endpoint = "share_article")]
pub async fn share_article(
    slug: String,
    from: String,
    to: String,
    note: String,
    website: String,
    stamp: String,
) -> Result<MailOutcome, ApiError> {
    use crate::data::accounts::normalise_email;
    use crate::mail::{plain_note, NOTE_MAX_CHARS, NOTE_TOO_LONG};
    let pool = crate::data::pool()?;
    let back = format!("/bai-viet/{slug}");
    let client = crate::client::current().await;
    let result = async {
        let errors = crate::share::validate(&from, &to);
        if errors.any() {
            // Without JavaScript the page shows which field: see `share_result_code`.
            if crate::login_session::is_plain_form().await {
                redirect(&format!("{back}?{SHARE_RESULT_PARAM}={}#chia-se", crate::share::result_code(errors)));
            }
            return Err(ApiError::Invalid(crate::share::INVALID_EMAIL.into()));
        }
        let note = plain_note(&note, NOTE_MAX_CHARS).ok_or_else(|| ApiError::Invalid(NOTE_TOO_LONG.into()))?;
        crate::data::form_stamp::check(&pool, &stamp, &website).await?;
        let (from, to) = (normalise_email(&from), normalise_email(&to));
        crate::data::mail_forms::share_article(&pool, &slug, &from, &to, &note, &client.ip, &client.base_url).await
    }
    .await;
    if matches!(&result, Err(ApiError::Invalid(m)) if m == crate::share::INVALID_EMAIL)
        && crate::login_session::is_plain_form().await
    {
        return Ok(MailOutcome { configured: false, message: String::new() });
    }
    reply(result, crate::mail::MAIL_ANSWERS, &back, SHARE_RESULT_PARAM, "chia-se").await
}

/// The contact form of "Liên hệ": a message to the office, from `MAIL_FROM` with the visitor's
/// address as `Reply-To`.
#[server(prefix = "/api", endpoint = "contact_office")]
pub async fn contact_office(
    name: String,
    email: String,
    subject: String,
    message: String,
    website: String,
    stamp: String,
) -> Result<MailOutcome, ApiError> {
    use crate::mail::*;
    let pool = crate::data::pool()?;
    let client = crate::client::current().await;
    let result = async {
        let name = required_line(&name, NAME_MAX_CHARS, NAME_MISSING)?;
        if !crate::share::is_valid_email(&email) {
            return Err(ApiError::Invalid(EMAIL_INVALID.into()));
        }
        let subject = required_line(&subject, SUBJECT_MAX_CHARS, SUBJECT_MISSING)?;
        let message = required_text(&message, MESSAGE_MAX_CHARS, MESSAGE_MISSING)?;
        crate::data::form_stamp::check(&pool, &stamp, &website).await?;
        let email = crate::data::accounts::normalise_email(&email);
        crate::data::mail_forms::contact_office(&pool, &name, &email, &subject, &message, &client.ip).await
    }
    .await;
    let back = format!("/trang/{}", crate::mail::CONTACT_PAGE_SLUG);
    reply(result, crate::mail::MAIL_ANSWERS, &back, CONTACT_RESULT_PARAM, "lien-he-form").await
}

/// "Quên mật khẩu": mails a reset link if the address is an editor's account. The answer is the
/// same whether it is or not.
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String, website: String, stamp: String) -> Result<MailOutcome, ApiError> {
    let pool = crate::data::pool()?;
    let client = crate::client::current().await;
    let result = async {
        if !crate::share::is_valid_email(&email) {
            return Err(ApiError::Invalid(crate::mail::EMAIL_INVALID.into()));
        }
        crate::data::form_stamp::check(&pool, &stamp, &website).await?;
        crate::data::password_resets::request(&pool, &email, &client.ip, &client.base_url).await
    }
    .await;
    reply(result, crate::mail::RESET_ANSWERS, "/quen-mat-khau", RESET_RESULT_PARAM, "quen-mat-khau").await
}

/// Whether a reset link is still good (the page says so before the password is typed).
#[server(prefix = "/api", endpoint = "reset_link_live")]
pub async fn reset_link_live(token: String) -> Result<bool, ApiError> {
    let pool = crate::data::pool()?;
    super::answer(crate::data::password_resets::is_live(&pool, &token).await)
}

/// Sets a new password through a reset link; then the editor logs in with it.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String, confirm: String) -> Result<(), ApiError> {
    let pool = crate::data::pool()?;
    let result = if password == confirm {
        crate::data::password_resets::reset(&pool, &token, &password).await
    } else {
        Err(ApiError::Invalid(crate::mail::PASSWORDS_DIFFER.into()))
    };
    if let Ok(user) = &result {
        let ip = crate::client::current().await.ip;
        let actor = crate::data::audit::Actor::Account { user, ip: &ip };
        crate::data::audit::append_after(&pool, actor, crate::audit::Action::ResetPassword, &user.email).await;
    }
    if crate::login_session::is_plain_form().await {
        match &result {
            Ok(_) => redirect("/dang-nhap?kq=da-dat-lai"),
            Err(e) => redirect(&format!(
                "/dat-lai-mat-khau?ma={}&loi={}",
                crate::share::url_encode(&token),
                crate::mail::reset_error_code(&e.to_string())
            )),
        }
        return Ok(());
    }
    super::answer(result.map(|_| ()))
}

/// The outbox, for administrators: `status` is a slug of `MailStatus` or empty for all.
#[server(prefix = "/api", endpoint = "mail_outbox")]
pub async fn mail_outbox(status: String, page: u32) -> Result<OutboxPage, ApiError> {
    crate::login_session::require(crate::auth::Role::can_manage_users).await?;
    let pool = crate::data::pool()?;
    let status = match status.as_str() {
        "" => None,
        slug => Some(
            crate::mail::MailStatus::from_slug(slug)
                .ok_or_else(|| ApiError::Invalid("Trạng thái thư không hợp lệ.".into()))?,
        ),
    };
    let configured = crate::data::mail::postbox().configured;
    super::answer(crate::data::mail::outbox_page(&pool, status, page.max(1), configured).await)
}

/// Sends a failed (or waiting) message again, now, with a new day of retries.
#[server(prefix = "/api", endpoint = "resend_mail")]
pub async fn resend_mail(id: i64) -> Result<(), ApiError> {
    let me = crate::login_session::require(crate::auth::Role::can_manage_users).await?;
    let pool = crate::data::pool()?;
    let result = crate::data::mail::resend(&pool, id, crate::data::now()).await;
    if result.is_ok() {
        crate::data::mail::wake();
    }
    if crate::login_session::is_plain_form().await {
        redirect("/quan-tri/thu-di");
    }
    super::audited(&me, crate::audit::Action::ResendMail, &format!("thư #{id}"), result).await
}

//! The mail sender: a task that delivers the outbox (`app::data::mail`) through the SMTP
//! server of `SMTP_URL`, from `MAIL_FROM`. A message is marked sent once the server accepted
//! it; a failed attempt is retried with a growing wait for a day (`app::mail::next_attempt`),
//! and a permanent refusal (5xx, or an address that cannot be written) fails at once. The
//! task is woken when a message is queued, and otherwise looks again when the next retry is
//! due (at least every 15 seconds, for messages queued by another process).
//!
//! Without `SMTP_URL` no task runs: messages wait in the outbox, and the forms say so.

use app::data::mail::{self as outbox, Due, Postbox};
use app::error::ApiError;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::SqlitePool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The longest a message's delivery may take.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest the task sleeps without looking at the outbox (for mail queued by another
/// process, such as the command line).
const LOOK_EVERY: Duration = Duration::from_secs(15);
/// Messages sent in one pass before the outbox is read again.
const BATCH: i64 = 50;

#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("SMTP_URL không hợp lệ: {0} (ví dụ smtp://nguoi-dung:mat-khau@mail.example.vn:587 hoặc smtps://…)")]
    Url(String),
    #[error("MAIL_FROM không hợp lệ: {0:?} (ví dụ \"Cổng thông tin HĐND <no-reply@hdnd.example.vn>\")")]
    From(String),
    #[error("có SMTP_URL thì phải có MAIL_FROM (địa chỉ gửi thư của cổng thông tin)")]
    NoFrom,
    #[error("MAIL_RETRY_SECONDS không hợp lệ: {0:?} (một số nguyên dương)")]
    Retry(String),
}

/// How the portal sends mail.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The first retry waits this long (doubling each time, at most an hour).
    retry_base_secs: i64,
}

/// `smtp://` without a `tls` parameter means STARTTLS, required, except on the loopback
/// address (a local relay or a test server): a password never crosses the network in clear.
/// `smtps://` is TLS from the start; `?tls=opportunistic` or `?tls=required` are kept.
pub fn with_default_tls(url: &str) -> String {
    let Ok(parsed) = url::Url::parse(url) else {
        return url.to_string();
    };
    let has_tls = parsed.query_pairs().any(|(k, _)| k == "tls");
    let loopback = matches!(parsed.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if parsed.scheme() == "smtp" && !has_tls && !loopback {
        let sep = if parsed.query().is_some() { '&' } else { '?' };
        format!("{url}{sep}tls=required")
    } else {
        url.to_string()
    }
}

impl Mailer {
    /// From `SMTP_URL`, `MAIL_FROM` and `MAIL_RETRY_SECONDS` (read through `get`); None
    /// without `SMTP_URL`.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Option<Mailer>, MailConfigError> {
        let Some(url) = get("SMTP_URL").filter(|s| !s.trim().is_empty()) else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&with_default_tls(url.trim()))
            .map_err(|e| MailConfigError::Url(e.to_string()))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from = get("MAIL_FROM").filter(|s| !s.trim().is_empty()).ok_or(MailConfigError::NoFrom)?;
        let from: Mailbox = from.trim().parse().map_err(|_| MailConfigError::From(from.clone()))?;
        let retry_base_secs = match get("MAIL_RETRY_SECONDS").filter(|s| !s.is_empty()) {
            None => 60,
            Some(n) => n.parse().ok().filter(|n: &i64| *n > 0).ok_or(MailConfigError::Retry(n))?,
        };
        Ok(Some(Mailer { transport, from, retry_base_secs }))
    }

    pub fn from_env() -> Result<Option<Mailer>, MailConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }
}

/// The message as it goes out: from `MAIL_FROM`, plain text in UTF-8 (headers encoded by
/// lettre as RFC 2047), with the outbox row's Message-ID so a repeat is recognisable.
pub fn build(from: &Mailbox, due: &Due) -> Result<Message, String> {
    let m = &due.message;
    let to: Mailbox = m.to.parse().map_err(|e| format!("địa chỉ người nhận không hợp lệ: {e}"))?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(m.subject.clone())
        .message_id(Some(due.message_id.clone()))
        .header(ContentType::TEXT_PLAIN);
    if let Some(reply_to) = &m.reply_to {
        builder = builder.reply_to(reply_to.parse().map_err(|e| format!("địa chỉ trả lời không hợp lệ: {e}"))?);
    }
    if let Some(url) = &m.unsubscribe {
        // RFC 2369 and RFC 8058: the mail program offers "unsubscribe", and POSTs
        // "List-Unsubscribe=One-Click" to the URL.
        builder = builder
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    builder.body(m.body.clone()).map_err(|e| e.to_string())
}

/// What became of one attempt.
enum Attempt {
    Sent,
    /// Retry later (the server could not be reached, or answered 4xx).
    Transient(String),
    /// Never (5xx, or a message that cannot be written).
    Permanent(String),
}

async fn attempt(mailer: &Mailer, due: &Due) -> Attempt {
    let message = match build(&mailer.from, due) {
        Ok(m) => m,
        Err(e) => return Attempt::Permanent(e),
    };
    match mailer.transport.send(message).await {
        Ok(_) => Attempt::Sent,
        Err(e) if e.is_permanent() => Attempt::Permanent(e.to_string()),
        Err(e) => Attempt::Transient(e.to_string()),
    }
}

/// Sends what is due, one message at a time, until nothing is or `stop` is set. Returns how
/// many were sent.
pub async fn deliver_due(pool: &SqlitePool, mailer: &Mailer, stop: &AtomicBool) -> Result<usize, ApiError> {
    let mut sent = 0;
    loop {
        let batch = outbox::due(pool, app::data::now(), BATCH).await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        for due in batch {
            if stop.load(Ordering::Acquire) {
                return Ok(sent);
            }
            match attempt(mailer, &due).await {
                Attempt::Sent => {
                    outbox::mark_sent(pool, due.id, app::data::now()).await?;
                    sent += 1;
                }
                Attempt::Transient(error) => {
                    let now = app::data::now();
                    let retry = app::mail::next_attempt(due.queued_at, due.attempts + 1, now, mailer.retry_base_secs);
                    tracing::warn!(id = due.id, error, "mail not delivered; will retry");
                    outbox::mark_attempt_failed(pool, due.id, &error, retry).await?;
                }
                Attempt::Permanent(error) => {
                    tracing::warn!(id = due.id, error, "mail refused for good");
                    outbox::mark_attempt_failed(pool, due.id, &error, None).await?;
                }
            }
        }
    }
}

/// The running sender; `stop` ends it after the message in hand.
pub struct Sender {
    task: tokio::task::JoinHandle<()>,
    stop: Arc<AtomicBool>,
    postbox: Arc<Postbox>,
}

impl Sender {
    /// Lets the message being sent finish (at most `SEND_TIMEOUT`), then ends the task.
    pub async fn stop(self) {
        self.stop.store(true, Ordering::Release);
        self.postbox.wake.notify_one();
        if tokio::time::timeout(SEND_TIMEOUT + Duration::from_secs(1), self.task).await.is_err() {
            tracing::warn!("mail sender did not stop in time");
        }
    }
}

/// Starts the sender, or None without a mailer. Old rows are pruned as it goes (see
/// `app::mail::SENT_KEPT_DAYS`).
pub fn spawn(pool: SqlitePool, mailer: Option<Mailer>, postbox: Arc<Postbox>) -> Option<Sender> {
    let mailer = mailer?;
    let stop = Arc::new(AtomicBool::new(false));
    let task = tokio::spawn({
        let (stop, postbox) = (stop.clone(), postbox.clone());
        async move {
            while !stop.load(Ordering::Acquire) {
                if let Err(e) = deliver_due(&pool, &mailer, &stop).await {
                    tracing::error!(error = %e, "mail sender could not read the outbox");
                }
                if let Err(e) = outbox::prune(&pool, app::data::now()).await {
                    tracing::error!(error = %e, "old mail not pruned");
                }
                let wait = match outbox::next_due(&pool).await {
                    Ok(Some(at)) => Duration::from_secs(u64::try_from(at - app::data::now()).unwrap_or(0)),
                    _ => LOOK_EVERY,
                }
                .clamp(Duration::from_millis(200), LOOK_EVERY);
                tokio::select! {
                    _ = postbox.wake.notified() => {}
                    _ = tokio::time::sleep(wait) => {}
                }
            }
        }
    });
    Some(Sender { task, stop, postbox })
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::mail::{Outgoing, Purpose};

    #[test]
    fn plain_smtp_to_another_host_requires_starttls() {
        assert_eq!(with_default_tls("smtp://u:p@mail.example.vn:587"), "smtp://u:p@mail.example.vn:587?tls=required");
        assert_eq!(with_default_tls("smtp://127.0.0.1:1025"), "smtp://127.0.0.1:1025");
        assert_eq!(
            with_default_tls("smtp://mail.example.vn?tls=opportunistic"),
            "smtp://mail.example.vn?tls=opportunistic"
        );
        assert_eq!(with_default_tls("smtps://mail.example.vn"), "smtps://mail.example.vn");
    }

    #[test]
    fn configuration_is_checked() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string())
        };
        assert!(Mailer::from_lookup(env(&[])).unwrap().is_none());
        assert!(matches!(
            Mailer::from_lookup(env(&[("SMTP_URL", "smtp://127.0.0.1:25")])),
            Err(MailConfigError::NoFrom)
        ));
        assert!(matches!(
            Mailer::from_lookup(env(&[("SMTP_URL", "gopher://x"), ("MAIL_FROM", "a@b.vn")])),
            Err(MailConfigError::Url(_))
        ));
        assert!(matches!(
            Mailer::from_lookup(env(&[("SMTP_URL", "smtp://127.0.0.1:25"), ("MAIL_FROM", "không phải địa chỉ")])),
            Err(MailConfigError::From(_))
        ));
        let ok = Mailer::from_lookup(env(&[
            ("SMTP_URL", "smtp://127.0.0.1:25"),
            ("MAIL_FROM", "Cổng thông tin HĐND <no-reply@hdnd.example.vn>"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(ok.retry_base_secs, 60);
    }

    #[test]
    fn messages_carry_reply_to_and_an_encoded_vietnamese_subject() {
        let from: Mailbox = "Cổng thông tin HĐND <no-reply@hdnd.example.vn>".parse().unwrap();
        let due = Due {
            id: 1,
            message: Outgoing {
                purpose: Purpose::Share,
                to: "binh@example.vn".into(),
                reply_to: Some("an@example.vn".into()),
                subject: "Chia sẻ bài viết: Kỳ họp thứ mười".into(),
                body: "Nội dung có dấu".into(),
                unsubscribe: None,
            },
            message_id: "<abc@hdnd.portal>".into(),
            attempts: 0,
            queued_at: 0,
        };
        let raw = String::from_utf8(build(&from, &due).unwrap().formatted()).unwrap();
        assert!(raw.contains("Reply-To: an@example.vn"), "{raw}");
        assert!(raw.contains("Message-ID: <abc@hdnd.portal>"), "{raw}");
        assert!(raw.contains("Subject: Chia =?utf-8?b?"), "the subject is RFC 2047-encoded: {raw}");
        assert!(raw.contains("Content-Type: text/plain; charset=utf-8"), "{raw}");
        assert!(!raw.contains("List-Unsubscribe"), "{raw}");
        let digest = Due {
            message: Outgoing {
                unsubscribe: Some("https://hdnd.example.vn/dang-ky/huy-ngay?ma=7.ab".into()),
                ..due.message.clone()
            },
            ..due.clone()
        };
        let raw = String::from_utf8(build(&from, &digest).unwrap().formatted()).unwrap();
        assert!(raw.contains("List-Unsubscribe: <https://hdnd.example.vn/dang-ky/huy-ngay?ma=7.ab>"), "{raw}");
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{raw}");
        let bad = Due { message: Outgoing { to: "không hợp lệ".into(), ..due.message.clone() }, ..due };
        assert!(build(&from, &bad).is_err());
    }
}

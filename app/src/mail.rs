//! Mail the portal sends: what each message says, the limits on the public forms that send
//! it, and how long delivery is retried. Pure rules, compiled for both sides; the outbox is in
//! `data::mail` and the sender in the server's `mailer`.

use serde::{Deserialize, Serialize};

/// Why a message was written (the outbox's `purpose`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Purpose {
    /// "Chia sẻ bài viết qua email".
    Share,
    /// The contact form of "Liên hệ", to the office.
    Contact,
    /// A password reset link for an editor.
    PasswordReset,
    /// The link that confirms a citizen's question.
    QuestionConfirm,
    /// A question was answered.
    QuestionAnswered,
    /// A question will not be published, and why.
    QuestionRejected,
    /// The link that confirms a subscription (or the manage link, to an address subscribed
    /// already).
    SubscriptionConfirm,
    /// New items for a subscriber.
    Digest,
}

impl Purpose {
    pub const ALL: [Purpose; 8] = [
        Purpose::Share,
        Purpose::Contact,
        Purpose::PasswordReset,
        Purpose::QuestionConfirm,
        Purpose::QuestionAnswered,
        Purpose::QuestionRejected,
        Purpose::SubscriptionConfirm,
        Purpose::Digest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Share => "share",
            Purpose::Contact => "contact",
            Purpose::PasswordReset => "password_reset",
            Purpose::QuestionConfirm => "question_confirm",
            Purpose::QuestionAnswered => "question_answered",
            Purpose::QuestionRejected => "question_rejected",
            Purpose::SubscriptionConfirm => "subscription_confirm",
            Purpose::Digest => "digest",
        }
    }

    pub fn parse(text: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Purpose::Share => "Chia sẻ bài viết",
            Purpose::Contact => "Thư liên hệ",
            Purpose::PasswordReset => "Đặt lại mật khẩu",
            Purpose::QuestionConfirm => "Xác nhận câu hỏi",
            Purpose::QuestionAnswered => "Câu hỏi đã được trả lời",
            Purpose::QuestionRejected => "Câu hỏi không được đăng",
            Purpose::SubscriptionConfirm => "Xác nhận đăng ký nhận tin",
            Purpose::Digest => "Tin mới cho người đăng ký",
        }
    }
}

/// Where a message is in the outbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailStatus {
    /// Waiting for its first or next attempt.
    Queued,
    /// Accepted by the SMTP server.
    Sent,
    /// Refused for good, or still undelivered a day after it was queued.
    Failed,
}

impl MailStatus {
    pub const ALL: [MailStatus; 3] = [MailStatus::Queued, MailStatus::Sent, MailStatus::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            MailStatus::Queued => "queued",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<MailStatus> {
        MailStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Its name in the URL of the outbox page.
    pub fn slug(self) -> &'static str {
        match self {
            MailStatus::Queued => "dang-cho",
            MailStatus::Sent => "da-gui",
            MailStatus::Failed => "that-bai",
        }
    }

    pub fn from_slug(text: &str) -> Option<MailStatus> {
        MailStatus::ALL.into_iter().find(|s| s.slug() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            MailStatus::Queued => "Đang chờ gửi",
            MailStatus::Sent => "Đã gửi",
            MailStatus::Failed => "Gửi thất bại",
        }
    }
}

/// A message as the outbox stores it: plain text, from the portal's `MAIL_FROM`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub purpose: Purpose,
    pub to: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub body: String,
    /// For subscription messages: the one-click unsubscribe URL (`List-Unsubscribe`, with
    /// `List-Unsubscribe-Post`, RFC 8058).
    pub unsubscribe: Option<String>,
}

/// One row of the outbox as administrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i64,
    pub purpose: Purpose,
    pub to: String,
    pub subject: String,
    pub status: MailStatus,
    pub attempts: i64,
    /// "Thứ 2, 20/06/2022 08:30" (Asia/Ho_Chi_Minh).
    pub queued_at: String,
    pub next_attempt_at: Option<String>,
    pub sent_at: Option<String>,
    pub last_error: Option<String>,
}

/// The outbox page: the rows of one page, and how many there are in each state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    pub rows: Vec<OutboxRow>,
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    pub page: u32,
    pub total_pages: u32,
    /// Whether `SMTP_URL` is set (without it, everything stays queued).
    pub configured: bool,
}

// ---------------------------------------------------------------------------------------
// Delivery

/// Delivery is retried for this long after a message was queued; then it is marked failed.
pub const RETRY_FOR_SECS: i64 = 24 * 60 * 60;
/// Sent messages are deleted this many days after they went out, failed ones this many days
/// after they were queued (they hold visitors' addresses and notes).
pub const SENT_KEPT_DAYS: i64 = 30;

/// The longest wait between two attempts.
pub const MAX_RETRY_DELAY_SECS: i64 = 60 * 60;

/// How long to wait after the `attempts`-th failed attempt: `base`, then twice as long each
/// time, at most an hour.
pub fn retry_delay(attempts: i64, base_secs: i64) -> i64 {
    let doublings = attempts.clamp(1, 32) - 1;
    base_secs.max(1).saturating_mul(1_i64 << doublings.min(20)).min(MAX_RETRY_DELAY_SECS)
}

/// When to try again after a failed attempt at `now`, or None: give up (a day has passed).
pub fn next_attempt(queued_at: i64, attempts: i64, now: i64, base_secs: i64) -> Option<i64> {
    let at = now + retry_delay(attempts, base_secs);
    (at < queued_at + RETRY_FOR_SECS).then_some(at)
}

// ---------------------------------------------------------------------------------------
// The public forms that send mail, and their limits

/// A public form that sends mail, for the limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Form {
    Share,
    Contact,
    PasswordReset,
    Question,
    Subscribe,
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Share => "share",
            Form::Contact => "contact",
            Form::PasswordReset => "password_reset",
            Form::Question => "question",
            Form::Subscribe => "subscribe",
        }
    }

    /// Requests accepted in an hour: from one sender address, to one recipient address, and
    /// from everybody.
    pub fn limits(self) -> HourlyLimits {
        match self {
            // A subscriber may follow a few topics at once.
            Form::Share | Form::Subscribe => HourlyLimits { per_sender: 5, per_recipient: 5, global: 200 },
            Form::Contact => HourlyLimits { per_sender: 3, per_recipient: i64::MAX, global: 100 },
            Form::PasswordReset | Form::Question => HourlyLimits { per_sender: 3, per_recipient: 3, global: 100 },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HourlyLimits {
    pub per_sender: i64,
    pub per_recipient: i64,
    pub global: i64,
}

/// Which limit a request would pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Over {
    Sender,
    Recipient,
    Global,
}

impl HourlyLimits {
    /// `sent_*` are the requests accepted in the last hour.
    pub fn check(self, by_sender: i64, to_recipient: i64, everybody: i64) -> Result<(), Over> {
        if everybody >= self.global {
            Err(Over::Global)
        } else if by_sender >= self.per_sender {
            Err(Over::Sender)
        } else if to_recipient >= self.per_recipient {
            Err(Over::Recipient)
        } else {
            Ok(())
        }
    }
}

pub const OVER_SENDER: &str = "Địa chỉ email của bạn đã gửi quá nhiều thư trong một giờ. Vui lòng thử lại sau.";
pub const OVER_RECIPIENT: &str =
    "Địa chỉ người nhận đã nhận quá nhiều thư từ cổng thông tin trong một giờ. Vui lòng thử lại sau.";
pub const OVER_GLOBAL: &str = "Cổng thông tin đã nhận quá nhiều yêu cầu gửi thư trong giờ này. Vui lòng thử lại sau.";

impl Over {
    pub fn message(self) -> &'static str {
        match self {
            Over::Sender => OVER_SENDER,
            Over::Recipient => OVER_RECIPIENT,
            Over::Global => OVER_GLOBAL,
        }
    }
}

/// A form must have been on screen this long before it is sent (bots send at once).
pub const MIN_FILL_SECS: i64 = 3;
/// And not longer than this (the page is then reloaded for a fresh stamp).
pub const MAX_FILL_SECS: i64 = 24 * 60 * 60;
/// The hidden field that people leave empty and form-filling bots do not.
pub const TRAP_FIELD: &str = "website";
/// The hidden field with the form's signed time stamp.
pub const STAMP_FIELD: &str = "stamp";

pub const TOO_FAST: &str = "Biểu mẫu được gửi quá nhanh sau khi mở trang. Vui lòng đợi vài giây rồi gửi lại.";
pub const STALE_FORM: &str = "Biểu mẫu đã mở quá lâu hoặc không hợp lệ. Vui lòng tải lại trang rồi gửi lại.";
pub const TRAPPED: &str =
    "Ô ẩn dùng để chặn thư rác đã bị điền nên thư không được gửi. Vui lòng tải lại trang rồi gửi lại.";

/// The longest note a visitor may add to a shared article.
pub const NOTE_MAX_CHARS: usize = 300;
pub const NOTE_TOO_LONG: &str = "Lời nhắn dài quá 300 ký tự.";
pub const NAME_MAX_CHARS: usize = 100;
pub const NAME_MISSING: &str = "Vui lòng nhập họ tên (tối đa 100 ký tự).";
pub const SUBJECT_MAX_CHARS: usize = 200;
pub const SUBJECT_MISSING: &str = "Vui lòng nhập tiêu đề (tối đa 200 ký tự).";
pub const MESSAGE_MAX_CHARS: usize = 5_000;
pub const MESSAGE_MISSING: &str = "Vui lòng nhập nội dung (tối đa 5.000 ký tự).";
pub const EMAIL_INVALID: &str = "Email không hợp lệ";
pub const SEND_FAILED: &str = "Không gửi được. Vui lòng thử lại sau.";

/// What a visitor is told once a message is in the outbox.
pub const QUEUED: &str = "Thư đã được tiếp nhận và đang được gửi đi.";
/// And when no mail server is configured: the message is kept, not sent.
pub const NOT_CONFIGURED: &str = "Thư đã được lưu nhưng chưa gửi được: cổng thông tin chưa được cấu hình máy chủ gửi thư. Thư sẽ được gửi khi máy chủ thư sẵn sàng.";

/// What someone asking for a password reset is told, account or not.
pub const RESET_QUEUED: &str = "Nếu địa chỉ này là tài khoản biên tập, thư có đường dẫn đặt lại mật khẩu (dùng được một lần, trong 60 phút) đang được gửi đến đó.";
pub const RESET_NOT_CONFIGURED: &str = "Nếu địa chỉ này là tài khoản biên tập, thư có đường dẫn đặt lại mật khẩu đã được lưu nhưng chưa gửi được: cổng thông tin chưa được cấu hình máy chủ gửi thư. Vui lòng liên hệ quản trị viên.";

/// The answer to a form that sends mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailOutcome {
    /// Whether the portal has a mail server (else the message waits, and says so).
    pub configured: bool,
    pub message: String,
}

/// What a form says once its message is in the outbox: (mail server configured, not).
pub type Answers = (&'static str, &'static str);
pub const MAIL_ANSWERS: Answers = (QUEUED, NOT_CONFIGURED);
pub const RESET_ANSWERS: Answers = (RESET_QUEUED, RESET_NOT_CONFIGURED);
pub const QUESTION_ANSWERS: Answers = (crate::questions::SENT, crate::questions::SENT_NOT_CONFIGURED);
pub const SUBSCRIBE_ANSWERS: Answers =
    (crate::subscriptions::SUBSCRIBED, crate::subscriptions::SUBSCRIBED_NOT_CONFIGURED);

impl MailOutcome {
    pub fn new(configured: bool, answers: Answers) -> MailOutcome {
        MailOutcome { configured, message: if configured { answers.0 } else { answers.1 }.to_string() }
    }
}

/// A form's answer as it travels in the query string after a post without JavaScript: a
/// short code for each message above.
const NOTICES: &[(&str, &str)] = &[
    ("da-nhan", QUEUED),
    ("chua-gui", NOT_CONFIGURED),
    ("da-nhan-dat-lai", RESET_QUEUED),
    ("da-nhan-cau-hoi", crate::questions::SENT),
    ("chua-gui-cau-hoi", crate::questions::SENT_NOT_CONFIGURED),
    ("loi-noi-dung-cau-hoi", crate::questions::TEXT_MISSING),
    ("loi-tep-qua-lon", crate::questions::FILE_TOO_BIG),
    ("loi-loai-tep", crate::questions::FILE_REFUSED),
    ("loi-lua-chon", crate::questions::CHOICE_MISSING),
    ("chua-gui-dat-lai", RESET_NOT_CONFIGURED),
    ("da-nhan-dang-ky", crate::subscriptions::SUBSCRIBED),
    ("chua-gui-dang-ky", crate::subscriptions::SUBSCRIBED_NOT_CONFIGURED),
    ("loi-chu-de", crate::subscriptions::TOPIC_INVALID),
    ("loi-tan-suat", crate::subscriptions::FREQUENCY_INVALID),
    ("qua-nhanh", TOO_FAST),
    ("het-han", STALE_FORM),
    ("o-an", TRAPPED),
    ("gioi-han-nguoi-gui", OVER_SENDER),
    ("gioi-han-nguoi-nhan", OVER_RECIPIENT),
    ("gioi-han-chung", OVER_GLOBAL),
    ("loi-loi-nhan", NOTE_TOO_LONG),
    ("loi-ho-ten", NAME_MISSING),
    ("loi-tieu-de", SUBJECT_MISSING),
    ("loi-noi-dung", MESSAGE_MISSING),
    ("loi-email", EMAIL_INVALID),
    ("loi", SEND_FAILED),
];

/// The code of a form's answer (`loi` for anything not in the table).
pub fn notice_code(message: &str) -> &'static str {
    NOTICES.iter().find(|(_, m)| *m == message).map_or("loi", |(code, _)| code)
}

/// The message behind a code, and whether it reports success.
pub fn notice(code: &str) -> Option<(&'static str, bool)> {
    NOTICES.iter().find(|(c, _)| *c == code).map(|(c, m)| (*m, c.starts_with("da-nhan") || c.starts_with("chua-gui")))
}

pub const PASSWORDS_DIFFER: &str = "Hai lần nhập mật khẩu không khớp.";
pub const WEAK_PASSWORD: &str = "Mật khẩu phải có ít nhất 10 ký tự.";
pub const BAD_RESET_LINK: &str =
    "Đường dẫn đặt lại mật khẩu không hợp lệ, đã được dùng hoặc đã hết hạn. Vui lòng yêu cầu một đường dẫn mới.";
const RESET_ERRORS: &[(&str, &str)] =
    &[("khong-khop", PASSWORDS_DIFFER), ("mat-khau-ngan", WEAK_PASSWORD), ("duong-dan-hong", BAD_RESET_LINK)];

/// A refused password reset as it travels in the query string.
pub fn reset_error_code(message: &str) -> &'static str {
    RESET_ERRORS.iter().find(|(_, m)| *m == message).map_or("loi", |(c, _)| c)
}

pub fn reset_error(code: &str) -> &'static str {
    RESET_ERRORS.iter().find(|(c, _)| *c == code).map_or(SEND_FAILED, |(_, m)| m)
}

/// A visitor's note: plain text (tags are not interpreted, control characters other than line
/// breaks are dropped), trimmed, at most `max_chars` characters; None if it is longer.
pub fn plain_note(text: &str, max_chars: usize) -> Option<String> {
    let cleaned: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect::<String>()
        .trim()
        .to_string();
    (cleaned.chars().count() <= max_chars).then_some(cleaned)
}

/// A required one-line field of a public form: `one_line`, not empty, or 400 with `missing`.
pub fn required_line(text: &str, max_chars: usize, missing: &str) -> Result<String, crate::error::ApiError> {
    one_line(text, max_chars).filter(|t| !t.is_empty()).ok_or_else(|| crate::error::ApiError::Invalid(missing.into()))
}

/// A required text of a public form: `plain_note`, not empty, or 400 with `missing`.
pub fn required_text(text: &str, max_chars: usize, missing: &str) -> Result<String, crate::error::ApiError> {
    plain_note(text, max_chars).filter(|t| !t.is_empty()).ok_or_else(|| crate::error::ApiError::Invalid(missing.into()))
}

/// A one-line value (a name, a subject): line breaks become spaces.
pub fn one_line(text: &str, max_chars: usize) -> Option<String> {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (flat.chars().count() <= max_chars).then_some(flat)
}

// ---------------------------------------------------------------------------------------
// What the messages say

/// The content page "Liên hệ", which carries the contact form.
pub const CONTACT_PAGE_SLUG: &str = "lien-he";

/// The portal's name at the foot of every message.
pub const SIGNATURE: &str = "Cổng thông tin điện tử Hội đồng nhân dân tỉnh Bình Dương";

/// "Chia sẻ bài viết qua email": a fixed template around the visitor's note.
pub fn share_message(from: &str, to: &str, title: &str, lead: &str, link: &str, note: &str) -> Outgoing {
    let mut body = format!("{from} muốn chia sẻ với bạn một bài viết trên {SIGNATURE}.\n\n");
    if !note.is_empty() {
        body.push_str(&format!("Lời nhắn của người gửi:\n{note}\n\n"));
    }
    body.push_str(&format!("{title}\n"));
    if !lead.trim().is_empty() {
        body.push_str(&format!("\n{}\n", lead.trim()));
    }
    body.push_str(&format!(
        "\nĐọc bài viết: {link}\n\n--\nThư này được gửi từ {SIGNATURE} theo yêu cầu của {from}. Trả lời thư này là trả lời người gửi.\n"
    ));
    Outgoing {
        purpose: Purpose::Share,
        to: to.to_string(),
        reply_to: Some(from.to_string()),
        subject: format!("Chia sẻ bài viết: {title}"),
        body,
        unsubscribe: None,
    }
}

/// The contact form, to the office.
pub fn contact_message(office: &str, name: &str, email: &str, subject: &str, message: &str) -> Outgoing {
    Outgoing {
        purpose: Purpose::Contact,
        to: office.to_string(),
        reply_to: Some(email.to_string()),
        subject: format!("[Liên hệ] {subject}"),
        body: format!(
            "Thư liên hệ gửi qua {SIGNATURE}.\n\nNgười gửi: {name}\nEmail: {email}\nTiêu đề: {subject}\n\n{message}\n\n--\nTrả lời thư này là trả lời người gửi.\n"
        ),
        unsubscribe: None,
    }
}

/// A password reset link for the account at `to`, valid for `minutes`.
pub fn password_reset_message(to: &str, link: &str, minutes: i64) -> Outgoing {
    Outgoing {
        purpose: Purpose::PasswordReset,
        to: to.to_string(),
        reply_to: None,
        subject: "Đặt lại mật khẩu tài khoản biên tập".to_string(),
        body: format!(
            "Có yêu cầu đặt lại mật khẩu cho tài khoản {to} trên {SIGNATURE}.\n\nĐặt mật khẩu mới tại đường dẫn sau (dùng được một lần, trong {minutes} phút):\n{link}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.\n"
        ),
        unsubscribe: None,
    }
}

/// The link that confirms a question, to its asker.
pub fn question_confirm_message(to: &str, asker: &str, title: &str, link: &str, hours: i64) -> Outgoing {
    Outgoing {
        purpose: Purpose::QuestionConfirm,
        to: to.to_string(),
        reply_to: None,
        subject: format!("Xác nhận câu hỏi: {title}"),
        body: format!(
            "Chào {asker},\n\nCổng thông tin đã nhận câu hỏi “{title}” gửi từ địa chỉ này. Để chuyển câu hỏi đến Ban biên tập, vui lòng xác nhận tại đường dẫn sau (dùng được một lần, trong {hours} giờ):\n{link}\n\nNếu bạn không gửi câu hỏi này, hãy bỏ qua thư: câu hỏi sẽ tự xóa.\n\n--\n{SIGNATURE}\n"
        ),
        unsubscribe: None,
    }
}

/// A question was answered: the answer, who gave it and when, and where it is published.
pub fn question_answered_message(
    to: &str,
    asker: &str,
    title: &str,
    agency: &str,
    day: &str,
    answer: &str,
    link: &str,
) -> Outgoing {
    Outgoing {
        purpose: Purpose::QuestionAnswered,
        to: to.to_string(),
        reply_to: None,
        subject: format!("Câu hỏi của bạn đã được trả lời: {title}"),
        body: format!(
            "Chào {asker},\n\nCâu hỏi “{title}” của bạn đã được {agency} trả lời ngày {day}:\n\n{answer}\n\nXem trên cổng thông tin: {link}\n\n--\n{SIGNATURE}\n"
        ),
        unsubscribe: None,
    }
}

/// A question will not be published, with the editors' reason.
pub fn question_rejected_message(to: &str, asker: &str, title: &str, reason: &str) -> Outgoing {
    Outgoing {
        purpose: Purpose::QuestionRejected,
        to: to.to_string(),
        reply_to: None,
        subject: format!("Câu hỏi không được đăng: {title}"),
        body: format!(
            "Chào {asker},\n\nBan biên tập không đăng câu hỏi “{title}” của bạn, vì lý do sau:\n\n{reason}\n\nBạn có thể gửi câu hỏi mới hoặc liên hệ Văn phòng qua trang Liên hệ.\n\n--\n{SIGNATURE}\n"
        ),
        unsubscribe: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.as_str()), Some(p));
        }
        for s in MailStatus::ALL {
            assert_eq!(MailStatus::parse(s.as_str()), Some(s));
            assert_eq!(MailStatus::from_slug(s.slug()), Some(s));
        }
        assert_eq!(Purpose::parse("spam"), None);
    }

    #[test]
    fn retries_back_off_up_to_an_hour_and_stop_after_a_day() {
        assert_eq!(retry_delay(1, 60), 60);
        assert_eq!(retry_delay(2, 60), 120);
        assert_eq!(retry_delay(3, 60), 240);
        assert_eq!(retry_delay(10, 60), MAX_RETRY_DELAY_SECS);
        assert_eq!(retry_delay(i64::MAX, 60), MAX_RETRY_DELAY_SECS);
        assert_eq!(next_attempt(0, 1, 100, 60), Some(160));
        assert_eq!(next_attempt(0, 30, RETRY_FOR_SECS - 10, 60), None);
        // An hour-long wait that would end past the day gives up now.
        assert_eq!(next_attempt(0, 12, RETRY_FOR_SECS - MAX_RETRY_DELAY_SECS + 1, 60), None);
    }

    #[test]
    fn limits_name_the_one_reached() {
        let l = Form::Share.limits();
        assert_eq!(l.check(0, 0, 0), Ok(()));
        assert_eq!(l.check(l.per_sender, 0, 0), Err(Over::Sender));
        assert_eq!(l.check(0, l.per_recipient, 0), Err(Over::Recipient));
        assert_eq!(l.check(0, 0, l.global), Err(Over::Global));
        assert_eq!(Form::Contact.limits().check(0, 1_000, 0), Ok(()));
    }

    #[test]
    fn notices_round_trip_and_unknown_ones_are_errors() {
        for (code, message) in NOTICES {
            assert_eq!(notice_code(message), *code);
            assert_eq!(notice(code).map(|n| n.0), Some(*message));
        }
        assert_eq!(notice_code("một lỗi khác"), "loi");
        assert_eq!(notice("da-nhan"), Some((QUEUED, true)));
        assert_eq!(notice("qua-nhanh").map(|n| n.1), Some(false));
        assert_eq!(notice("bia"), None);
    }

    #[test]
    fn notes_are_plain_bounded_text() {
        assert_eq!(plain_note("  Xin chào\r\nbạn\u{7}  ", 50).as_deref(), Some("Xin chào\nbạn"));
        assert_eq!(plain_note("<b>đậm</b>", 50).as_deref(), Some("<b>đậm</b>"));
        assert_eq!(plain_note(&"a".repeat(11), 10), None);
        assert_eq!(one_line(" Góp ý\nvề  cổng ", 50).as_deref(), Some("Góp ý về cổng"));
    }

    #[test]
    fn the_share_message_is_a_fixed_template_around_the_note() {
        let m = share_message("an@vd.vn", "binh@vd.vn", "Tiêu đề", "Sa pô.", "https://x.vn/bai-viet/a", "Đọc nhé");
        assert_eq!(m.reply_to.as_deref(), Some("an@vd.vn"));
        assert_eq!(m.subject, "Chia sẻ bài viết: Tiêu đề");
        for part in ["an@vd.vn muốn chia sẻ", "Đọc nhé", "Tiêu đề", "Sa pô.", "https://x.vn/bai-viet/a"] {
            assert!(m.body.contains(part), "{part}");
        }
        let plain = share_message("an@vd.vn", "binh@vd.vn", "T", "", "https://x.vn/a", "");
        assert!(!plain.body.contains("Lời nhắn"));
    }

    #[test]
    fn outcomes_never_claim_a_send_without_a_server() {
        for answers in [MAIL_ANSWERS, RESET_ANSWERS] {
            assert!(MailOutcome::new(false, answers).message.contains("chưa gửi được"));
            assert!(!MailOutcome::new(false, answers).message.contains("đã gửi"));
        }
        assert_eq!(MailOutcome::new(true, MAIL_ANSWERS).message, QUEUED);
    }
}

//! Subscriptions: what a visitor can follow by email (a category, the resolutions, a calendar,
//! a saved search), how often the news comes (at once, daily, weekly), and what the messages
//! and pages say. Pure rules, compiled for both sides; storage and the digests are in
//! `data::subscriptions`, the task that runs them in the server's `digests`.

use crate::search::{encode, SearchKind};
use serde::{Deserialize, Serialize};

/// The subscribe page.
pub const SUBSCRIBE_PATH: &str = "/dang-ky";
/// The page the confirmation link opens.
pub const CONFIRM_PATH: &str = "/dang-ky/xac-nhan";
/// The page a subscription is managed (and cancelled) on; every message links it.
pub const MANAGE_PATH: &str = "/dang-ky/quan-ly";
/// RFC 8058 one-click unsubscribe: a POST here (no cookie, from the mail provider) deletes the
/// subscription; a GET is sent on to the manage page.
pub const ONE_CLICK_PATH: &str = "/dang-ky/huy-ngay";
/// The query parameter carrying a link's token on these pages.
pub const TOKEN_PARAM: &str = "ma";
/// The query parameter with a form's answer after a post without JavaScript.
pub const RESULT_PARAM: &str = "kq";

/// A confirmation link is good this long; unconfirmed subscriptions are then deleted.
pub const CONFIRM_HOURS: i64 = 48;
/// Items listed in one message; the rest are counted, with a link to the topic's page.
pub const DIGEST_MAX_ITEMS: usize = 30;

/// What a subscription follows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Topic {
    /// The articles of a category (and of its subcategories), by slug.
    Category(String),
    /// Every resolution added.
    Resolutions,
    /// The entries of one of the four calendars, by key (`records::CALENDARS`).
    Calendar(String),
    /// Whatever new matches a search: its words, and optionally one type of result.
    Search { q: String, kind: Option<SearchKind> },
}

pub const TOPIC_INVALID: &str = "Chủ đề theo dõi không hợp lệ. Vui lòng chọn lại.";

impl Topic {
    /// The form's value for the topic: "chuyen-muc/<slug>", "nghi-quyet", "lich/<key>" or
    /// "tim-kiem" (the search's words and type travel in `q` and `loai`).
    pub fn value(&self) -> String {
        match self {
            Topic::Category(slug) => format!("chuyen-muc/{slug}"),
            Topic::Resolutions => "nghi-quyet".into(),
            Topic::Calendar(key) => format!("lich/{key}"),
            Topic::Search { .. } => "tim-kiem".into(),
        }
    }

    /// From the form's (or the URL's) `chu_de`, `q` and `loai`. A calendar must be one of the
    /// four; a search needs words. (A category's existence is checked against the database.)
    pub fn parse(value: &str, q: &str, kind: &str) -> Result<Topic, &'static str> {
        let (head, key) = value.trim().split_once('/').unwrap_or((value.trim(), ""));
        let slug_like =
            |k: &str| !k.is_empty() && k.len() <= 100 && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        match head {
            "chuyen-muc" if slug_like(key) => Ok(Topic::Category(key.to_string())),
            "nghi-quyet" if key.is_empty() => Ok(Topic::Resolutions),
            "lich" if crate::council::calendar_title(key).is_some() => Ok(Topic::Calendar(key.to_string())),
            "tim-kiem" if key.is_empty() => {
                let q: String = q.split_whitespace().collect::<Vec<_>>().join(" ");
                if q.is_empty() || q.chars().count() > crate::search::QUERY_MAX {
                    return Err(TOPIC_INVALID);
                }
                let kind = match kind.trim() {
                    "" => None,
                    k => Some(SearchKind::parse(k).ok_or(TOPIC_INVALID)?),
                };
                Ok(Topic::Search { q, kind })
            }
            _ => Err(TOPIC_INVALID),
        }
    }

    /// The columns it is stored in: (topic, key, kind).
    pub fn parts(&self) -> (&'static str, String, String) {
        match self {
            Topic::Category(slug) => ("chuyen-muc", slug.clone(), String::new()),
            Topic::Resolutions => ("nghi-quyet", String::new(), String::new()),
            Topic::Calendar(key) => ("lich", key.clone(), String::new()),
            Topic::Search { q, kind } => ("tim-kiem", q.clone(), kind.map(|k| k.key().to_string()).unwrap_or_default()),
        }
    }

    pub fn from_parts(topic: &str, key: &str, kind: &str) -> Option<Topic> {
        match topic {
            "tim-kiem" => Topic::parse("tim-kiem", key, kind).ok(),
            "nghi-quyet" => Some(Topic::Resolutions),
            _ => Topic::parse(&format!("{topic}/{key}"), "", "").ok(),
        }
    }

    /// The subscribe page for this topic.
    pub fn subscribe_href(&self) -> String {
        let mut href = format!("{SUBSCRIBE_PATH}?chu_de={}", self.value());
        if let Topic::Search { q, kind } = self {
            href.push_str(&format!("&q={}", encode(q)));
            if let Some(k) = kind {
                href.push_str(&format!("&loai={}", k.key()));
            }
        }
        href
    }

    /// Where the topic's items are listed on the portal.
    pub fn page_href(&self) -> String {
        match self {
            Topic::Category(slug) => format!("/chuyen-muc/{slug}"),
            Topic::Resolutions => "/nghi-quyet".into(),
            Topic::Calendar(key) => format!("/lich/{key}"),
            Topic::Search { q, kind } => {
                crate::search::SearchQuery { q: q.clone(), kind: *kind, page: 1, ..Default::default() }.href(*kind, 1)
            }
        }
    }

    /// How the topic is named to the visitor; `category_name` is the category's name.
    pub fn label(&self, category_name: Option<&str>) -> String {
        match self {
            Topic::Category(slug) => format!("Chuyên mục “{}”", category_name.unwrap_or(slug)),
            Topic::Resolutions => "Nghị quyết mới ban hành".into(),
            Topic::Calendar(key) => crate::council::calendar_title(key).unwrap_or("Lịch").to_string(),
            Topic::Search { q, kind: None } => format!("Tìm kiếm “{q}”"),
            Topic::Search { q, kind: Some(k) } => format!("Tìm kiếm “{q}” ({})", k.label()),
        }
    }
}

/// How often a subscriber hears of new items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Frequency {
    /// A message as soon as something new is published (within a minute).
    Immediate,
    /// At most one message a day, at 7:00.
    Daily,
    /// At most one message a week, on Monday at 7:00.
    Weekly,
}

pub const FREQUENCY_INVALID: &str = "Vui lòng chọn tần suất nhận thư.";

/// The hour (Asia/Ho_Chi_Minh) daily and weekly digests go out.
pub const DIGEST_HOUR: i64 = 7;
/// Viet Nam keeps UTC+7 all year.
const VN_OFFSET_SECS: i64 = 7 * 3600;
const DAY_SECS: i64 = 86_400;

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Immediate, Frequency::Daily, Frequency::Weekly];

    pub fn key(self) -> &'static str {
        match self {
            Frequency::Immediate => "ngay",
            Frequency::Daily => "hang-ngay",
            Frequency::Weekly => "hang-tuan",
        }
    }

    pub fn parse(key: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.key() == key.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Frequency::Immediate => "Ngay khi có mục mới",
            Frequency::Daily => "Mỗi ngày một thư (7 giờ sáng)",
            Frequency::Weekly => "Mỗi tuần một thư (7 giờ sáng thứ Hai)",
        }
    }

    /// When the next message may go out, after one was considered at `now` (Unix seconds):
    /// now for `Immediate`, else the next 7:00 (of a Monday, for `Weekly`) after `now`.
    pub fn next_send(self, now: i64) -> i64 {
        let local = now + VN_OFFSET_SECS;
        let today = local.div_euclid(DAY_SECS);
        let slot = |day: i64| day * DAY_SECS + DIGEST_HOUR * 3600 - VN_OFFSET_SECS;
        match self {
            Frequency::Immediate => now,
            Frequency::Daily => {
                if slot(today) > now {
                    slot(today)
                } else {
                    slot(today + 1)
                }
            }
            Frequency::Weekly => {
                // 1970-01-01 was a Thursday: day d is a Monday when (d + 3) % 7 == 0.
                let monday = today - (today + 3).rem_euclid(7);
                if slot(monday) > now {
                    slot(monday)
                } else {
                    slot(monday + 7)
                }
            }
        }
    }
}

/// Whether a document with these folded words matches a saved search's folded terms: every
/// term is one of its words.
pub fn words_match(terms: &[String], words: &std::collections::HashSet<String>) -> bool {
    !terms.is_empty() && terms.iter().all(|t| words.contains(t))
}

// ---------------------------------------------------------------------------------------
// What the pages and the messages say

pub const SUBSCRIBED: &str = "Đã nhận yêu cầu đăng ký. Vui lòng mở thư vừa gửi đến địa chỉ của bạn và bấm vào đường dẫn xác nhận (trong 48 giờ).";
pub const SUBSCRIBED_NOT_CONFIGURED: &str = "Đã nhận yêu cầu đăng ký nhưng thư xác nhận chưa gửi được: cổng thông tin chưa được cấu hình máy chủ gửi thư. Thư sẽ được gửi khi máy chủ thư sẵn sàng.";
pub const CONFIRMED: &str = "Đăng ký đã được xác nhận. Bạn sẽ nhận thư khi có mục mới.";
pub const BAD_CONFIRM_LINK: &str =
    "Đường dẫn xác nhận không hợp lệ, đã được dùng hoặc đã hết hạn. Vui lòng đăng ký lại.";
pub const BAD_MANAGE_LINK: &str = "Đường dẫn quản lý đăng ký không hợp lệ, hoặc đăng ký này đã được hủy.";
pub const UNSUBSCRIBED: &str =
    "Đã hủy đăng ký. Địa chỉ email của bạn đã được xóa khỏi danh sách nhận thư của chủ đề này.";
pub const FREQUENCY_CHANGED: &str = "Đã lưu tần suất nhận thư mới.";

/// A subscription as its manage page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionView {
    pub email: String,
    pub topic_label: String,
    pub topic_href: String,
    pub frequency: Frequency,
    /// "Thứ 2, 20/06/2022"
    pub since: String,
    /// The address's other subscriptions: (label, manage link).
    pub others: Vec<(String, String)>,
}

/// A new item in a digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestItem {
    pub kind: SearchKind,
    pub title: String,
    /// "20/06/2022", or empty.
    pub day: String,
    pub link: String,
}

/// The links at the foot of every subscription message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links {
    pub manage: String,
    /// The one-click URL (RFC 8058), also the `List-Unsubscribe` header.
    pub unsubscribe: String,
}

/// The confirmation of a new subscription (or of an existing one's unconfirmed renewal).
pub fn confirm_message(to: &str, label: &str, frequency: Frequency, link: &str) -> crate::mail::Outgoing {
    use crate::mail::{Outgoing, Purpose, SIGNATURE};
    Outgoing {
        purpose: Purpose::SubscriptionConfirm,
        to: to.to_string(),
        reply_to: None,
        subject: format!("Xác nhận đăng ký nhận tin: {label}"),
        body: format!(
            "Chào bạn,\n\nCó yêu cầu đăng ký nhận tin “{label}” ({}) từ {SIGNATURE} cho địa chỉ này. Để bắt đầu nhận tin, vui lòng xác nhận tại đường dẫn sau (trong {CONFIRM_HOURS} giờ):\n{link}\n\nNếu bạn không đăng ký, hãy bỏ qua thư này: địa chỉ của bạn sẽ tự được xóa.\n\n--\n{SIGNATURE}\n",
            frequency.label().to_lowercase()
        ),
        unsubscribe: None,
    }
}

/// Someone asked to subscribe an address already subscribed to the topic: its owner is told,
/// with the manage link (the page itself never says whether an address is subscribed).
pub fn already_message(to: &str, label: &str, links: &Links) -> crate::mail::Outgoing {
    use crate::mail::{Outgoing, Purpose, SIGNATURE};
    Outgoing {
        purpose: Purpose::SubscriptionConfirm,
        to: to.to_string(),
        reply_to: None,
        subject: format!("Bạn đã đăng ký nhận tin: {label}"),
        body: format!(
            "Chào bạn,\n\nCó yêu cầu đăng ký nhận tin “{label}” cho địa chỉ này, nhưng địa chỉ đã đăng ký chủ đề này rồi. Bạn có thể đổi tần suất nhận thư hoặc hủy đăng ký tại:\n{}\n\n--\n{SIGNATURE}\n",
            links.manage
        ),
        unsubscribe: None,
    }
}

/// New items for a subscriber: a list of titles, days and links, then the links to manage or
/// cancel the subscription. `more` items beyond the list are counted.
pub fn digest_message(
    to: &str,
    label: &str,
    frequency: Frequency,
    items: &[DigestItem],
    more: usize,
    topic_link: &str,
    links: &Links,
) -> crate::mail::Outgoing {
    use crate::mail::{Outgoing, Purpose, SIGNATURE};
    let total = items.len() + more;
    let count = crate::format::number(total as u64);
    let subject = match (frequency, items) {
        (Frequency::Immediate, [only]) if more == 0 => format!("{label}: {}", only.title),
        (Frequency::Immediate, _) => format!("{label}: {count} mục mới"),
        (Frequency::Daily, _) => format!("Bản tin hằng ngày – {label}: {count} mục mới"),
        (Frequency::Weekly, _) => format!("Bản tin hằng tuần – {label}: {count} mục mới"),
    };
    let mut body = format!("Chào bạn,\n\nCó {count} mục mới trên {SIGNATURE} theo đăng ký “{label}” của bạn:\n\n");
    for (n, item) in items.iter().enumerate() {
        body.push_str(&format!("{}. {}\n   {}", n + 1, item.title, item.kind.label()));
        if !item.day.is_empty() {
            body.push_str(&format!(" · {}", item.day));
        }
        body.push_str(&format!("\n   {}\n\n", item.link));
    }
    if more > 0 {
        body.push_str(&format!("… và {} mục khác: {topic_link}\n\n", crate::format::number(more as u64)));
    }
    body.push_str(&format!(
        "--\nBạn nhận thư này vì đã đăng ký nhận tin “{label}” ({}) bằng địa chỉ {to}.\nĐổi tần suất hoặc hủy đăng ký: {}\n",
        frequency.label().to_lowercase(),
        links.manage
    ));
    Outgoing {
        purpose: Purpose::Digest,
        to: to.to_string(),
        reply_to: None,
        subject,
        body,
        unsubscribe: Some(links.unsubscribe.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip_through_the_form_and_the_columns() {
        let topics = [
            Topic::Category("hoat-dong-hdnd".into()),
            Topic::Resolutions,
            Topic::Calendar("tiep-cong-dan".into()),
            Topic::Search { q: "kỳ họp".into(), kind: None },
            Topic::Search { q: "đất đai".into(), kind: Some(SearchKind::Question) },
        ];
        for t in topics {
            let (q, kind) = match &t {
                Topic::Search { q, kind } => (q.clone(), kind.map(|k| k.key().to_string()).unwrap_or_default()),
                _ => (String::new(), String::new()),
            };
            assert_eq!(Topic::parse(&t.value(), &q, &kind), Ok(t.clone()));
            let (a, b, c) = t.parts();
            assert_eq!(Topic::from_parts(a, &b, &c), Some(t.clone()));
        }
        assert_eq!(Topic::parse("lich/khong-co", "", ""), Err(TOPIC_INVALID));
        assert_eq!(Topic::parse("chuyen-muc/", "", ""), Err(TOPIC_INVALID));
        assert_eq!(Topic::parse("chuyen-muc/a b", "", ""), Err(TOPIC_INVALID));
        assert_eq!(Topic::parse("tim-kiem", "   ", ""), Err(TOPIC_INVALID));
        assert_eq!(Topic::parse("tim-kiem", "x", "khong-co"), Err(TOPIC_INVALID));
        assert_eq!(Topic::parse("khac", "", ""), Err(TOPIC_INVALID));
        assert_eq!(
            Topic::Search { q: "kỳ họp".into(), kind: Some(SearchKind::Article) }.subscribe_href(),
            "/dang-ky?chu_de=tim-kiem&q=k%E1%BB%B3+h%E1%BB%8Dp&loai=bai-viet"
        );
        assert_eq!(Topic::Calendar("hdnd".into()).label(None), "Lịch làm việc HĐND");
    }

    /// 2022-06-20 was a Monday; 00:00 there in Viet Nam is 2022-06-19T17:00Z.
    const MONDAY_MIDNIGHT_VN: i64 = 1_655_658_000;

    #[test]
    fn digests_go_out_at_seven_in_the_morning_in_viet_nam() {
        let h = 3600;
        let seven = MONDAY_MIDNIGHT_VN + 7 * h;
        assert_eq!(Frequency::Immediate.next_send(seven + 5), seven + 5);
        assert_eq!(Frequency::Daily.next_send(MONDAY_MIDNIGHT_VN), seven);
        assert_eq!(Frequency::Daily.next_send(seven), seven + 24 * h, "a slot just used is not used again");
        assert_eq!(Frequency::Daily.next_send(seven + 10 * h), seven + 24 * h);
        assert_eq!(Frequency::Weekly.next_send(MONDAY_MIDNIGHT_VN), seven);
        assert_eq!(Frequency::Weekly.next_send(seven), seven + 7 * 24 * h);
        // From Wednesday: the next Monday.
        assert_eq!(Frequency::Weekly.next_send(seven + 2 * 24 * h), seven + 7 * 24 * h);
        // Sunday 23:00: tomorrow.
        assert_eq!(Frequency::Weekly.next_send(MONDAY_MIDNIGHT_VN - h), seven);
        for f in Frequency::ALL {
            assert_eq!(Frequency::parse(f.key()), Some(f));
        }
    }

    #[test]
    fn a_saved_search_matches_when_every_word_is_there() {
        let words = |t: &str| t.split(' ').map(str::to_string).collect::<std::collections::HashSet<_>>();
        let terms = vec!["ky".to_string(), "hop".to_string()];
        assert!(words_match(&terms, &words("thong bao ky hop thu muoi")));
        assert!(!words_match(&terms, &words("thong bao ky thi")));
        assert!(!words_match(&[], &words("ky hop")));
    }

    #[test]
    fn a_digest_lists_its_items_and_carries_the_unsubscribe_links() {
        let links = Links {
            manage: "https://x.vn/dang-ky/quan-ly?ma=1.ab".into(),
            unsubscribe: "https://x.vn/dang-ky/huy-ngay?ma=1.ab".into(),
        };
        let item = DigestItem {
            kind: SearchKind::Event,
            title: "Tiếp công dân".into(),
            day: "20/06/2022".into(),
            link: "https://x.vn/lich/a".into(),
        };
        let one = digest_message(
            "a@vd.vn",
            "Lịch tiếp công dân",
            Frequency::Immediate,
            std::slice::from_ref(&item),
            0,
            "https://x.vn/lich/tiep-cong-dan",
            &links,
        );
        assert_eq!(one.subject, "Lịch tiếp công dân: Tiếp công dân");
        assert_eq!(one.unsubscribe.as_deref(), Some(links.unsubscribe.as_str()));
        for part in ["1. Tiếp công dân", "Lịch · 20/06/2022", "https://x.vn/lich/a", &links.manage] {
            assert!(one.body.contains(part), "{part}: {}", one.body);
        }
        let many = digest_message(
            "a@vd.vn",
            "Lịch",
            Frequency::Daily,
            &[item.clone(), item],
            1_200,
            "https://x.vn/lich",
            &links,
        );
        assert_eq!(many.subject, "Bản tin hằng ngày – Lịch: 1.202 mục mới");
        assert!(many.body.contains("… và 1.200 mục khác: https://x.vn/lich"));
    }
}

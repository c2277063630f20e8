//! Subscriptions and their digests. A visitor subscribes (limits and anti-bot checks in `api`),
//! confirms through a mailed link, and then gets new items by mail: at once, daily or weekly.
//!
//! New items come from `publications`, a log of everything that became public, each entry once
//! (`collect` adds what is new, whatever made it public: a save, a scheduled time passing, an
//! import). A subscription remembers the last entry its digests considered; a digest is queued
//! in the outbox in the same transaction that moves that mark, so an item is mailed to each
//! subscriber once, across restarts and mail outages.
//!
//! A subscription's manage and one-click unsubscribe links carry its id signed with a server
//! key: nothing but the address and the choices is stored, and unsubscribing deletes the row.

use super::accounts::{new_token, token_hash};
use super::form_stamp::secret;
use super::mail::{accept_request, enqueue};
use super::search::documents::{self, Doc};
use crate::error::ApiError;
use crate::mail::Form;
use crate::search::SearchKind;
use crate::subscriptions::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::{HashMap, HashSet};

/// The kinds whose new items subscribers hear of (pages, people and bodies are reference
/// content, not news).
const LOGGED: [SearchKind; 7] = [
    SearchKind::Article,
    SearchKind::Resolution,
    SearchKind::Event,
    SearchKind::Question,
    SearchKind::Petition,
    SearchKind::Supervision,
    SearchKind::Sitting,
];

/// Adds to the publication log every public item not in it yet (in the caller's transaction).
pub async fn collect(conn: &mut SqliteConnection, now: i64) -> Result<(), ApiError> {
    for kind in LOGGED {
        let sql = format!(
            "INSERT OR IGNORE INTO publications (kind, item_id, seen_at) \
             SELECT ?2, id, ?3 FROM ({}) WHERE visible_from <= ?3",
            documents::source(kind)
        );
        sqlx::query(&sql).bind(Option::<i64>::None).bind(kind.code()).bind(now).execute(&mut *conn).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Links

/// "<id>.<hex of the first 16 bytes of HMAC-SHA256(key, id and address)>".
fn sign(key: &[u8], id: i64, email: &str) -> String {
    let mac = Hmac::<Sha256>::new_from_slice(key).map(|mut m| {
        m.update(format!("subscription:{id}:{}", email.to_lowercase()).as_bytes());
        m.finalize().into_bytes()
    });
    let hex: String = mac.map(|b| b.iter().take(16).map(|b| format!("{b:02x}")).collect()).unwrap_or_default();
    format!("{id}.{hex}")
}

/// The manage and one-click unsubscribe links of a subscription.
fn links(key: &[u8], base_url: &str, id: i64, email: &str) -> Links {
    let token = sign(key, id, email);
    Links {
        manage: format!("{base_url}{MANAGE_PATH}?{TOKEN_PARAM}={token}"),
        unsubscribe: format!("{base_url}{ONE_CLICK_PATH}?{TOKEN_PARAM}={token}"),
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    email: String,
    topic: String,
    topic_key: String,
    topic_kind: String,
    frequency: String,
    last_seq: i64,
    created_at: i64,
}

const COLUMNS: &str = "id, email, topic, topic_key, topic_kind, frequency, last_seq, created_at";

impl Row {
    fn topic(&self) -> Option<Topic> {
        Topic::from_parts(&self.topic, &self.topic_key, &self.topic_kind)
    }
    fn frequency(&self) -> Frequency {
        Frequency::parse(&self.frequency).unwrap_or(Frequency::Weekly)
    }
}

/// The confirmed subscription a manage or unsubscribe link names, if its signature holds.
async fn by_token(pool: &SqlitePool, token: &str) -> Result<(Row, Vec<u8>), ApiError> {
    let bad = || ApiError::Invalid(BAD_MANAGE_LINK.into());
    let id: i64 = token.split_once('.').and_then(|(id, _)| id.parse().ok()).ok_or_else(bad)?;
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM subscriptions WHERE id = ?1 AND confirmed_at IS NOT NULL"))
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let row = row.ok_or_else(bad)?;
    let key = secret(pool, "subscription").await?;
    let expected = sign(&key, row.id, &row.email);
    // Both are ASCII of a fixed shape; compare without an early exit.
    let same =
        expected.len() == token.len() && expected.bytes().zip(token.bytes()).fold(0, |acc, (a, b)| acc | (a ^ b)) == 0;
    if !same {
        return Err(bad());
    }
    Ok((row, key))
}

// ---------------------------------------------------------------------------------------
// Subscribing

/// Names a topic for the visitor; a category that does not exist is refused.
async fn label(conn: &mut SqliteConnection, topic: &Topic) -> Result<String, ApiError> {
    let name = match topic {
        Topic::Category(slug) => Some(
            sqlx::query_scalar::<_, String>("SELECT name FROM categories WHERE slug = ?1")
                .bind(slug)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(|| ApiError::Invalid(TOPIC_INVALID.into()))?,
        ),
        _ => None,
    };
    Ok(topic.label(name.as_deref()))
}

/// The topics the subscribe form offers: (`Topic::value`, name): every category, the
/// resolutions, and the four calendars.
pub async fn topics(pool: &SqlitePool) -> Result<Vec<(String, String)>, ApiError> {
    let categories: Vec<(String, String)> =
        sqlx::query_as("SELECT slug, name FROM categories ORDER BY parent_id IS NOT NULL, position, name")
            .fetch_all(pool)
            .await?;
    let mut topics: Vec<(String, String)> = categories
        .into_iter()
        .map(|(slug, name)| {
            let topic = Topic::Category(slug);
            (topic.value(), topic.label(Some(&name)))
        })
        .collect();
    topics.push((Topic::Resolutions.value(), Topic::Resolutions.label(None)));
    for (key, _) in crate::records::CALENDARS {
        let topic = Topic::Calendar(key.to_string());
        topics.push((topic.value(), topic.label(None)));
    }
    Ok(topics)
}

/// A request to subscribe `email` (normalised by the caller): a new subscription waits for
/// its confirmation (mailed, good for `CONFIRM_HOURS`); one waiting already gets a new link
/// and the new frequency; an address already subscribed is mailed its manage link instead.
/// The answer is the same in every case.
pub async fn subscribe(
    pool: &SqlitePool,
    email: &str,
    topic: &Topic,
    frequency: Frequency,
    ip: &str,
    base_url: &str,
) -> Result<(), ApiError> {
    let now = super::now();
    let token = new_token()?;
    let key = secret(pool, "subscription").await?;
    let mut tx = super::write_unseen(pool).await?;
    let label = label(&mut tx, topic).await?;
    accept_request(&mut tx, Form::Subscribe, email, email, ip, now).await?;
    sqlx::query("DELETE FROM subscriptions WHERE confirmed_at IS NULL AND confirm_until < ?1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let (kind, key_text, filter) = topic.parts();
    let existing: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, confirmed_at FROM subscriptions WHERE email = ?1 AND topic = ?2 AND topic_key = ?3 AND topic_kind = ?4",
    )
    .bind(email)
    .bind(kind)
    .bind(&key_text)
    .bind(&filter)
    .fetch_optional(&mut *tx)
    .await?;
    let confirm_link = format!("{base_url}{CONFIRM_PATH}?{TOKEN_PARAM}={token}");
    let message = match existing {
        Some((id, Some(_))) => already_message(email, &label, &links(&key, base_url, id, email)),
        Some((id, None)) => {
            sqlx::query("UPDATE subscriptions SET frequency = ?2, confirm_hash = ?3, confirm_until = ?4 WHERE id = ?1")
                .bind(id)
                .bind(frequency.key())
                .bind(token_hash(&token))
                .bind(now + CONFIRM_HOURS * 3600)
                .execute(&mut *tx)
                .await?;
            confirm_message(email, &label, frequency, &confirm_link)
        }
        None => {
            sqlx::query(
                "INSERT INTO subscriptions (email, topic, topic_key, topic_kind, frequency, confirm_hash, confirm_until, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .bind(email)
            .bind(kind)
            .bind(&key_text)
            .bind(&filter)
            .bind(frequency.key())
            .bind(token_hash(&token))
            .bind(now + CONFIRM_HOURS * 3600)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            confirm_message(email, &label, frequency, &confirm_link)
        }
    };
    enqueue(&mut tx, &message, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The topic a confirmation link would confirm, if the link is still good.
pub async fn confirmable(pool: &SqlitePool, token: &str) -> Result<Option<String>, ApiError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM subscriptions WHERE confirm_hash = ?1 AND confirmed_at IS NULL AND confirm_until > ?2"
    ))
    .bind(token_hash(token))
    .bind(super::now())
    .fetch_optional(pool)
    .await?;
    let Some(topic) = row.as_ref().and_then(Row::topic) else { return Ok(None) };
    let mut conn = pool.acquire().await?;
    Ok(Some(label(&mut conn, &topic).await?))
}

/// The subscriber confirms: from now on, what is published reaches them. Returns the
/// subscription's manage path. The link is used up.
pub async fn confirm(pool: &SqlitePool, token: &str) -> Result<String, ApiError> {
    let now = super::now();
    let key = secret(pool, "subscription").await?;
    let mut tx = super::write_unseen(pool).await?;
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM subscriptions WHERE confirm_hash = ?1 AND confirmed_at IS NULL AND confirm_until > ?2"
    ))
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let row = row.ok_or_else(|| ApiError::Invalid(BAD_CONFIRM_LINK.into()))?;
    // What is public now is not news to this subscriber.
    collect(&mut tx, now).await?;
    sqlx::query(
        "UPDATE subscriptions SET confirmed_at = ?2, confirm_hash = NULL, confirm_until = NULL, next_at = ?3, \
         last_seq = (SELECT COALESCE(MAX(seq), 0) FROM publications) WHERE id = ?1",
    )
    .bind(row.id)
    .bind(now)
    .bind(row.frequency().next_send(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(format!("{MANAGE_PATH}?{TOKEN_PARAM}={}", sign(&key, row.id, &row.email)))
}

// ---------------------------------------------------------------------------------------
// Managing

/// The subscription a manage link names, with the address's other subscriptions.
pub async fn view(pool: &SqlitePool, token: &str) -> Result<SubscriptionView, ApiError> {
    let (row, key) = by_token(pool, token).await?;
    let mut conn = pool.acquire().await?;
    let topic = row.topic().ok_or_else(|| ApiError::Invalid(BAD_MANAGE_LINK.into()))?;
    let topic_label = label(&mut conn, &topic).await.unwrap_or_else(|_| topic.label(None));
    let others: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM subscriptions WHERE email = ?1 AND id <> ?2 AND confirmed_at IS NOT NULL ORDER BY id"
    ))
    .bind(&row.email)
    .bind(row.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut other_links = Vec::new();
    for other in others {
        if let Some(t) = other.topic() {
            let name = label(&mut conn, &t).await.unwrap_or_else(|_| t.label(None));
            other_links.push((name, format!("{MANAGE_PATH}?{TOKEN_PARAM}={}", sign(&key, other.id, &other.email))));
        }
    }
    let t = super::time::vn_time(row.created_at);
    Ok(SubscriptionView {
        email: row.email.clone(),
        topic_label,
        topic_href: topic.page_href(),
        frequency: row.frequency(),
        since: crate::format::weekday_date(&t),
        others: other_links,
    })
}

/// Changes how often a subscriber hears of new items.
pub async fn set_frequency(pool: &SqlitePool, token: &str, frequency: Frequency) -> Result<(), ApiError> {
    let (row, _) = by_token(pool, token).await?;
    let now = super::now();
    let mut tx = super::write_unseen(pool).await?;
    sqlx::query("UPDATE subscriptions SET frequency = ?2, next_at = ?3 WHERE id = ?1")
        .bind(row.id)
        .bind(frequency.key())
        .bind(frequency.next_send(now))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Unsubscribes: the row (the address and its choices) is deleted.
pub async fn unsubscribe(pool: &SqlitePool, token: &str) -> Result<(), ApiError> {
    let (row, _) = by_token(pool, token).await?;
    let mut tx = super::write_unseen(pool).await?;
    sqlx::query("DELETE FROM subscriptions WHERE id = ?1").bind(row.id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Digests

/// A logged item as the digests see it: what the message says of it and what topics match.
struct Item {
    item: DigestItem,
    category: Option<i64>,
    calendar: Option<String>,
    words: HashSet<String>,
}

async fn load_item(
    pool: &SqlitePool,
    kind: SearchKind,
    id: i64,
    now: i64,
    base_url: &str,
) -> Result<Option<Item>, ApiError> {
    let doc: Option<Doc> = sqlx::query_as(documents::source(kind)).bind(id).fetch_optional(pool).await?;
    // Gone from public view since it was logged (a draft again, in the trash): not news.
    let Some(doc) = doc.filter(|d| d.visible_from <= now) else { return Ok(None) };
    let category = if kind == SearchKind::Article {
        sqlx::query_scalar("SELECT category_id FROM articles WHERE id = ?1").bind(id).fetch_optional(pool).await?
    } else {
        None
    };
    let words = crate::fold::words(&format!("{} {}", doc.title, doc.plain_body())).collect();
    Ok(Some(Item {
        item: DigestItem {
            kind,
            title: doc.title.clone(),
            day: doc.day.as_deref().map(crate::resolution::vn_date).unwrap_or_default(),
            link: format!("{base_url}{}", documents::url(kind, &doc)),
        },
        category,
        calendar: doc.calendar.clone(),
        words,
    }))
}

/// The ids of a category and of every category under it.
async fn category_tree(pool: &SqlitePool, slug: &str) -> Result<HashSet<i64>, ApiError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "WITH RECURSIVE tree(id) AS (SELECT id FROM categories WHERE slug = ?1 \
         UNION SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree",
    )
    .bind(slug)
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().collect())
}

fn matches(topic: &Topic, item: &Item, categories: &HashSet<i64>) -> bool {
    match topic {
        Topic::Category(_) => {
            item.item.kind == SearchKind::Article && item.category.is_some_and(|c| categories.contains(&c))
        }
        Topic::Resolutions => item.item.kind == SearchKind::Resolution,
        Topic::Calendar(key) => item.item.kind == SearchKind::Event && item.calendar.as_deref() == Some(key.as_str()),
        Topic::Search { q, kind } => {
            kind.is_none_or(|k| k == item.item.kind) && words_match(&crate::fold::terms(q), &item.words)
        }
    }
}

/// Queues the digests that are due at `now`: logs what became public, then, for each
/// confirmed subscription whose time has come, the items logged since its last digest that
/// match its topic. Returns how many messages were queued.
pub async fn run_digests(pool: &SqlitePool, now: i64, base_url: &str) -> Result<usize, ApiError> {
    let mut tx = super::write_unseen(pool).await?;
    sqlx::query("DELETE FROM subscriptions WHERE confirmed_at IS NULL AND confirm_until < ?1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    collect(&mut tx, now).await?;
    tx.commit().await?;
    let last: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM publications").fetch_one(pool).await?;
    // Subscriptions at once have nothing to do until something is logged; the others move on
    // to their next slot even when nothing is new.
    let due: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM subscriptions WHERE confirmed_at IS NOT NULL AND next_at <= ?1 \
         AND (last_seq < ?2 OR frequency <> 'ngay') ORDER BY id"
    ))
    .bind(now)
    .bind(last)
    .fetch_all(pool)
    .await?;
    let Some(from) = due.iter().map(|r| r.last_seq).min() else { return Ok(0) };
    let entries: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT seq, kind, item_id FROM publications WHERE seq > ?1 AND seq <= ?2 ORDER BY seq")
            .bind(from)
            .bind(last)
            .fetch_all(pool)
            .await?;
    let key = secret(pool, "subscription").await?;
    let mut items: HashMap<i64, Option<Item>> = HashMap::new();
    let mut trees: HashMap<String, HashSet<i64>> = HashMap::new();
    let mut queued = 0;
    for sub in due {
        let Some(topic) = sub.topic() else { continue };
        let categories = match &topic {
            Topic::Category(slug) => match trees.get(slug) {
                Some(t) => t.clone(),
                None => {
                    let t = category_tree(pool, slug).await?;
                    trees.insert(slug.clone(), t.clone());
                    t
                }
            },
            _ => HashSet::new(),
        };
        let mut found: Vec<DigestItem> = Vec::new();
        for (seq, kind, id) in entries.iter().filter(|(seq, ..)| *seq > sub.last_seq) {
            if !items.contains_key(seq) {
                let loaded = match SearchKind::from_code(*kind) {
                    Some(k) => load_item(pool, k, *id, now, base_url).await?,
                    None => None,
                };
                items.insert(*seq, loaded);
            }
            if let Some(Some(item)) = items.get(seq) {
                if matches(&topic, item, &categories) {
                    found.push(item.item.clone());
                }
            }
        }
        let frequency = sub.frequency();
        let mut tx = super::write_unseen(pool).await?;
        if !found.is_empty() {
            let name = label(&mut tx, &topic).await.unwrap_or_else(|_| topic.label(None));
            let more = found.len().saturating_sub(DIGEST_MAX_ITEMS);
            found.truncate(DIGEST_MAX_ITEMS);
            let message = digest_message(
                &sub.email,
                &name,
                frequency,
                &found,
                more,
                &format!("{base_url}{}", topic.page_href()),
                &links(&key, base_url, sub.id, &sub.email),
            );
            enqueue(&mut tx, &message, now).await?;
        }
        // Only if nobody moved the mark meanwhile (an unsubscribe, another run): then this
        // digest is dropped with its transaction.
        let moved = sqlx::query(
            "UPDATE subscriptions SET last_seq = ?2, next_at = ?3 WHERE id = ?1 AND last_seq = ?4 AND confirmed_at IS NOT NULL",
        )
        .bind(sub.id)
        .bind(last)
        .bind(frequency.next_send(now))
        .bind(sub.last_seq)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 1 {
            tx.commit().await?;
            queued += usize::from(!found.is_empty());
        }
    }
    Ok(queued)
}

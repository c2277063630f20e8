//! The anti-bot checks of the public forms that send mail, without any third party: a hidden
//! field people leave empty, and a time stamp signed by the server when the form is drawn,
//! which must be at least a few seconds old (bots post at once) and at most a day.

use crate::error::ApiError;
use crate::mail::{MAX_FILL_SECS, MIN_FILL_SECS, STALE_FORM, TOO_FAST, TRAPPED};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::SqlitePool;

type Signer = Hmac<Sha256>;

/// A key the server keeps for itself (`server_secrets`): `form_stamp` signs the forms' stamps,
/// `subscription` the subscriptions' links.
pub async fn secret(pool: &SqlitePool, name: &str) -> Result<Vec<u8>, ApiError> {
    Ok(sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = ?1").bind(name).fetch_one(pool).await?)
}

async fn key(pool: &SqlitePool) -> Result<Vec<u8>, ApiError> {
    secret(pool, "form_stamp").await
}

fn signer(key: &[u8], at: i64) -> Option<Signer> {
    let mut mac = Signer::new_from_slice(key).ok()?;
    mac.update(b"form-stamp:");
    mac.update(at.to_string().as_bytes());
    Some(mac)
}

/// `"<unix seconds>.<hex HMAC-SHA256 of them>"`.
pub fn sign(key: &[u8], at: i64) -> String {
    let mac = signer(key, at).map(|m| m.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect::<String>());
    format!("{at}.{}", mac.unwrap_or_default())
}

/// Whether `stamp` was signed with `key` between a day and a few seconds before `now`.
pub fn verify(key: &[u8], stamp: &str, now: i64) -> Result<(), &'static str> {
    let (at, mac) = stamp.trim().split_once('.').ok_or(STALE_FORM)?;
    let at: i64 = at.parse().map_err(|_| STALE_FORM)?;
    let mac: Vec<u8> = (0..mac.len())
        .step_by(2)
        .map(|i| mac.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<_>>()
        .ok_or(STALE_FORM)?;
    signer(key, at).ok_or(STALE_FORM)?.verify_slice(&mac).map_err(|_| STALE_FORM)?;
    let age = now - at;
    if age < MIN_FILL_SECS {
        Err(TOO_FAST)
    } else if age > MAX_FILL_SECS {
        Err(STALE_FORM)
    } else {
        Ok(())
    }
}

/// A fresh stamp for a form being drawn now.
pub async fn mint(pool: &SqlitePool) -> Result<String, ApiError> {
    Ok(sign(&key(pool).await?, super::now()))
}

/// Refuses (400, with the reason in Vietnamese) a form whose trap field was filled or whose
/// stamp is missing, forged, too fresh or too old.
pub async fn check(pool: &SqlitePool, stamp: &str, trap: &str) -> Result<(), ApiError> {
    if !trap.trim().is_empty() {
        return Err(ApiError::Invalid(TRAPPED.into()));
    }
    verify(&key(pool).await?, stamp, super::now()).map_err(|m| ApiError::Invalid(m.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_good_from_a_few_seconds_to_a_day() {
        let key = b"khoa-bi-mat";
        let stamp = sign(key, 1_000);
        assert_eq!(verify(key, &stamp, 1_000), Err(TOO_FAST));
        assert_eq!(verify(key, &stamp, 1_000 + MIN_FILL_SECS), Ok(()));
        assert_eq!(verify(key, &stamp, 1_000 + MAX_FILL_SECS + 1), Err(STALE_FORM));
    }

    #[test]
    fn a_forged_or_mangled_stamp_is_refused() {
        let key = b"khoa-bi-mat";
        let stamp = sign(key, 1_000);
        let (_, mac) = stamp.split_once('.').unwrap();
        assert_eq!(verify(key, &format!("900.{mac}"), 2_000), Err(STALE_FORM));
        assert_eq!(verify(b"khoa-khac", &stamp, 2_000), Err(STALE_FORM));
        for bad in ["", "abc", "1000.", "1000.zz", "1000.abc", "x.00"] {
            assert_eq!(verify(key, bad, 2_000), Err(STALE_FORM), "{bad:?}");
        }
    }
}

//! Accounts, passwords (Argon2id), login sessions and login rate limiting.

use crate::auth::{Role, UserInfo};
use crate::error::ApiError;
use crate::model::AccountRow;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

/// How long a login session lasts after logging in.
pub const LOGIN_SESSION_SECS: i64 = 12 * 60 * 60;
/// The window in which failed logins are counted, and the limits within it.
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const MIN_PASSWORD_CHARS: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("Địa chỉ email không hợp lệ.")]
    BadEmail,
    #[error("Mật khẩu phải có ít nhất {MIN_PASSWORD_CHARS} ký tự.")]
    WeakPassword,
    #[error("Đã có tài khoản với email này.")]
    Exists,
    #[error("Không có tài khoản với email này.")]
    NoSuchUser,
    #[error("Lỗi mã hóa mật khẩu.")]
    Hash,
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Db(#[from] sqlx::Error),
}

impl From<AccountError> for ApiError {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::Db(db) => db.into(),
            AccountError::Hash => ApiError::Server,
            other => ApiError::Invalid(other.to_string()),
        }
    }
}

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub(crate) fn check_password(password: &str) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::WeakPassword);
    }
    Ok(())
}

/// Argon2id's cost: 7 MiB of memory and 5 passes. OWASP lists it among the settings of equal
/// defence (19 MiB and 2 passes is the crate's default), and it is the one that needs least
/// memory: a login is then 7 MiB of the server's memory for a few milliseconds, not 19 (issue
/// 11's memory budget). Hashes carry their parameters, so older ones still verify.
pub const HASH_MEMORY_KIB: u32 = 7 * 1024;
pub const HASH_PASSES: u32 = 5;

fn hasher() -> Result<Argon2<'static>, AccountError> {
    let params = argon2::Params::new(HASH_MEMORY_KIB, HASH_PASSES, 1, None).map_err(|_| AccountError::Hash)?;
    Ok(Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params))
}

/// Argon2id with [`HASH_MEMORY_KIB`] and [`HASH_PASSES`], on a blocking thread, taking its turn
/// among the password checks.
pub async fn hash_password(password: &str) -> Result<String, AccountError> {
    let _turn = password_checks().acquire().await.map_err(|_| AccountError::Hash)?;
    hash_unchecked(password).await
}

/// Hashes without taking a turn (the caller holds one).
async fn hash_unchecked(password: &str) -> Result<String, AccountError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()?.hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|_| AccountError::Hash)
    })
    .await
    .map_err(|_| AccountError::Hash)?
}

async fn verify_password(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            // The hash's own parameters are used, whatever the hasher's.
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

pub async fn add_user(pool: &SqlitePool, email: &str, role: Role, password: &str) -> Result<i64, AccountError> {
    let email = normalise_email(email);
    if !crate::share::is_valid_email(&email) {
        return Err(AccountError::BadEmail);
    }
    check_password(password)?;
    let hash = hash_password(password).await?;
    let now = super::now();
    let result = sqlx::query(
        "INSERT INTO users (email, password_hash, role, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
    )
    .bind(&email)
    .bind(&hash)
    .bind(role.as_str())
    .bind(now)
    .execute(pool)
    .await;
    match result {
        Ok(done) => Ok(done.last_insert_rowid()),
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => Err(AccountError::Exists),
        Err(e) => Err(e.into()),
    }
}

/// Sets a new password and ends every login session of the account.
pub async fn reset_password(pool: &SqlitePool, email: &str, password: &str) -> Result<(), AccountError> {
    check_password(password)?;
    let hash = hash_password(password).await?;
    let id = user_id(pool, email).await?;
    let mut tx = super::write(pool).await?;
    sqlx::query("UPDATE users SET password_hash = ?1, updated_at = ?2 WHERE id = ?3")
        .bind(&hash)
        .bind(super::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM login_sessions WHERE user_id = ?1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Disables (or re-enables) an account; disabling ends its login sessions.
pub async fn set_disabled(pool: &SqlitePool, email: &str, disabled: bool) -> Result<(), AccountError> {
    let id = user_id(pool, email).await?;
    let mut tx = super::write(pool).await?;
    sqlx::query("UPDATE users SET disabled = ?1, updated_at = ?2 WHERE id = ?3")
        .bind(disabled)
        .bind(super::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if disabled {
        sqlx::query("DELETE FROM login_sessions WHERE user_id = ?1").bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn user_id(pool: &SqlitePool, email: &str) -> Result<i64, AccountError> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = ?1")
        .bind(normalise_email(email))
        .fetch_optional(pool)
        .await?
        .ok_or(AccountError::NoSuchUser)
}

pub async fn list_users(pool: &SqlitePool) -> Result<Vec<AccountRow>, AccountError> {
    let rows: Vec<(String, String, bool)> =
        sqlx::query_as("SELECT email, role, disabled FROM users ORDER BY email").fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(email, role, disabled)| AccountRow { email, role, disabled }).collect())
}

pub(crate) fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn new_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| ApiError::Server)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

pub enum LoginOutcome {
    /// Logged in: the login session token for the cookie.
    Ok { token: String, user: UserInfo },
    /// Wrong email or password (the same answer for both).
    Rejected,
    /// Too many failures for this account or this address.
    Throttled,
    /// Every password check the server allows at once is running; try again in a moment.
    Busy,
}

/// How many password checks (Argon2id, 7 MiB of memory each) run at once. Logins
/// beyond that are answered "busy" at once rather than queued, so a burst cannot exhaust
/// memory; setting and resetting passwords wait their turn.
pub const CONCURRENT_PASSWORD_CHECKS: usize = 4;

fn password_checks() -> &'static tokio::sync::Semaphore {
    static CHECKS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(CONCURRENT_PASSWORD_CHECKS);
    &CHECKS
}

/// Counts this attempt before its password is checked, in one write transaction: the
/// attempt is recorded as a failure at once (and forgotten if it succeeds), so parallel
/// attempts each see the ones before them and a burst gets at most the allowed number of
/// checks. Old failures are pruned on the way, so the table holds at most one window's worth.
/// `Ok(None)`: over a limit, nothing checked. `Ok(Some(id))`: the attempt's row.
async fn reserve_attempt(pool: &SqlitePool, email: &str, ip: &str, now: i64) -> Result<Option<i64>, ApiError> {
    let since = now - FAILURE_WINDOW_SECS;
    let mut tx = super::write_unseen(pool).await?;
    sqlx::query("DELETE FROM login_failures WHERE at < ?1").bind(since).execute(&mut *tx).await?;
    let (by_account, by_address): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(email = ?1), 0), COALESCE(SUM(ip = ?2), 0) FROM login_failures WHERE at >= ?3",
    )
    .bind(email)
    .bind(ip)
    .bind(since)
    .fetch_one(&mut *tx)
    .await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
        return Ok(None);
    }
    let id = sqlx::query("INSERT INTO login_failures (email, ip, at) VALUES (?1, ?2, ?3)")
        .bind(email)
        .bind(ip)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
    tx.commit().await?;
    Ok(Some(id))
}

pub async fn login(
    pool: &SqlitePool,
    email: &str,
    password: &str,
    ip: &str,
    now: i64,
) -> Result<LoginOutcome, ApiError> {
    let email = normalise_email(email);
    let Ok(_check) = password_checks().try_acquire() else {
        return Ok(LoginOutcome::Busy);
    };
    let Some(attempt) = reserve_attempt(pool, &email, ip, now).await? else {
        return Ok(LoginOutcome::Throttled);
    };
    let row: Option<(i64, String, String, bool)> =
        sqlx::query_as("SELECT id, password_hash, role, disabled FROM users WHERE email = ?1")
            .bind(&email)
            .fetch_optional(pool)
            .await?;
    // Without such an account, verify against a real hash of nothing, so timing says nothing.
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    let dummy = DUMMY.get_or_try_init(|| hash_unchecked("không phải mật khẩu của ai")).await?;
    let hash = row.as_ref().map(|r| r.1.as_str()).unwrap_or(dummy);
    let password_ok = verify_password(password, hash).await;
    let user = match row {
        Some((id, _, role, false)) if password_ok => {
            Role::parse(&role).map(|role| UserInfo { id, email: email.clone(), role })
        }
        _ => None,
    };
    // A failed attempt stays counted.
    let Some(user) = user else {
        return Ok(LoginOutcome::Rejected);
    };
    let token = new_token()?;
    let mut tx = super::write_unseen(pool).await?;
    sqlx::query("DELETE FROM login_failures WHERE email = ?1 OR id = ?2")
        .bind(&email)
        .bind(attempt)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM login_sessions WHERE expires_at < ?1").bind(now).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO login_sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
        .bind(token_hash(&token))
        .bind(user.id)
        .bind(now)
        .bind(now + LOGIN_SESSION_SECS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(LoginOutcome::Ok { token, user })
}

/// The user behind a login session token, if the login session is live and the account enabled.
pub async fn login_session_user(pool: &SqlitePool, token: &str, now: i64) -> Result<Option<UserInfo>, ApiError> {
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.email, u.role FROM login_sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.disabled = 0",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(id, email, role)| Role::parse(&role).map(|role| UserInfo { id, email, role })))
}

pub async fn logout(pool: &SqlitePool, token: &str) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM login_sessions WHERE token_hash = ?1").bind(token_hash(token)).execute(pool).await?;
    Ok(())
}

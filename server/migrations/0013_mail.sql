-- Mail: every message the portal sends is first a row here, written in the same transaction as
-- the action that causes it; the server's sender delivers it (see server/src/mailer.rs).
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    purpose         TEXT    NOT NULL,             -- app::mail::Purpose
    recipient       TEXT    NOT NULL,
    reply_to        TEXT,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,             -- plain text, UTF-8
    message_id      TEXT    NOT NULL UNIQUE,      -- the same on every attempt
    status          TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    queued_at       INTEGER NOT NULL,             -- retries stop a day after this
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    sent_at         INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
CREATE INDEX mail_outbox_recent ON mail_outbox(queued_at);

-- Who asked a public form to send mail, and when: only for the hourly limits, kept a day.
CREATE TABLE mail_requests (
    id        INTEGER PRIMARY KEY,
    form      TEXT    NOT NULL,                   -- app::mail::Form
    sender    TEXT    NOT NULL COLLATE NOCASE,
    recipient TEXT    NOT NULL COLLATE NOCASE,
    ip        TEXT    NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX mail_requests_at ON mail_requests(at);

-- Password reset links: the hash of the token, single use, one hour.
CREATE TABLE password_resets (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

-- Secrets the server keeps for itself (the key that signs forms' time stamps).
CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
INSERT INTO server_secrets (name, value) VALUES ('form_stamp', randomblob(32));

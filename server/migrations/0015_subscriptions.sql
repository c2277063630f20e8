-- Subscriptions: an address and what it follows (a category, the resolutions, a calendar or a
-- saved search) and how often; deleted on unsubscribe. The rest is bookkeeping: the pending
-- confirmation link's hash, and how far the digests have got.
CREATE TABLE subscriptions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL COLLATE NOCASE,
    topic         TEXT    NOT NULL CHECK (topic IN ('chuyen-muc', 'nghi-quyet', 'lich', 'tim-kiem')),
    topic_key     TEXT    NOT NULL DEFAULT '',    -- category slug, calendar key, or the search's words
    topic_kind    TEXT    NOT NULL DEFAULT '',    -- a saved search's type of result, or ''
    frequency     TEXT    NOT NULL CHECK (frequency IN ('ngay', 'hang-ngay', 'hang-tuan')),
    confirm_hash  TEXT    UNIQUE,                 -- until confirmed
    confirm_until INTEGER,
    confirmed_at  INTEGER,
    last_seq      INTEGER NOT NULL DEFAULT 0,     -- the last publication its digests have considered
    next_at       INTEGER NOT NULL DEFAULT 0,     -- when its next digest may go out
    created_at    INTEGER NOT NULL,
    UNIQUE (email, topic, topic_key, topic_kind)
);
CREATE INDEX subscriptions_due ON subscriptions(confirmed_at, next_at);

-- Everything that became public, once, in the order the portal saw it: a digest takes the
-- entries after its subscription's `last_seq` and moves `last_seq` in the transaction that
-- queues the message, so an item enters each subscriber's mail once, restarts or not.
CREATE TABLE publications (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    INTEGER NOT NULL,                     -- app::search::SearchKind::code
    item_id INTEGER NOT NULL,
    seen_at INTEGER NOT NULL,
    UNIQUE (kind, item_id)
);

-- The one-click unsubscribe URL of a subscription message (List-Unsubscribe, RFC 8058).
ALTER TABLE mail_outbox ADD COLUMN list_unsubscribe TEXT;

-- The key that signs subscriptions' manage and unsubscribe links.
INSERT INTO server_secrets (name, value) VALUES ('subscription', randomblob(32));

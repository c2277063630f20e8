-- Hỏi đáp and góp ý: citizens' questions and feedback, confirmed by a link mailed to the
-- asker, moderated by editors (published, answered or rejected) through the record editor.
CREATE TABLE questions (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL UNIQUE,       -- "hd-<id>"
    kind           TEXT    NOT NULL CHECK (kind IN ('hoi-dap', 'gop-y')),
    asker          TEXT    NOT NULL,              -- the name shown with the question
    email          TEXT    NOT NULL,              -- never shown; for the confirmation and the answer
    locality       TEXT    NOT NULL,
    field          TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    asked_on       TEXT    NOT NULL,              -- YYYY-MM-DD, the day it was confirmed
    status         TEXT    NOT NULL CHECK (status IN ('cho-xac-nhan', 'cho-duyet', 'da-dang', 'da-tra-loi', 'tu-choi')),
    answer         TEXT,
    answered_on    TEXT,                          -- YYYY-MM-DD
    answer_agency  TEXT,
    reject_reason  TEXT,
    confirm_hash   TEXT    UNIQUE,                -- SHA-256 of the confirmation token, until used
    confirm_until  INTEGER,
    is_demo        INTEGER NOT NULL DEFAULT 0,
    version        INTEGER NOT NULL DEFAULT 1,
    deleted_at     INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX questions_list ON questions(status, asked_on DESC);
CREATE INDEX questions_unconfirmed ON questions(status, created_at) WHERE status = 'cho-xac-nhan';

-- The menu's and the footer's "Góp ý - Hỏi đáp" lead to the questions, not to the static page.
UPDATE menu_items SET href = '/hoi-dap' WHERE href = '/trang/gop-y-hoi-dap';
UPDATE links SET url = '/hoi-dap' WHERE url = '/trang/gop-y-hoi-dap';

-- Account recovery: e-mail verification, single-use tokens for password resets and
-- verification links, and the durable outbox of outgoing mail.

-- When the user proved the address (clicked a verification link or reset the password by
-- mail); NULL until then. Users who signed up before verification existed are taken as verified,
-- so this release locks nobody out.
ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
UPDATE users SET email_verified_at = created_at;

-- Password-reset and verification tokens: only their SHA-256 is stored, like sessions. A token
-- is used at most once (used_at), lives until expires_at, and names the address it was mailed to,
-- so verifying proves exactly that address.
CREATE TABLE account_tokens (
    token_hash  BLOB PRIMARY KEY,                       -- SHA-256 of the rst_…/evt_… token
    purpose     TEXT NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX account_tokens_user ON account_tokens(user_id, purpose);
CREATE INDEX account_tokens_expiry ON account_tokens(expires_at);

-- Outgoing mail, one row per message, worked off by the mail dispatcher with retries (times in
-- Unix ms, as webhook deliveries). The body (which may hold a link with a token) is blanked when
-- the message is sent or fails for good.
CREATE TABLE mail_outbox (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,              -- mail_…: also the Message-ID's local part
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_attempt_at  INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    finished_at      INTEGER
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE status = 'pending';

-- PostgreSQL translation of Schema/0013_account_recovery.sql; keep the two in step.
-- Account recovery: e-mail verification, single-use tokens for password resets and
-- verification links, and the durable outbox of outgoing mail.

-- When the user proved the address; NULL until then. Users who signed up before verification
-- existed are taken as verified, so this release locks nobody out.
ALTER TABLE users ADD COLUMN email_verified_at bigint;
UPDATE users SET email_verified_at = created_at;

-- Password-reset and verification tokens: only their SHA-256 is stored, like sessions.
CREATE TABLE account_tokens (
    token_hash  bytea PRIMARY KEY,                      -- SHA-256 of the rst_…/evt_… token
    purpose     text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
    user_id     text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email       text NOT NULL,
    created_at  bigint NOT NULL,
    expires_at  bigint NOT NULL,
    used_at     bigint
);
CREATE INDEX account_tokens_user ON account_tokens(user_id, purpose);
CREATE INDEX account_tokens_expiry ON account_tokens(expires_at);

-- Outgoing mail, worked off by the mail dispatcher with retries (times in Unix ms).
-- seq: SQLite's INTEGER PRIMARY KEY (a rowid alias) becomes an identity column.
CREATE TABLE mail_outbox (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               text NOT NULL UNIQUE,              -- mail_…: also the Message-ID's local part
    recipient        text NOT NULL,
    subject          text NOT NULL,
    body             text NOT NULL,
    status           text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         bigint NOT NULL DEFAULT 0,
    next_attempt_at  bigint NOT NULL,
    last_attempt_at  bigint,
    last_error       text,
    created_at       bigint NOT NULL,
    finished_at      bigint
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE status = 'pending';

-- PostgreSQL translation of Schema/0001_accounts.sql; keep the two in step (same tables, columns,
-- constraints, indexes). Rules for every file here: SQLite INTEGER → bigint (64 bits, as SQLite
-- stores it), REAL → double precision, BLOB → bytea, TEXT → text; STRICT and WITHOUT ROWID dropped.
-- Times are Unix seconds (UTC). Secrets are never stored: sessions and API keys only by SHA-256.
--
-- seq columns replace SQLite's implicit rowid: accounts, users and api_keys are listed and paged
-- in insertion order (ORDER BY rowid, `rowid > (SELECT rowid … WHERE id = ?)` cursors); a
-- PostgreSQL port orders and pages by seq instead.

CREATE TABLE accounts (
    id          text PRIMARY KEY,                       -- acct_…
    name        text,
    plan        text NOT NULL DEFAULT 'free',
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at  bigint NOT NULL,
    updated_at  bigint NOT NULL,
    seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE   -- replaces rowid: insertion order
);

CREATE TABLE users (
    id             text PRIMARY KEY,                    -- usr_…
    account_id     text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email          text NOT NULL UNIQUE,                -- normalised: trimmed, lowercased
    name           text,
    role           text NOT NULL DEFAULT 'owner' CHECK (role IN ('owner', 'member')),
    password_hash  text NOT NULL,                       -- scrypt$logN$r$p$salt$hash
    created_at     bigint NOT NULL,
    seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE   -- replaces rowid: insertion order
);
CREATE INDEX users_account ON users(account_id);

CREATE TABLE sessions (
    token_hash  bytea PRIMARY KEY,                      -- SHA-256 of the sess_… token
    user_id     text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    account_id  text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at  bigint NOT NULL,
    expires_at  bigint NOT NULL,
    revoked_at  bigint
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_keys (
    id                  text PRIMARY KEY,               -- key_…
    account_id          text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_by_user_id  text REFERENCES users(id) ON DELETE SET NULL,
    name                text NOT NULL,
    display_prefix      text NOT NULL,                  -- first characters of the secret, for recognition
    secret_hash         bytea NOT NULL UNIQUE,          -- SHA-256 of the sk_live_… secret
    scopes              text NOT NULL DEFAULT '',       -- space-separated; empty = all
    created_at          bigint NOT NULL,
    last_used_at        bigint,
    revoked_at          bigint,
    seq                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE   -- replaces rowid: insertion order
);
CREATE INDEX api_keys_account ON api_keys(account_id, revoked_at);

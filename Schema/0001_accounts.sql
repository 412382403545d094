-- Accounts (tenants), their users, login sessions and API keys.
-- Times are Unix seconds (UTC). Secrets are never stored: sessions and API keys only by SHA-256.

CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,                       -- acct_…
    name        TEXT,
    plan        TEXT NOT NULL DEFAULT 'free',
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
    id             TEXT PRIMARY KEY,                    -- usr_…
    account_id     TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email          TEXT NOT NULL UNIQUE,                -- normalised: trimmed, lowercased
    name           TEXT,
    role           TEXT NOT NULL DEFAULT 'owner' CHECK (role IN ('owner', 'member')),
    password_hash  TEXT NOT NULL,                       -- scrypt$logN$r$p$salt$hash
    created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX users_account ON users(account_id);

CREATE TABLE sessions (
    token_hash  BLOB PRIMARY KEY,                       -- SHA-256 of the sess_… token
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_keys (
    id                  TEXT PRIMARY KEY,               -- key_…
    account_id          TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_by_user_id  TEXT REFERENCES users(id) ON DELETE SET NULL,
    name                TEXT NOT NULL,
    display_prefix      TEXT NOT NULL,                  -- first characters of the secret, for recognition
    secret_hash         BLOB NOT NULL UNIQUE,           -- SHA-256 of the sk_live_… secret
    scopes              TEXT NOT NULL DEFAULT '',       -- space-separated; empty = all
    created_at          INTEGER NOT NULL,
    last_used_at        INTEGER,
    revoked_at          INTEGER
) STRICT;
CREATE INDEX api_keys_account ON api_keys(account_id, revoked_at);

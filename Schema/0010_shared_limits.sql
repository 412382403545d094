-- Rate limits and login throttles shared by every API node (issue #14, item 5): N nodes together
-- allow exactly the plan's rate. Used when the deployment has more than one node (role api or
-- worker, or PostgreSQL); a single `serve --role all` on SQLite keeps them in memory.

-- One token bucket per API key or user: `tokens` after the last request at `updated_ms`, with
-- the capacity (requests per minute) it was sized for then.
CREATE TABLE rate_buckets (
    key          TEXT PRIMARY KEY,                 -- key:<api key id> | user:<user id> | account:<id>
    tokens       REAL NOT NULL,
    capacity     REAL NOT NULL,
    updated_ms   INTEGER NOT NULL,
    last_allowed INTEGER NOT NULL                  -- 1 when the request that last wrote the row got its token
);
CREATE INDEX rate_buckets_updated ON rate_buckets(updated_ms);

-- Failed logins per e-mail and per client address, each row one failure.
CREATE TABLE login_failures (
    scope      TEXT NOT NULL CHECK (scope IN ('email', 'address')),
    subject    TEXT NOT NULL,
    failed_ms  INTEGER NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures(scope, subject, failed_ms);
CREATE INDEX login_failures_failed ON login_failures(failed_ms);

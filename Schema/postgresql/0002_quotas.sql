-- PostgreSQL translation of Schema/0002_quotas.sql; keep the two in step.
-- Quotas: plans and their limits, per-account overrides, monthly frame usage and frame reservations.
-- Times are Unix seconds (UTC). Limit values are non-negative integers in the limit's unit
-- (pixels, frames, bytes, requests per minute, jobs, seconds), at most 2^53 - 1 so JSON clients
-- read them exactly. Every plan has a row for every limit name; a migration that adds a limit
-- name must seed it for every existing plan.

CREATE TABLE plans (
    name        text PRIMARY KEY,                       -- free, premium, or an operator's custom plan
    created_at  bigint NOT NULL,
    updated_at  bigint NOT NULL
);

CREATE TABLE plan_limits (
    plan   text NOT NULL REFERENCES plans(name) ON DELETE CASCADE,
    name   text NOT NULL,                               -- image_long_side, monthly_frames, ...
    value  bigint NOT NULL CHECK (value >= 0 AND value <= 9007199254740991),
    PRIMARY KEY (plan, name)
);

-- One account's value for one limit, winning over its plan's.
CREATE TABLE limit_overrides (
    account_id  text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name        text NOT NULL,
    value       bigint NOT NULL CHECK (value >= 0 AND value <= 9007199254740991),
    updated_at  bigint NOT NULL,
    PRIMARY KEY (account_id, name)
);

-- Frames committed per account and calendar month (UTC), period 'YYYY-MM'.
CREATE TABLE frame_usage (
    account_id  text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    period      text NOT NULL,
    frames      bigint NOT NULL CHECK (frames >= 0),
    updated_at  bigint NOT NULL,
    PRIMARY KEY (account_id, period)
);

-- Frames held for admitted work. A held reservation counts against the month until it is
-- committed (work done: frames move to frame_usage), released (failure, cancel) or its lease
-- passes expires_at (the worker died); settled rows are kept a while for idempotent commits.
CREATE TABLE frame_reservations (
    id          text PRIMARY KEY,                       -- rsv_…
    account_id  text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    period      text NOT NULL,
    frames      bigint NOT NULL CHECK (frames > 0),
    state       text NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'committed', 'released', 'expired')),
    created_at  bigint NOT NULL,
    expires_at  bigint NOT NULL,
    settled_at  bigint
);
CREATE INDEX frame_reservations_held ON frame_reservations(account_id, period) WHERE state = 'held';
CREATE INDEX frame_reservations_expiry ON frame_reservations(expires_at) WHERE state = 'held';
CREATE INDEX frame_reservations_settled ON frame_reservations(settled_at) WHERE state <> 'held';

-- accounts.plan (from 0001) names a row of plans; enforced here because the column predates the
-- table. SQLite's RAISE(ABORT, 'unknown plan') becomes a check_violation (SQLSTATE 23514) with the
-- same message, so both backends report StorageError.constraintViolation("unknown plan").
CREATE FUNCTION accounts_plan_known() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM plans WHERE name = NEW.plan) THEN
        RAISE EXCEPTION 'unknown plan' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER accounts_plan_insert BEFORE INSERT ON accounts
FOR EACH ROW EXECUTE FUNCTION accounts_plan_known();

CREATE TRIGGER accounts_plan_update BEFORE UPDATE OF plan ON accounts
FOR EACH ROW EXECUTE FUNCTION accounts_plan_known();

-- Defaults of API.md. upload_bytes: "25 MB" and "1 GB" are taken as binary units (25 MiB, 1 GiB).
-- floor(): SQLite's unixepoch() truncates to whole seconds, a plain ::bigint cast would round.
INSERT INTO plans (name, created_at, updated_at) VALUES
    ('free', floor(extract(epoch FROM now()))::bigint, floor(extract(epoch FROM now()))::bigint),
    ('premium', floor(extract(epoch FROM now()))::bigint, floor(extract(epoch FROM now()))::bigint);

INSERT INTO plan_limits (plan, name, value) VALUES
    ('free', 'image_long_side', 1024),
    ('free', 'image_pixels', 1048576),
    ('free', 'video_frames', 120),
    ('free', 'video_long_side', 512),
    ('free', 'upload_bytes', 26214400),
    ('free', 'monthly_frames', 500),
    ('free', 'custom_filters', 5),
    ('free', 'stored_bytes', 1073741824),
    ('free', 'requests_per_minute', 60),
    ('free', 'concurrent_jobs', 1),
    ('free', 'retention_seconds', 86400),
    ('premium', 'image_long_side', 4096),
    ('premium', 'image_pixels', 16777216),
    ('premium', 'video_frames', 3600),
    ('premium', 'video_long_side', 1280),
    ('premium', 'upload_bytes', 1073741824),
    ('premium', 'monthly_frames', 50000),
    ('premium', 'custom_filters', 200),
    ('premium', 'stored_bytes', 107374182400),
    ('premium', 'requests_per_minute', 600),
    ('premium', 'concurrent_jobs', 4),
    ('premium', 'retention_seconds', 2592000);

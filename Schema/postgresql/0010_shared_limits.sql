-- Rate limits and login throttles shared by every API node: the PostgreSQL form of
-- Schema/0010_shared_limits.sql.
CREATE TABLE rate_buckets (
    key          text PRIMARY KEY,
    tokens       double precision NOT NULL,
    capacity     double precision NOT NULL,
    updated_ms   bigint NOT NULL,
    last_allowed bigint NOT NULL
);
CREATE INDEX rate_buckets_updated ON rate_buckets(updated_ms);

CREATE TABLE login_failures (
    scope      text NOT NULL CHECK (scope IN ('email', 'address')),
    subject    text NOT NULL,
    failed_ms  bigint NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures(scope, subject, failed_ms);
CREATE INDEX login_failures_failed ON login_failures(failed_ms);

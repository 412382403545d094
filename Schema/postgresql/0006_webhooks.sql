-- PostgreSQL translation of Schema/0006_webhooks.sql; keep the two in step.
-- Webhooks: endpoints an account registers, and one durable delivery per (endpoint, event).
-- Endpoint times are Unix seconds; delivery times are Unix milliseconds, because retry
-- schedules are configurable down to milliseconds (tests) and attempts are timed in ms.
--
-- seq: SQLite's INTEGER PRIMARY KEY (a rowid alias) becomes an identity column.

-- An account's registered receiver. The signing secret must be readable to sign (HMAC), so it is
-- stored as issued; it is shown to the client only in the answer that created the endpoint.
CREATE TABLE webhook_endpoints (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- stable order for lists
    id          text NOT NULL UNIQUE,                -- whk_…
    account_id  text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    url         text NOT NULL,
    events      text NOT NULL,                       -- comma-separated event types it subscribes to
    secret      text NOT NULL,                       -- whsec_<base64>
    created_at  bigint NOT NULL
);
CREATE INDEX webhook_endpoints_account ON webhook_endpoints(account_id, seq);

-- One message to one endpoint. UNIQUE(endpoint_id, event_key) makes enqueueing idempotent: a
-- job observer that fires again (recovery, restart) adds nothing. A claimed delivery's
-- next_attempt_at is pushed to the end of its lease, so one whose process died is due again.
CREATE TABLE webhook_deliveries (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               text NOT NULL UNIQUE,           -- msg_…: the webhook-id header, the same on every retry
    endpoint_id      text NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    account_id       text NOT NULL,
    event_key        text NOT NULL,                  -- <type>:<subject id>
    event_type       text NOT NULL,
    payload          bytea NOT NULL,                 -- the exact JSON body that is signed and sent
    status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         bigint NOT NULL DEFAULT 0,
    next_attempt_at  bigint NOT NULL,
    last_attempt_at  bigint,
    last_status      bigint,                         -- the last HTTP status answered, if any
    last_error       text,                           -- why the last attempt failed
    created_at       bigint NOT NULL,
    finished_at      bigint,                         -- delivered or failed for good
    UNIQUE (endpoint_id, event_key)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, seq);

-- Every event enqueued (whether or not an endpoint wanted it), so an event is enqueued once and
-- a start-up sweep can find stylizations that ended without one (a crash between the job's end
-- and its observer).
CREATE TABLE webhook_events (
    event_key   text PRIMARY KEY,                    -- <type>:<subject id>
    subject     text NOT NULL,
    account_id  text NOT NULL,
    created_at  bigint NOT NULL                      -- Unix ms
);
CREATE INDEX webhook_events_subject ON webhook_events(subject);

-- The per-request callback of POST /v1/stylizations (webhook_url); NULL when none was given.
ALTER TABLE stylization_inputs ADD COLUMN webhook_url text;

-- Webhooks: endpoints an account registers, and one durable delivery per (endpoint, event).
-- Endpoint times are Unix seconds; delivery times are Unix milliseconds, because retry
-- schedules are configurable down to milliseconds (tests) and attempts are timed in ms.

-- An account's registered receiver. The signing secret must be readable to sign (HMAC), so it is
-- stored as issued; it is shown to the client only in the answer that created the endpoint.
CREATE TABLE webhook_endpoints (
    seq         INTEGER PRIMARY KEY,                 -- stable order for lists
    id          TEXT NOT NULL UNIQUE,                -- whk_…
    account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    url         TEXT NOT NULL,
    events      TEXT NOT NULL,                       -- comma-separated event types it subscribes to
    secret      TEXT NOT NULL,                       -- whsec_<base64>
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX webhook_endpoints_account ON webhook_endpoints(account_id, seq);

-- One message to one endpoint. UNIQUE(endpoint_id, event_key) makes enqueueing idempotent: a
-- job observer that fires again (recovery, restart) adds nothing. A claimed delivery's
-- next_attempt_at is pushed to the end of its lease, so one whose process died is due again.
CREATE TABLE webhook_deliveries (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,           -- msg_…: the webhook-id header, the same on every retry
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    account_id       TEXT NOT NULL,
    event_key        TEXT NOT NULL,                  -- <type>:<subject id>
    event_type       TEXT NOT NULL,
    payload          BLOB NOT NULL,                  -- the exact JSON body that is signed and sent
    status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    last_attempt_at  INTEGER,
    last_status      INTEGER,                        -- the last HTTP status answered, if any
    last_error       TEXT,                           -- why the last attempt failed
    created_at       INTEGER NOT NULL,
    finished_at      INTEGER,                        -- delivered or failed for good
    UNIQUE (endpoint_id, event_key)
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, seq);

-- Every event enqueued (whether or not an endpoint wanted it), so an event is enqueued once and
-- a start-up sweep can find stylizations that ended without one (a crash between the job's end
-- and its observer).
CREATE TABLE webhook_events (
    event_key   TEXT PRIMARY KEY,                    -- <type>:<subject id>
    subject     TEXT NOT NULL,
    account_id  TEXT NOT NULL,
    created_at  INTEGER NOT NULL                     -- Unix ms
) STRICT, WITHOUT ROWID;
CREATE INDEX webhook_events_subject ON webhook_events(subject);

-- The per-request callback of POST /v1/stylizations (webhook_url); NULL when none was given.
ALTER TABLE stylization_inputs ADD COLUMN webhook_url TEXT;

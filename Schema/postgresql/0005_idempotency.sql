-- PostgreSQL translation of Schema/0005_idempotency.sql; keep the two in step.
-- Idempotency keys of POSTs that create work, and where each stylization's inputs came from.
-- Times are Unix seconds (UTC).

-- One row per (account, Idempotency-Key). The first request inserts it with no response (in
-- flight: a repeat answers 409); its answer is then stored and replayed for 24 h to a repeat with
-- the same body hash (a different body answers 422).
CREATE TABLE idempotency_keys (
    account_id       text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key              text NOT NULL,
    request_hash     text NOT NULL,                  -- SHA-256 hex of method, path and body
    response_status  bigint,                         -- NULL while the first request runs
    response_body    bytea,
    location         text,                           -- the Location header of the first answer
    created_at       bigint NOT NULL,
    PRIMARY KEY (account_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- The API's names for a job's inputs: the content asset and the filters with their weights. Jobs
-- store files and style codes only (they know nothing of assets or filters).
CREATE TABLE stylization_inputs (
    job_id       text PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    content_id   text NOT NULL,                      -- ast_…
    filters      text NOT NULL                       -- JSON [{"id":"flt_…","weight":1}]
);

-- PostgreSQL translation of Schema/0014_batches.sql; keep the two in step.
-- Batches of stylizations (POST /v1/stylizations/batch): one row per batch, one per item. The
-- items' jobs are stored in the same transaction, so a batch is whole or absent. Times are Unix
-- seconds (UTC).
CREATE TABLE stylization_batches (
    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            text NOT NULL UNIQUE,                -- bat_…
    account_id    text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at    bigint NOT NULL,
    completed_at  bigint                               -- set once, when its last item ended (batch.completed)
);

CREATE TABLE stylization_batch_items (
    batch_id  text NOT NULL REFERENCES stylization_batches(id) ON DELETE CASCADE,
    position  bigint NOT NULL,                         -- 0-based, the order of the request
    job_id    text NOT NULL UNIQUE REFERENCES jobs(id) ON DELETE CASCADE,
    PRIMARY KEY (batch_id, position)
);

-- Batches of stylizations (POST /v1/stylizations/batch): one row per batch, one per item. The
-- items' jobs are stored in the same transaction, so a batch is whole or absent. Times are Unix
-- seconds (UTC).
CREATE TABLE stylization_batches (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,                -- bat_…
    account_id    TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    completed_at  INTEGER                              -- set once, when its last item ended (batch.completed)
) STRICT;

CREATE TABLE stylization_batch_items (
    batch_id  TEXT NOT NULL REFERENCES stylization_batches(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,                        -- 0-based, the order of the request
    job_id    TEXT NOT NULL UNIQUE REFERENCES jobs(id) ON DELETE CASCADE,
    PRIMARY KEY (batch_id, position)
) STRICT, WITHOUT ROWID;
